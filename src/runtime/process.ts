// The runtime's side of a role: the traced libc facade, steps, printing,
// fork with a fresh trace connection for the child, and _exit.
import { existsSync, fstatSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { libcCalls, type Libc } from '../ffi/index.js';
import { ErrnoError, errnoName, lastErrno, strerror } from '../ffi/libc.js';
import { forkProcess } from '../ffi/fork.js';
import { deliverPending, programCall } from '../ffi/signal-gate.js';
import { fionread } from '../ffi/sys-ioctl.js';
import { memoryView } from '../ffi/sys-mman.js';
import { close, exit, getpid, getppid, write } from '../ffi/unistd.js';
import type { Proc } from '../demos/types.js';
import { foreignTcpPeer } from './peer-guard.js';
import type { TraceValue } from './protocol.js';
import { recordObject } from './run-dir.js';
import { TraceClient } from './trace-client.js';
import { milestone } from '../milestones.js';

export interface ProcOptions {
  readonly tracePath: string;
  readonly free: boolean;
  readonly args: readonly string[];
}

/** How a call's arguments look in events: C-like, small, never the buffer's bytes. */
export function describeArg(value: unknown): TraceValue {
  if (value === null) return 'NULL';
  if (value === undefined) return 0;
  if (typeof value === 'bigint') return `0x${value.toString(16)}`;
  if (value instanceof Uint8Array || value instanceof Int32Array) return `buf[${value.length}]`;
  if (Array.isArray(value)) return value.map(describeArg);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, field === null ? null : describeArg(field)]));
  }
  return String(value);
}

/** How many bytes of a shared mapping the kernel panel shows. */
const MEMORY_SHOWN = 32;

/** Creating calls whose objects outlive the run unless removed: recorded for the cleanup sweep. */
const SYSV_GETS: Readonly<Record<string, 'shm' | 'msg' | 'sem'>> = { shmget: 'shm', msgget: 'msg', semget: 'sem' };

/** A FIFO opened by path is a pipe too: its fill level is reported like a pipe's. */
function isFifo(fd: number): boolean {
  return pipeInode(fd) !== null;
}

/** The inode of the pipe or FIFO open on `fd` (the number in `pipe:[…]`), null if it is not one (closed, reused). */
function pipeInode(fd: number): number | null {
  try {
    const st = fstatSync(fd);
    return st.isFIFO() ? st.ino : null;
  } catch {
    return null;
  }
}

/**
 * How often a process waiting at a step measures its pipes again. Another process may fill or
 * drain them meanwhile, one that reports to another controller (a lab's other terminal) or none
 * at all: this process's view of the level is the only one its screen gets.
 */
const REMEASURE_MS = 100;

/** Calls whose only return is -1 with EINTR, after a handler ran: not an error, but the errno is shown. */
const INTERRUPTED_BY_DESIGN = new Set(['pause', 'sigsuspend']);

