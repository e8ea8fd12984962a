// Another user connects to root's socket server. A path lives in a 0700 directory, but an abstract
// name is listed in /proc/net/unix and a port in /proc/net/tcp, and anyone may connect to either:
// the server must refuse that peer (socket-server.c checks SO_PEERCRED; for TCP the runtime reads
// /proc/net/tcp's uid column) and still answer the run's own client. Creating the second user
// needs root: CI runs as root; elsewhere this is skipped.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDemo } from '../src/demos/registry.js';
import type { RunEvent } from '../src/runtime/events.js';
import { parseNetTcp } from '../src/runtime/kernel/net-tcp.js';
import { compile, removeBuilds } from './contract/c-program.js';
import { expectNothingLeftOf, RunTrace, runsEnded } from './helpers/leftovers.js';

const PEER = 'ipcdemo-peer';
const CLI = fileURLToPath(new URL('../bin/ipc-demo.js', import.meta.url));
const isRoot = process.getuid?.() === 0;
const hasPython = spawnSync('python3', ['--version']).status === 0;
let peerUid = -1;
let base = '';

interface Role {
  readonly events: RunEvent[];
  readonly exited: Promise<number | null>;
  stderr: string;
  /** Ends it the orderly way (as a closed terminal would), if it still runs: a failed test must leave nothing. */
  stop(): void;
}

