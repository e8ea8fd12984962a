// A client that finds no server yet tries again, each time with a new socket: POSIX leaves a
// socket's state unspecified after a failed connect(), and says to close it and start over.
// Checked on the twin (its traced calls, in two lab terminals: the client first) and on the C
// listing (its calls under strace, the server started once two tries have failed).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { argvFor, compile, removeBuilds } from '../../../tests/contract/c-program.js';
import { demoAndVariant } from '../../../tests/helpers/run.js';
import { CLI } from '../../../tests/helpers/terminal.js';

afterAll(removeBuilds);

const VARIANTS = ['stream', 'dgram', 'tcp'];

function onPath(program: string): boolean {
  try {
    execFileSync(program, ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The events `--json` prints, as far as this test reads them. */
interface JsonEvent {
  readonly kind: string;
  readonly name?: string;
  readonly args?: readonly unknown[];
  readonly value?: unknown;
  readonly errno?: string;
}

interface Call {
  readonly name: string;
  readonly fd: number;
  readonly failed: boolean;
}

/**
 * The client's socket(), connect() and close() calls up to its first connect() that works, each
 * named by the socket() it belongs to: `socket #1`, `connect #1 failed`, `close #1`, `socket #2` …
 */
function numbered(calls: readonly Call[]): string[] {
  const number = new Map<number, number>(); // an fd number comes back once closed: it names the newest socket
  let sockets = 0;
  const out: string[] = [];
  for (const call of calls) {
    if (call.name === 'socket') number.set(call.fd, ++sockets);
    const n = number.get(call.fd);
    out.push(`${call.name} #${n ?? `fd ${call.fd}`}${call.failed ? ' failed' : ''}`);
    if (call.name === 'connect' && !call.failed) break;
  }
  return out;
}

/** What a careful client does after `failures` failed tries: close each failed socket and make a new one. */
function freshSocketEachTry(failures: number): string[] {
  const tries = Array.from({ length: failures }, (_, i) => [`socket #${i + 1}`, `connect #${i + 1} failed`, `close #${i + 1}`]);
  return [...tries.flat(), `socket #${failures + 1}`, `connect #${failures + 1}`];
}

describe('a socket client retrying connect()', () => {
  it.each(VARIANTS)('%s twin: closes the failed socket and makes a new one for the next try', async (variant) => {
    // Two terminals in lab mode, the client first: no server is there yet, so its tries fail.
    const base = mkdtempSync(join(tmpdir(), 'ipc-connect-retry-lab-'));
    onTestFinished(() => rmSync(base, { recursive: true, force: true }));
    const start = (role: string) => {
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base, TMPDIR: base, XDG_STATE_HOME: process.env.XDG_STATE_HOME ?? '/nonexistent' };
      const child = spawn(process.execPath, [CLI, 'socket', '--variant', variant, '--role', role, '--mode', 'run', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
      // A test that fails or times out mid-run: the terminal is closed, and removes what its run made first.
      onTestFinished(async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await ended;
      });
      return { events: [] as JsonEvent[], lines: createInterface({ input: child.stdout }), ended };
    };
    const client = start('client');
    let server: ReturnType<typeof start> | undefined;
    client.lines.on('line', (line) => {
      client.events.push(JSON.parse(line) as JsonEvent);
      if (!server && client.events.filter((e) => e.kind === 'return' && e.name === 'connect' && e.errno).length === 2) server = start('server');
    });
    const clientCode = await client.ended;
    const serverCode = await server?.ended;
    expect({ clientCode, serverCode }).toEqual({ clientCode: 0, serverCode: 0 });
    const calls = client.events.flatMap((e, i): Call[] => {
      if (e.kind !== 'return' || !['socket', 'connect', 'close'].includes(e.name!)) return [];
      const call = client.events.slice(0, i).findLast((c) => c.kind === 'call' && c.name === e.name);
      return [{ name: e.name!, fd: Number(e.name === 'socket' ? e.value : call?.args?.[0]), failed: Boolean(e.errno) }];
    });
    const failures = calls.filter((c) => c.name === 'connect' && c.failed).length;
    expect(failures).toBeGreaterThanOrEqual(2);
    expect(numbered(calls)).toEqual(freshSocketEachTry(failures));
    expect(readdirSync(base), 'the lab directory after both terminals left').toEqual([]);
  });

  it.for(VARIANTS)('%s listing: closes the failed socket and makes a new one for the next try (strace)', async (variant, context) => {
    if (!onPath('strace')) context.skip('strace is not on PATH: the listing’s calls were not traced (install strace; .ci/run does)');
    const { demo, variant: meta } = demoAndVariant('socket', variant);
    const dir = mkdtempSync(join(tmpdir(), 'ipc-connect-retry-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const run = (role: string, traced: boolean) => {
      const program = compile(demo, meta.listings[role]!);
      const args = argvFor(meta, role, dir, port);
      const [file, argv] = traced ? ['strace', ['-qq', '-e', 'trace=socket,connect,close', program, ...args]] : [program, args];
      const child = spawn(file, argv as string[], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
      const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
      // A test that fails or times out mid-run ends what it started (strace and its client, or the server) before the directory goes.
      onTestFinished(async () => {
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
        await ended;
      });
      return { child, ended };
    };
    const client = run('client', true);
    const trace: string[] = [];
    let server: ReturnType<typeof run> | undefined;
    // strace writes each call as it returns: the server starts once two tries have failed.
    createInterface({ input: client.child.stderr }).on('line', (line) => {
      trace.push(line);
      if (!server && trace.filter((l) => /^connect\(.*= -1 /.test(l)).length === 2) server = run('server', false);
    });
    const clientCode = await client.ended;
    const serverCode = await server?.ended;
    expect({ clientCode, serverCode }, trace.join('\n')).toEqual({ clientCode: 0, serverCode: 0 });
    // The loader's own close()s come before the program's first socket().
    const calls = trace
      .slice(trace.findIndex((l) => l.startsWith('socket(')))
      .map((l) => /^(socket|connect|close)\((\d*).*= (-?\d+)/.exec(l))
      .filter((m) => m !== null)
      .map(([, name, arg, value]) => ({ name: name!, fd: Number(name === 'socket' ? value : arg), failed: value === '-1' }));
    const failures = calls.filter((c) => c.name === 'connect' && c.failed).length;
    expect(failures).toBeGreaterThanOrEqual(2);
    expect(numbered(calls)).toEqual(freshSocketEachTry(failures));
  });
});