function cName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export class RuntimeProc implements Proc {
  readonly c: Libc;
  readonly args: readonly string[];
  private trace: TraceClient;
  private currentStep: string | undefined;
  private readonly options: ProcOptions;
  /** Pipe ends this process made: their fill level is reported at every step. */
  private readonly watched = new Set<number>();
  /** Shared memory this process mapped (mmap, shmat): its first bytes are reported at every step. */
  private readonly mappings = new Map<bigint, number>();
  private lastState = '';
  /** Steps taken so far, to tell that a signal handler took one while this process waited. */
  private steps = 0;

  constructor(options: ProcOptions, role: string) {
    this.options = options;
    this.args = options.args;
    this.trace = new TraceClient(options.tracePath, options.free);
    this.hello(role);
    this.c = this.traced();
  }

  /**
   * A runner's own fds are every fd open before the demo's code runs (Node's,
   * the trace socket); a child's are its new trace socket (it inherits its parent's list).
   */
  private hello(role: string, inherited = false): void {
    // readdir holds one more fd while it lists: keep only those still open afterwards.
    const ownFds = inherited ? [this.trace.fd] : readdirSync('/proc/self/fd').map(Number).filter((fd) => existsSync(`/proc/self/fd/${fd}`)).sort((a, b) => a - b);
    this.trace.emit({ kind: 'hello', pid: getpid(), ppid: getppid(), role, ownFds });
  }

  private emit(event: Record<string, unknown>): void {
    this.trace.emit({ ...event, pid: getpid(), step: this.currentStep });
  }

  private traced(): Libc {
    const wrapped: Record<string, unknown> = {};
    for (const [key, fn] of Object.entries(libcCalls)) {
      const name = cName(key);
      wrapped[key] = (...args: unknown[]) => this.call(name, args, () => (fn as (...a: unknown[]) => unknown)(...args));
    }
    return wrapped as Libc;
  }

  private call<T>(name: string, args: readonly unknown[], run: () => T): T {
    this.deliverBeforeLine();
    this.emit({ kind: 'call', name, args: args.map(describeArg) });
    const at = this.currentStep;
    const sysv = SYSV_GETS[name];
    const dir = dirname(this.options.tracePath);
    // Recorded before the call and right after it, ahead of any report: SIGKILL may come anywhere.
    if (sysv) recordObject(dir, sysv, null, Number(args[0]));
    let value: T;
    try {
      value = programCall(name, name === 'accept' ? () => this.acceptOwnUser(run as () => number) as T : run);
      if (sysv && typeof value === 'number') recordObject(dir, sysv, value, Number(args[0]));
    } catch (error) {
      this.currentStep = at;
      if (error instanceof ErrnoError) this.emit({ kind: 'return', name, value: -1, errno: error.code, message: error.description });
      throw error;
    }
    const errno = value === -1 && INTERRUPTED_BY_DESIGN.has(name) ? lastErrno() : 0;
    // A signal handler may have taken steps inside the call (pause, sigsuspend): it returns to this line.
    this.currentStep = at;
    this.emit({ kind: 'return', name, value: describeArg(value), ...(errno ? { errno: errnoName(errno), message: strerror(errno) } : {}) });
    if (name === 'pipe') for (const fd of value as number[]) this.watched.add(fd);
    if (name === 'close') this.watched.delete(args[0] as number);
    if (name === 'open' && isFifo(value as number)) this.watched.add(value as number);
    // The other end may have reported this pipe since: say its level again even if ours did not change.
    if ((name === 'read' || name === 'write') && this.watched.has(args[0] as number)) this.lastState = '';
    if (name === 'mmap') this.mappings.set(value as bigint, Number(args[0]));
    if (name === 'shmat') this.mappings.set(value as bigint, MEMORY_SHOWN);
    if (name === 'munmap' || name === 'shmdt') this.mappings.delete(args[0] as bigint);
    this.reportState();
    return value;
  }

  /** accept() until the peer is not another user's TCP socket: see peer-guard.ts for why the runtime does this. */
  private acceptOwnUser(accept: () => number): number {
    for (;;) {
      const fd = accept();
      const refused = foreignTcpPeer(fd);
      if (refused === null) return fd;
      close(fd);
      this.emit({ kind: 'note', code: 'peer-refused', detail: refused });
    }
  }

  private reportState(): void {
    const [seconds, nanoseconds] = process.hrtime(); // CLOCK_MONOTONIC
    const at = seconds * 1e6 + Math.floor(nanoseconds / 1e3);
    const pipes: { fd: number; inode: number; bytes: number }[] = [];
    for (const fd of this.watched) {
      const inode = pipeInode(fd);
      if (inode === null) {
        this.watched.delete(fd); // closed since, or the number now names something else
        continue;
      }
      pipes.push({ fd, inode, bytes: fionread(fd) });
    }
    const memory = [...this.mappings].map(([addr, length]) => ({
      addr: `0x${addr.toString(16)}`,
      hex: Buffer.from(memoryView(addr, Math.min(length, MEMORY_SHOWN))).toString('hex'),
    }));
    const state = JSON.stringify([pipes, memory]);
    if (state === this.lastState) return;
    this.lastState = state;
    this.trace.emit({ kind: 'state', pid: getpid(), at, pipes, memory });
  }

  /**
   * The program has reached a libc call: a signal that arrived while JS ran (its
   * handler kept blocked then) is handled now, as if it had come just before. A
   * handler that took steps brings the process back to this line: it says so again.
   */
  private deliverBeforeLine(): void {
    const at = this.currentStep;
    const steps = this.steps;
    if (!deliverPending()) return;
    this.currentStep = at;
    if (at !== undefined && this.steps !== steps) this.step(at);
  }

  step(id: string): void {
    this.reportState();
    this.currentStep = id;
    if (this.steps === 0) milestone('first line');
    this.trace.emit({ kind: 'step', pid: getpid(), step: id });
    let seen = ++this.steps;
    const remeasure = this.watched.size > 0 ? { everyMs: REMEASURE_MS, then: () => this.reportState() } : undefined;
    this.trace.waitForGo(() => {
      // A signal handler ran while this process waited here, and took steps of its
      // own: the process is back at this line, still waiting, and says so again.
      if (this.steps === seen) return;
      seen = this.steps;
      this.currentStep = id;
      this.trace.emit({ kind: 'step', pid: getpid(), step: id });
    }, remeasure);
  }

  print(line: string): void {
    this.deliverBeforeLine();
    this.output(1, line);
  }

  /** What perror(3) prints, then exit(1): how the C listings end on an error. */
  perror(error: ErrnoError): never {
    this.output(2, `${error.call}: ${error.description}`);
    return this.exit(1);
  }

  /** A bug in the twin itself, not a failed call: say so on stderr and end with 70 (EX_SOFTWARE). */
  crash(error: unknown): never {
    this.output(2, `ipc-demo runner: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return this.exit(70);
  }

  private output(fd: 1 | 2, line: string): void {
    const bytes = Buffer.from(`${line}\n`);
    let done = 0;
    while (done < bytes.length) done += write(fd, bytes.subarray(done));
    this.emit({ kind: 'output', fd, text: line });
  }

  fork(): number {
    this.deliverBeforeLine();
    this.emit({ kind: 'call', name: 'fork', args: [] });
    let pid: number;
    try {
      // The parent's connection is the parent's: the child says hello on its own, before the parent's fork() returns.
      // Its fork() return and first state go before too: the parent's fork() returns as the child's does.
      pid = forkProcess(() => {
        const free = this.trace.isFree;
        this.trace.closeInherited();
        this.trace = new TraceClient(this.options.tracePath, free);
        this.hello('child', true);
        this.emit({ kind: 'return', name: 'fork', value: 0 });
        this.lastState = '';
        this.reportState();
      });
    } catch (error) {
      if (error instanceof ErrnoError) this.emit({ kind: 'return', name: 'fork', value: -1, errno: error.code, message: error.description });
      throw error;
    }
    if (pid !== 0) this.emit({ kind: 'return', name: 'fork', value: pid });
    return pid;
  }

  exit(code: number): never {
    this.deliverBeforeLine();
    this.trace.emit({ kind: 'exit', pid: getpid(), status: { code, signal: null, core: false } });
    return exit(code);
  }
}
