// fork() from Node, the recipe of DESIGN.md. V8 marks its heap and code pages
// MADV_DONTFORK, so a plain fork() gives a child with holes where its heap was.
// Undoing that over the whole address space as the very last thing before the
// fork, in a process started with --single-threaded, gives a child that runs JS.
import { readFileSync } from 'node:fs';
import { FORK_NODE_FLAGS } from './fork-flags.js';
import { errnoValue, ErrnoError, lastErrno } from './libc.js';
import { MADV_DOFORK, rawMadvise } from './sys-mman.js';
import { gate, isJsHandler, resetProgramSignals } from './signal-gate.js';
import { setParentDeathSignal } from './sys-prctl.js';
import {
  SIG_DFL, SIG_IGN, SIG_SETMASK, SIGACTION_SIZE, SIGKILL, fullSigset, rtSigprocmask, setDisposition,
  sigaction, sigactionHandler, sigprocmask, sigset,
} from './signal.js';
import { close, exit, getpid, getppid, pipe, rawFork, read } from './unistd.js';

const FIRST_PAGE = 0x1000n;
const USER_SPACE_END = 0x7fff_ffff_f000n;
const ENOMEM = errnoValue('ENOMEM');

/** Ranges to sweep: everything but the VM_IO mappings ([vvar]), which madvise refuses. */
function sweepRanges(): Array<[bigint, bigint]> {
  const io: Array<[bigint, bigint]> = [];
  let current: [bigint, bigint] | null = null;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
    if (range) current = [BigInt(`0x${range[1]}`), BigInt(`0x${range[2]}`)];
    else if (current && line.startsWith('VmFlags:') && / io( |$)/.test(line)) io.push(current);
  }
  io.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const ranges: Array<[bigint, bigint]> = [];
  let lo = FIRST_PAGE;
  for (const [start, end] of io) {
    if (start > lo) ranges.push([lo, start - lo]);
    lo = end;
  }
  ranges.push([lo, USER_SPACE_END - lo]);
  return ranges;
}

let ranges: Array<[bigint, bigint]> | null = null;
/** Every signal, SIGCANCEL too (set by the raw call): the kernel view knows this mask for the runtime's. */
const allSignals = fullSigset();
const savedMask = Buffer.alloc(128);
const readyByte = Buffer.alloc(1);

function assertForkable(): void {
  const missing = FORK_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
  if (missing.length > 0) {
    throw new Error(`fork: this process was not started with node ${missing.join(' ')}; a forked child would deadlock or crash`);
  }
}

/** Mark every mapping MADV_DOFORK. Allocates nothing: it must be the last thing before fork(). */
function sweep(list: Array<[bigint, bigint]>): boolean {
  for (const [lo, len] of list) {
    if (rawMadvise(lo, len, MADV_DOFORK) === -1 && lastErrno() !== ENOMEM) return false;
  }
  return true;
}

/**
 * In the child, first thing: die with the parent, and drop the handlers Node installed.
 * The program's own JS handlers stay, as a C child keeps its parent's handlers.
 */
function becomeChild(parentPid: number, keepBlocked: Buffer): void {
  setParentDeathSignal(SIGKILL);
  if (getppid() !== parentPid) exit(1);
  gate.singleThreaded = true;
  const old = Buffer.alloc(SIGACTION_SIZE);
  for (let signo = 1; signo <= 64; signo++) {
    if (signo === 9 || signo === 19 || signo === 32 || signo === 33) continue;
    try {
      sigaction(signo, null, old);
    } catch {
      continue;
    }
    const handler = sigactionHandler(old);
    if (handler !== SIG_DFL && handler !== SIG_IGN && !isJsHandler(handler)) setDisposition(signo, SIG_DFL);
  }
  rtSigprocmask(SIG_SETMASK, keepBlocked);
}

/** Blocks until every write end of the pipe is closed: the child is ready, or dead. */
function awaitClose(fd: number): void {
  while (read(fd, readyByte) > 0) {
    // nothing is ever written: only the end of file counts
  }
}

/**
 * fork(2) for a Node runner. Returns the child's pid in the parent and 0 in the
 * child, like fork. The child must run synchronous code only and end with _exit().
 *
 * `inChild` is the rest of the child's setup (its own trace connection). The
 * parent's fork() returns only once the child has done it, so both leave fork()
 * at about the same instant, as a C parent and child do: the child's setup,
 * which a C child does not have, takes far longer than anything the parent does
 * next, and would otherwise decide every race the program has (signal
 * textbook-race: the parent's kill() always first).
 */
export function forkProcess(inChild: () => void = () => undefined): number {
  assertForkable();
  ranges ??= sweepRanges();
  const parentPid = getpid();
  const [ready, readyWrite] = pipe();
  // The raw call: glibc would leave SIGCANCEL out, and this mask would look like a program's.
  rtSigprocmask(SIG_SETMASK, allSignals, savedMask);
  if (!sweep(ranges)) {
    ranges = sweepRanges();
    sweep(ranges);
  }
  const pid = rawFork();
  const errno = lastErrno();
  if (pid === 0) {
    close(ready);
    becomeChild(parentPid, savedMask);
    inChild();
    close(readyWrite); // the parent goes on now
    return 0;
  }
  close(readyWrite);
  if (pid !== -1) awaitClose(ready);
  close(ready);
  rtSigprocmask(SIG_SETMASK, savedMask);
  if (pid === -1) throw new ErrnoError('fork', errno);
  return pid;
}

/** Make a runner behave like a freshly exec'd C program: default dispositions, SIGPIPE included. */
export function resetSignalsLikeC(): void {
  const old = Buffer.alloc(SIGACTION_SIZE);
  for (let signo = 1; signo <= 64; signo++) {
    if (signo === 9 || signo === 19 || signo === 32 || signo === 33) continue;
    sigaction(signo, null, old);
    if (sigactionHandler(old) !== SIG_DFL) setDisposition(signo, SIG_DFL);
  }
  sigprocmask(SIG_SETMASK, sigset());
  resetProgramSignals();
}