/** One terminal of a lab pair, as root, in run mode: its events as they come. */
function role(variant: string, name: string): Role {
  // Progress goes where the tests keep theirs (not writable for the other user: not kept, and not left in base).
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base, TMPDIR: base, XDG_STATE_HOME: process.env.XDG_STATE_HOME ?? '/nonexistent' };
  const child = spawn(process.execPath, [CLI, 'socket', '--variant', variant, '--role', name, '--json', '--mode', 'run'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen: Role = {
    events: [],
    stderr: '',
    exited: new Promise((resolve) => child.on('close', resolve)),
    stop: () => void (child.exitCode === null && child.signalCode === null && child.kill('SIGTERM')),
  };
  child.stderr.on('data', (d: Buffer) => (seen.stderr += d.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => seen.events.push(JSON.parse(line) as RunEvent));
  return seen;
}

async function until<T>(found: () => T | undefined, what: string | (() => string), timeoutMs = 15_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const value = found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The socket inodes a process holds, from its fd table. */
function socketInodes(pid: number): Set<number> {
  const inodes = new Set<number>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(Number(m[1]));
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** Where an outsider finds the server: its listening abstract name in /proc/net/unix, or its port in /proc/net/tcp. */
function serverAddress(variant: string, pid: number): { path: string } | { port: number } | undefined {
  const inodes = socketInodes(pid);
  if (variant === 'tcp') {
    const row = parseNetTcp(readFileSync('/proc/net/tcp', 'utf8')).find((r) => r.state === 'LISTEN' && inodes.has(r.inode));
    return row && { port: Number(row.local.split(':')[1]) };
  }
  for (const line of readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // Num RefCount Protocol Flags Type St Inode Path: listening (__SO_ACCEPTCON) and named with @
    if (f[3] === '00010000' && inodes.has(Number(f[6])) && f[7]?.startsWith('@')) return { path: `\0${f[7].slice(1)}` };
  }
  return undefined;
}

/**
 * The other user connects, says hello and reads until the server closes: what did it get back?
 * In Python, whose connect() gives an abstract name its exact length as the listings do (Node's
 * pads it to the whole sun_path, a different name).
 */
function intrude(address: { path: string } | { port: number }): Promise<{ answer: string; ended: string }> {
  const script = `
import json, os, socket, sys
a = json.loads(sys.argv[1])
s = socket.socket(socket.AF_UNIX if 'path' in a else socket.AF_INET)
s.settimeout(10)
s.connect(a['path'] if 'path' in a else ('127.0.0.1', a['port']))
answer, ended = b'', 'end'
try:
    s.sendall(b'hello from uid %d' % os.getuid())
    while (d := s.recv(256)):
        answer += d
except ConnectionResetError:
    ended = 'ECONNRESET'
except BrokenPipeError:
    ended = 'EPIPE'
except socket.timeout:
    ended = 'still open after 10 s'
print(json.dumps({'answer': answer.decode('latin1'), 'ended': ended}))`;
  const child = spawn('runuser', ['-u', PEER, '--', 'python3', '-c', script, JSON.stringify(address)], { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as { answer: string; ended: string }) : reject(new Error(`the other user's client failed: ${stderr}`)))),
  );
}

// Outside the describe: its hooks do not run when it is skipped, and the build directory is made on import.
afterAll(removeBuilds);

const output = (events: readonly RunEvent[]) => events.flatMap((e) => (e.kind === 'output' ? [e.text] : []));

// The other user's client is a few lines of Python: without python3 there is no one to intrude.
describe.skipIf(!isRoot || !hasPython)('another user at root\'s socket server', () => {
  beforeAll(() => {
    if (spawnSync('id', ['-u', PEER]).status !== 0) {
      expect(spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', PEER]).status).toBe(0);
    }
    peerUid = Number(spawnSync('id', ['-u', PEER], { encoding: 'utf8' }).stdout.trim());
    base = mkdtempSync(join(tmpdir(), 'ipc-peer-'));
  });

  afterAll(async () => {
    await runsEnded(base);
    rmSync(base, { recursive: true, force: true });
  });

  it.each(['abstract', 'tcp'])('%s: the other user is refused, unanswered; the run\'s own client is answered', async (variant) => {
    const trace = new RunTrace();
    const server = role(variant, 'server');
    const client: { role: Role | null } = { role: null };
    try {
      const pid = await until(() => server.events.find((e) => e.kind === 'call' && e.name === 'accept')?.pid, 'the server in accept()');
      trace.addEvents(server.events).watch(base);
      const address = await until(() => serverAddress(variant, pid), 'the server\'s name in /proc/net');
      const intruder = await intrude(address);
      expect(intruder, 'what the other user got back').toEqual({ answer: '', ended: expect.stringMatching(/^(end|ECONNRESET|EPIPE)$/) as unknown });
      // Refused where the check lives: in the listing's own output, or in the runtime's note.
      const refused = variant === 'tcp'
        ? () => server.events.some((e) => e.kind === 'note' && e.code === 'peer-refused' && e.detail === `uid ${peerUid}`)
        : () => output(server.events).some((line) => new RegExp(`^server: refused pid \\d+ of uid ${peerUid}: not my user$`).test(line));
      await until(() => refused() || undefined, () => `the refusal; the server's last events:\n${server.events.slice(-6).map((e) => JSON.stringify(e)).join('\n')}`, 5_000);

      client.role = role(variant, 'client');
      const codes = await Promise.all([server.exited, client.role.exited]);
      // On stderr, only each terminal's exit line (what its end removed, or that the other keeps the directory).
      const said = (server.stderr + client.role.stderr).split('\n').filter((line) => line !== '' && !line.startsWith('ipc-demo: the run left nothing to remove') && !line.startsWith('ipc-demo: removed '));
      expect({ codes, stderr: said }).toEqual({ codes: [0, 0], stderr: [] });
      expect(output(client.role.events)).toContain('client: read 13 bytes "HELLO, SERVER"');
      expect(output(server.events)).toContain('server: accepted a connection');
    } finally {
      trace.addEvents(server.events).addEvents(client.role?.events ?? []);
      server.stop();
      client.role?.stop();
      await runsEnded(base);
    }
    expectNothingLeftOf(trace, base);
  });

  it('socket-server.c itself refuses the other user at its abstract name, then answers its own client', async () => {
    const demo = findDemo('socket')!;
    const dir = mkdtempSync(join(tmpdir(), 'ipc-peer-c-'));
    const name = join(dir, 'sock');
    const start = (file: string) => {
      const child = spawn(compile(demo, file), ['abstract', name], { stdio: ['ignore', 'pipe', 'pipe'] });
      const seen = { out: [] as string[], exited: new Promise<number | null>((resolve) => child.on('close', resolve)), child };
      createInterface({ input: child.stdout }).on('line', (line) => seen.out.push(line));
      return seen;
    };
    const server = start('socket-server.c');
    try {
      await until(() => (server.out.includes('server: listening, no file') ? true : undefined), 'the C server to listen');
      expect(await intrude({ path: `\0${name}` }), 'what the other user got back').toEqual({ answer: '', ended: expect.stringMatching(/^(end|ECONNRESET|EPIPE)$/) as unknown });
      await until(() => (server.out.some((line) => line.endsWith(`of uid ${peerUid}: not my user`)) ? true : undefined), () => `the refusal in: ${server.out.join(' | ')}`, 5_000);
      const client = start('socket-client.c');
      expect(await Promise.all([server.exited, client.exited])).toEqual([0, 0]);
      expect(client.out).toContain('client: read 13 bytes "HELLO, SERVER"');
    } finally {
      server.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
