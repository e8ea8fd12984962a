// Running a C program compiled with ipc-demo's native runtime (src/native) against a trace
// socket a test serves as the controller would: real cc, real processes.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { nativeLauncher, type Launcher } from '../../src/runtime/launch.js';
import { compileNative } from '../../src/runtime/native-build.js';
import { GO, type RelayEvent, type TraceEvent } from '../../src/runtime/protocol.js';

/** The source line of a `@name` marker, as the runtime reports it in `step`. */
export function line(source: string, marker: string): string {
  const index = source.split('\n').findIndex((text) => text.includes(`/* @${marker} */`));
  if (index < 0) throw new Error(`no marker ${marker}`);
  return String(index + 1);
}

export interface Traced {
  readonly events: TraceEvent[];
  readonly exit: { code: number | null; signal: string | null };
  readonly pid: number;
  readonly stdout: string;
}

let dirs: string[] = [];
/** The directories this file's tests made, removed after each test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ipc-demo-native-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

export async function compiled(source: string): Promise<{ dir: string; binary: string; sourcePath: string }> {
  const dir = tempDir();
  const sourcePath = join(dir, 'prog.c');
  writeFileSync(sourcePath, source);
  const build = await compileNative(sourcePath, dir, 'program', ['-Wextra']);
  if (!build.ok) throw new Error(build.output);
  return { dir, binary: build.binary, sourcePath };
}

/**
 * Runs the binary with a trace socket served here, as the controller does: each step
 * is answered with `answer(event, socket)` (by default one go byte), and the run is over
 * once the process has exited and every trace connection has closed.
 */
export async function traced(
  binary: string,
  dir: string,
  answer: (event: TraceEvent, socket: Socket, events: readonly TraceEvent[]) => void = (_e, s) => s.write(Buffer.from([GO])),
  args: readonly string[] = [],
): Promise<Traced> {
  const socketPath = join(dir, 'trace.sock');
  const events: TraceEvent[] = [];
  const errors: string[] = [];
  let open = 0;
  let closedAll: () => void = () => undefined;
  const allClosed = new Promise<void>((resolve) => (closedAll = resolve));
  const server: Server = createServer((socket) => {
    open++;
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const event = JSON.parse(buffer.slice(0, nl)) as TraceEvent | RelayEvent;
        buffer = buffer.slice(nl + 1);
        // An output relay says itself and waits for the answer before its program runs (as the controller gives it).
        if (event.kind === 'relay') {
          socket.write(Buffer.from([GO]));
          continue;
        }
        events.push(event);
        if (event.kind === 'step') answer(event, socket, events);
      }
    });
    // A byte written to a process that has exited without reading it: the test answered a step it should not have.
    socket.on('error', (error) => errors.push(error.message));
    socket.on('close', () => {
      if (--open === 0) closedAll();
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const child = spawn(binary, args, {
    env: { PATH: process.env.PATH, IPC_DEMO_TRACE: socketPath, IPC_DEMO_GATE: 'step', IPC_DEMO_ROLE: 'main' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  const exit = await new Promise<Traced['exit']>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await allClosed;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  expect(errors).toEqual([]);
  return { events, exit, pid: child.pid!, stdout };
}

/**
 * The children `pid` forked, in the order it forked them: its fork() return values. Not the
 * order of the children's `hello` events, which is the order they connected: a child forked
 * second may be scheduled, and connect, first.
 */
export function forkedBy(events: readonly TraceEvent[], pid: number): number[] {
  return events.flatMap((e) => (e.kind === 'return' && e.pid === pid && e.name === 'fork' && typeof e.value === 'number' && e.value > 0 ? [e.value] : []));
}

/** One process's events but its state events (tested on their own), without pid and t: kind, then what the kind carries. */
export function of(events: readonly TraceEvent[], pid: number): Record<string, unknown>[] {
  return events
    .filter((e) => e.pid === pid && e.kind !== 'state')
    .map((event) => {
      const rest: Record<string, unknown> = { ...event };
      delete rest.pid;
      delete rest.t;
      return rest;
    });
}

export function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}

/** The launcher of one C program of a learner's: `source` written as `name` into the run's directory, then compiled and run as `ipc-demo name` does. */
export function programLauncher(name: string, source: string): Launcher {
  return nativeLauncher((dir) => {
    const path = join(dir, name);
    writeFileSync(path, source, { mode: 0o600 });
    return new Map([['main', path]]);
  });
}
