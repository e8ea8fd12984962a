// The socket demo, run for real: what the kernel shows of each variant from
// outside the processes (/proc/net/unix and /proc/net/tcp, the peer link sock_diag
// reports, wchan, the socket file), their output and exits, and that nothing is left.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { expectNothingLeft, outputOf, pidsOf, recordRun, stepUntil, until, type Recorded } from '../../../tests/helpers/run.js';

type Run = Recorded['run'];
type RunEvent = Recorded['events'][number];
type KernelSnapshot = Recorded['snapshots'][number];

const SERVER_SAYS = ['server: listening, the file exists', 'server: accepted a connection', 'server: read 13 bytes "hello, server"', 'server: wrote "HELLO, SERVER"', 'server: read 0 bytes, the client has closed'];
const CLIENT_SAYS = ['client: connected', 'client: wrote "hello, server"', 'client: read 13 bytes "HELLO, SERVER"', 'client: closed'];

function wchan(pid: number | undefined): string {
  try {
    return readFileSync(`/proc/${pid}/wchan`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The lines of /proc/net/unix naming `path`, read here, independently of the tool's parser:
 * `Num RefCount Protocol Flags Type St Inode Path`; Flags 00010000 is a listening socket.
 */
function netUnix(path: string): { inode: number; type: string; state: string }[] {
  return readFileSync('/proc/net/unix', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 8 && f.slice(7).join(' ') === path)
    .map((f) => ({
      inode: Number(f[6]),
      type: f[4] === '0001' ? 'stream' : f[4] === '0002' ? 'dgram' : f[4]!,
      state: f[3] === '00010000' ? 'LISTEN' : f[5] === '03' ? 'CONNECTED' : f[5] === '01' ? 'UNCONNECTED' : f[5]!,
    }));
}

function isSocketFile(path: string): boolean {
  try {
    return lstatSync(path).isSocket();
  } catch {
    return false;
  }
}

/** The inode behind fd `fd` of `pid`, read from outside: /proc/<pid>/fd/<fd> -> socket:[inode]. */
function socketInode(pid: number, fd: number): number {
  return Number(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))![1]);
}

const role = (events: readonly RunEvent[], name: string) => () => pidsOf(events, name)[0];
const returned = (events: readonly RunEvent[], pid: number | undefined, call: string) => events.filter((e) => e.kind === 'return' && e.pid === pid && e.name === call);
const waitingAt = (run: Run, events: readonly RunEvent[], pid: number | undefined, step: string) =>
  pid !== undefined && run.waitingPids().includes(pid) && events.filter((e) => e.kind === 'step' && e.pid === pid).map((e) => (e as { step: string }).step).at(-1) === step;
const blockedIn = (run: Run, pid: number | undefined, call: string, where: RegExp) => pid !== undefined && run.procs.get(pid)?.inCall === call && where.test(wchan(pid));
const lastUnix = (snapshots: readonly KernelSnapshot[]) => snapshots.at(-1)?.unix ?? [];

/** dist/ as the global setup built it; a copy taken while someone rebuilds it misses files: take it again. */
async function copyBuiltTool(from: string, to: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    rmSync(to, { recursive: true, force: true });
    try {
      cpSync(from, to, { recursive: true });
      if (existsSync(join(to, 'cli.js')) && existsSync(join(to, 'runner.cjs'))) return;
    } catch {
      // a file vanished under the copy
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no complete build in ${from}`);
}

function expectCleanEnd(recorded: Recorded, names: readonly string[]): void {
  expect(recorded.result.reason).toBe('done');
  expect(recorded.result.exits.get('server')).toEqual({ code: 0, signal: null, core: false });
  expect(recorded.result.exits.get('client')).toEqual({ code: 0, signal: null, core: false });
  for (const name of names) expect(netUnix(name), `a /proc/net/unix line for ${name} after the run`).toEqual([]);
  expectNothingLeft(recorded);
}

describe('socket demo', () => {
  it('stream: bind, LISTEN, accept asleep, then two CONNECTED sockets that are each other’s peer', async () => {
    const seen: Record<string, unknown> = {};
    const recorded = await recordRun('socket', 'stream', { mode: 'step' }, async (run, events, snapshots) => {
      const server = role(events, 'server');
      const client = role(events, 'client');
      const path = join(run.dir, 'sock');
      const onlyServer = (pid: number) => pid === server();
      const onlyClient = (pid: number) => pid === client();

      await stepUntil(run, () => waitingAt(run, events, server(), 's-listen'), 'the server at listen()', onlyServer);
      await until(run, () => lastUnix(snapshots).some((r) => r.path === path && r.state === 'UNCONNECTED'), 'the bound socket in /proc/net/unix');
      seen.fileAfterBind = isSocketFile(path);
      seen.boundRows = netUnix(path).map((r) => [r.type, r.state]);

      await stepUntil(run, () => blockedIn(run, server(), 'accept', /./), 'the server asleep in accept()', onlyServer);
      await until(run, () => /__skb_wait_for_more_packets|unix_accept/.test(wchan(server())), 'accept() asleep in the kernel');
      seen.acceptWchan = wchan(server());
      seen.listening = netUnix(path).map((r) => [r.type, r.state]);

      // The client alone: it connects (accept returns, the server then waits at its next line), writes, and sleeps in read().
      await stepUntil(run, () => blockedIn(run, client(), 'read', /unix_stream_read_generic/), 'the client asleep in read()', onlyClient);
      seen.readWchan = wchan(client());
      await until(run, () => returned(events, server(), 'accept').length === 1, 'accept() returned in the server');
      const cfd = (returned(events, server(), 'accept')[0] as { value: number }).value;
      const clientFd = (returned(events, client(), 'socket')[0] as { value: number }).value;
      const accepted = socketInode(server()!, cfd);
      const mine = socketInode(client()!, clientFd);
      await until(run, () => lastUnix(snapshots).filter((r) => r.peer).length === 2, 'both connected sockets with their peer');
      seen.rows = netUnix(path).map((r) => [r.inode === accepted ? 'accepted' : 'listening', r.state]).sort();
      seen.peers = lastUnix(snapshots)
        .filter((r) => r.peer)
        .map((r) => [r.inode === accepted ? 'accepted' : r.inode === mine ? 'client' : r.inode, r.peer === accepted ? 'accepted' : r.peer === mine ? 'client' : r.peer, r.path === path ? 'path' : r.path || 'unnamed'])
        .sort();
      run.setMode('run');
      await until(run, () => returned(events, server(), 'unlink').length === 1, 'the server’s unlink()');
      seen.fileAfterUnlink = existsSync(path);
    });
    expect(seen).toEqual({
      fileAfterBind: true,
      boundRows: [['stream', 'UNCONNECTED']],
      acceptWchan: expect.stringMatching(/__skb_wait_for_more_packets|unix_accept/),
      listening: [['stream', 'LISTEN']],
      readWchan: 'unix_stream_read_generic',
      rows: [['accepted', 'CONNECTED'], ['listening', 'LISTEN']],
      peers: [['accepted', 'client', 'path'], ['client', 'accepted', 'unnamed']],
      fileAfterUnlink: false,
    });
    const { events } = recorded;
    const [server] = pidsOf(events, 'server');
    const [client] = pidsOf(events, 'client');
    expect(outputOf(events, server!)).toEqual([`server: pid ${server}`, ...SERVER_SAYS]);
    expect(outputOf(events, client!)).toEqual([`client: pid ${client}`, ...CLIENT_SAYS]);
    const steps = (pid: number) => events.filter((e) => e.kind === 'step' && e.pid === pid).map((e) => (e as { step: string }).step);
    expect(steps(server!)).toEqual(['s-socket', 's-bind', 's-listen', 's-accept', 's-read', 's-write', 's-read', 's-close', 's-unlink']);
    expect(steps(client!)).toEqual(['c-socket', 'c-connect', 'c-write', 'c-read', 'c-close']);
    expectCleanEnd(recorded, [join(recorded.dir, 'sock')]);
  });

  it('stale: a dead server’s file makes bind() fail with EADDRINUSE until it is unlinked', async () => {
    const seen: Record<string, unknown> = {};
    const recorded = await recordRun('socket', 'stale', { mode: 'step' }, async (run, events) => {
      const server = role(events, 'server');
      const path = join(run.dir, 'sock');
      const onlyServer = (pid: number) => pid === server();
      await stepUntil(run, () => waitingAt(run, events, server(), 's-socket'), 'the server past its leftover', onlyServer);
      seen.leftover = { file: isSocketFile(path), rows: netUnix(path).length };
      await stepUntil(run, () => waitingAt(run, events, server(), 's-unlink-stale'), 'the first bind() failed', onlyServer);
      seen.firstBind = returned(events, server(), 'bind').map((e) => [(e as { value: number }).value, (e as { errno?: string }).errno ?? null]);
      await stepUntil(run, () => waitingAt(run, events, server(), 's-rebind'), 'the stale file unlinked', onlyServer);
      seen.afterUnlink = existsSync(path);
      await stepUntil(run, () => waitingAt(run, events, server(), 's-listen'), 'the second bind()', onlyServer);
      seen.rebound = { file: isSocketFile(path), rows: netUnix(path).map((r) => r.state) };
      run.setMode('run');
    });
    expect(seen).toEqual({
      leftover: { file: true, rows: 0 },
      firstBind: [[0, null], [-1, 'EADDRINUSE']],
      afterUnlink: false,
      rebound: { file: true, rows: ['UNCONNECTED'] },
    });
    const [server] = pidsOf(recorded.events, 'server');
    expect(outputOf(recorded.events, server!).slice(1, 3)).toEqual(['server: a dead server left its socket file behind', 'server: bind: EADDRINUSE, the path is taken']);
    expect(returned(recorded.events, server, 'bind').map((e) => (e as { value: number }).value)).toEqual([0, -1, 0]);
    expectCleanEnd(recorded, [join(recorded.dir, 'sock')]);
  });

  it('abstract: the name shows as @… in /proc/net/unix and no file ever appears', async () => {
    const seen: Record<string, unknown> = {};
    const filesSeen = new Set<string>();
    const recorded = await recordRun('socket', 'abstract', { mode: 'step' }, async (run, events, snapshots) => {
      const server = role(events, 'server');
      const name = `@${join(run.dir, 'sock')}`;
      const look = () => readdirSync(run.dir).forEach((f) => filesSeen.add(f));
      run.on('event', look);
      await stepUntil(run, () => blockedIn(run, server(), 'accept', /./), 'the server asleep in accept()', (pid) => pid === server());
      await until(run, () => lastUnix(snapshots).some((r) => r.path === name && r.state === 'LISTEN'), 'the abstract name listening');
      seen.rows = netUnix(name).map((r) => r.state);
      run.setMode('run');
      await until(run, () => pidsOf(events, 'client').length === 1 && returned(events, pidsOf(events, 'client')[0], 'close').length === 1, 'the client done');
      look();
      run.off('event', look);
    });
    expect(seen).toEqual({ rows: ['LISTEN'] });
    expect([...filesSeen].filter((f) => !/^(trace-\d+\.sock|owner-\d+\.json|ipc\.key)$/.test(f)), 'files besides the run’s own').toEqual([]);
    const [server] = pidsOf(recorded.events, 'server');
    expect(outputOf(recorded.events, server!)[1]).toBe('server: listening, no file');
    expect(returned(recorded.events, server, 'unlink')).toEqual([]);
    expectCleanEnd(recorded, [`@${join(recorded.dir, 'sock')}`]);
  });

  it('dgram: two datagrams arrive as two, the connected client points at the server, recvfrom sleeps', async () => {
    const seen: Record<string, unknown> = {};
    const recorded = await recordRun('socket', 'dgram', { mode: 'step' }, async (run, events) => {
      const server = role(events, 'server');
      const client = role(events, 'client');
      const serverPath = join(run.dir, 'server.sock');
      const clientPath = join(run.dir, 'client.sock');
      await stepUntil(run, () => blockedIn(run, server(), 'recvfrom', /__skb_wait_for_more_packets/), 'the server asleep in recvfrom()', (pid) => pid === server());
      seen.recvWchan = wchan(server());
      seen.serverRow = netUnix(serverPath).map((r) => [r.type, r.state]);
      await stepUntil(run, () => waitingAt(run, events, client(), 'dc-send'), 'the client connected', (pid) => pid === client());
      // A poll begun now, with connect() returned: the newest snapshot may come from one begun before it.
      const rows = (await run.kernelAfter()).unix ?? [];
      const serverInode = rows.find((r) => r.path === serverPath)?.inode;
      seen.clientRow = rows.filter((r) => r.path === clientPath).map((r) => [r.type, r.state, r.peer === serverInode ? 'server' : r.peer]);
      run.setMode('run');
    });
    expect(seen).toEqual({
      recvWchan: '__skb_wait_for_more_packets',
      serverRow: [['dgram', 'UNCONNECTED']],
      clientRow: [['dgram', 'CONNECTED', 'server']],
    });
    const [server] = pidsOf(recorded.events, 'server');
    const [client] = pidsOf(recorded.events, 'client');
    expect(outputOf(recorded.events, server!).slice(1)).toEqual([
      'server: bound; no listen, no accept',
      'server: datagram 1, 3 bytes "one"',
      'server: datagram 2, 7 bytes "and two"',
      'server: sent "got your 2 datagrams" back to the sender',
    ]);
    expect(outputOf(recorded.events, client!).slice(1)).toEqual(['client: sent 3 bytes "one"', 'client: sent 7 bytes "and two"', 'client: received 20 bytes "got your 2 datagrams"']);
    expectCleanEnd(recorded, [join(recorded.dir, 'server.sock'), join(recorded.dir, 'client.sock')]);
  });

  it('tcp: LISTEN in /proc/net/tcp, accept asleep in inet_csk_accept, read in wait_woken, the client’s closed end in FIN_WAIT2', async () => {
    const seen: Record<string, unknown> = {};
    const recorded = await recordRun('socket', 'tcp', { mode: 'step' }, async (run, events, snapshots) => {
      const server = role(events, 'server');
      const client = role(events, 'client');
      const port = Number(run.argv('server')[0]);
      const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
      await stepUntil(run, () => blockedIn(run, server(), 'accept', /inet_csk_accept/), 'the server asleep in accept()', (pid) => pid === server());
      seen.acceptWchan = wchan(server());
      seen.listen = readFileSync('/proc/net/tcp', 'utf8').split('\n').filter((l) => l.includes(`${local} 00000000:0000 0A`)).length;
      await stepUntil(run, () => blockedIn(run, client(), 'read', /wait_woken/), 'the client asleep in read()', (pid) => pid === client());
      seen.readWchan = wchan(client());
      // The server answers and stops at its next read(); the client reads, closes first and exits.
      const serverReads = () => events.filter((e) => e.kind === 'step' && e.pid === server() && (e as { step: string }).step === 'ts-read').length;
      await stepUntil(run, () => serverReads() === 2 && waitingAt(run, events, server(), 'ts-read'), 'the server answered', (pid) => pid === server());
      await stepUntil(run, () => returned(events, client(), 'close').length === 1, 'the client closed', (pid) => pid === client());
      const closing = () => (snapshots.at(-1)?.tcp ?? []).map((r) => `${r.inode === 0 ? 'no one' : 'held'} ${r.state}`).sort();
      await until(run, () => closing().includes('no one FIN_WAIT2'), 'the closed client end in /proc/net/tcp');
      seen.closing = closing();
      run.setMode('run');
    });
    expect(seen).toEqual({
      acceptWchan: 'inet_csk_accept',
      listen: 1,
      readWchan: 'wait_woken',
      closing: ['held CLOSE_WAIT', 'held LISTEN', 'no one FIN_WAIT2'],
    });
    const [client] = pidsOf(recorded.events, 'client');
    expect(outputOf(recorded.events, client!).slice(1)).toEqual(CLIENT_SAYS);
    expectCleanEnd(recorded, []);
  });

  it('lab mode: server and client in two terminals meet at a socket in the per-user 0700 lab directory', async () => {
    const root = join(import.meta.dirname, '../../..');
    const stage = mkdtempSync(join(tmpdir(), 'ipc-socket-lab-'));
    const base = join(stage, 'base');
    try {
      // A copy of the built tool, since others may rebuild dist/ meanwhile, and a base of its own for the lab directory.
      cpSync(join(root, 'bin'), join(stage, 'bin'), { recursive: true });
      cpSync(join(root, 'package.json'), join(stage, 'package.json'));
      symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'));
      await copyBuiltTool(join(root, 'dist'), join(stage, 'dist'));
      mkdirSync(base, { mode: 0o700 });
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base, TMPDIR: base, XDG_STATE_HOME: process.env.XDG_STATE_HOME ?? '/nonexistent' };
      const start = (who: string, onEvent: (e: { kind: string; name?: string; text?: string }) => void) => {
        const child = spawn(process.execPath, [join(stage, 'bin/ipc-demo.js'), 'socket', '--role', who, '--mode', 'run', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        const lines: string[] = [];
        createInterface({ input: child.stdout }).on('line', (line) => {
          const event = JSON.parse(line) as { kind: string; name?: string; text?: string };
          if (event.kind === 'output' && event.text) lines.push(event.text.replace(/pid \d+/, 'pid N'));
          onEvent(event);
        });
        return { lines, ended: new Promise<number | null>((resolve) => child.on('exit', resolve)) };
      };
      const labDir = join(base, `ipc-demo-${process.getuid!()}-lab-socket-stream`);
      const path = join(labDir, 'sock');
      let atListen: Record<string, unknown> = {};
      let listening: () => void = () => undefined;
      const listened = new Promise<void>((resolve) => (listening = resolve));
      const server = start('server', (e) => {
        if (e.kind === 'return' && e.name === 'listen') {
          // The server now sleeps in accept() until a client comes: nothing changes under us here.
          atListen = { mode: (lstatSync(labDir).mode & 0o777).toString(8), socket: isSocketFile(path), rows: netUnix(path).map((r) => r.state) };
          listening();
        }
      });
      await Promise.race([listened, server.ended.then((code) => Promise.reject(new Error(`the server ended (${code}) before listening`)))]);
      const client = start('client', () => undefined);
      expect(await client.ended).toBe(0);
      expect(await server.ended).toBe(0);
      expect(atListen).toEqual({ mode: '700', socket: true, rows: ['LISTEN'] });
      expect(server.lines).toEqual(['server: pid N', ...SERVER_SAYS]);
      expect(client.lines).toEqual(['client: pid N', ...CLIENT_SAYS]);
      expect(existsSync(labDir), 'the lab directory after both terminals left').toBe(false);
      expect(netUnix(path)).toEqual([]);
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  });
});
