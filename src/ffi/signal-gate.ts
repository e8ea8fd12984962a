// JS signal handlers run only inside libc calls. A handler here is a koffi
// callback: run from a signal that interrupted a native call, it is an ordinary
// callback into JS; run from one that interrupted JavaScript, it would re-enter
// V8 at an arbitrary instruction. So the signals that have a JS handler stay
// blocked in the kernel while JS runs, and get through only inside libc calls:
// - the C program's own mask is kept here (`program`); the kernel's is that plus
//   the JS-handled signals, except inside a call that may block, which runs
//   under the program's mask so that a signal interrupts it as in C;
// - where the program reaches a libc call, a delivery point (ppoll(2) with the
//   program's mask, set and restored in one system call) hands over what came
//   meanwhile: a handler C would have run at once runs at the twin's next call;
// - calls that take a mask (sigsuspend) get the program's, atomically, as in C;
// - a sigprocmask() of the program that unblocks a JS-handled signal is made
//   for real: what it lets through is handled inside it, as in C;
// - while a handler runs, the kernel blocks every other JS-handled signal
//   (sa_mask; its own, the kernel does), and its return blocks them again where
//   JS runs next (uc_sigmask);
// - a kernel mask that blocks more than the program's also blocks SIGCANCEL,
//   which no program can: the kernel view knows it for the runtime's.
// What is left: a signal that comes in the instant between unblocking and
// entering a blocking call, or between its return and blocking again.
import { koffi, lastErrno } from './libc.js';
import { ppollIn, ppollSignals } from './poll.js';
import { SA_NODEFER, SA_RESETHAND, SA_RESTART, SIG_SETMASK, SIGSET_SIZE, rtSigprocmask } from './signal.js';
import { RUNTIME_MASK_SIGNAL } from './signal-names.js';

/** Signals 1…64 as the kernel's 64-bit mask: bit (signo - 1). */
export type Mask = bigint;

export interface Action {
  /** sa_mask and sa_flags as the program gave them. */
  readonly mask: Mask;
  readonly flags: number;
}

/** offsetof(ucontext_t, uc_sigmask) on x86-64: the mask rt_sigreturn puts back. */
const UC_SIGMASK_OFFSET = 296n;
export const UNBLOCKABLE = bit(9) | bit(19); // SIGKILL, SIGSTOP
/** Blocked while the kernel's mask holds back more than the program's: tells the kernel view (signal-names.ts). */
const RUNTIME_MARK = bit(RUNTIME_MASK_SIGNAL);
/** The program's sigprocmask() made for real (signal-program.ts): its handlers return into it, and it blocks again after. */
const UNBLOCKING = 'sigprocmask';

/** Calls that may sleep in the kernel: a handled signal must be able to interrupt them, as in C. */
const MAY_BLOCK = new Set([
  'pause', 'sleep', 'usleep', 'read', 'write', 'open', 'waitpid', 'sigwaitinfo', 'accept', 'connect',
  'recv', 'send', 'recvfrom', 'sendto', 'msgsnd', 'msgrcv', 'semop',
]);
/** Of those, the ones SA_RESTART restarts after a handler (signal(7)): under the program's mask again. */
const RESTARTABLE = new Set(['read', 'write', 'open', 'waitpid', 'accept', 'connect', 'recv', 'send', 'recvfrom', 'sendto']);
/** Calls after which POSIX wants a signal they made deliverable handled before they return. */
const DELIVER_AFTER = new Set(['kill', 'sigqueue', 'sigprocmask']);

/** The state of the program's signals, shared with signal-program.ts. */
export const gate = {
  /** The C program's signal mask: what its sigprocmask() set, or a handler's while one runs. */
  program: 0n as Mask,
  /** Signals whose disposition is a JS handler: blocked in the kernel whenever JS runs. */
  jsCaught: 0n as Mask,
  actions: new Map<number, Action>(),
  /** A forked child: the one thread that called fork(). A runner has Node's threads too. */
  singleThreaded: false,
};
/** The program's mask where a handler may come in: the handler's mask starts from it. */
let deliveryMask: Mask = 0n;
/** The blocking call under way, while it is in the kernel under the program's mask. */
let blockedIn: string | null = null;
let handlersRun = 0;
const jsHandlers = new Set<bigint>();
const scratch = Buffer.alloc(SIGSET_SIZE);

export function bit(signo: number): Mask {
  return 1n << BigInt(signo - 1);
}

/** A sigset_t holding `mask`; the shared scratch one unless given: fill it right before the call. */
export function toSet(mask: Mask, set: Buffer = scratch): Buffer {
  set.writeBigUInt64LE(mask, 0);
  return set;
}

/** `mask` as the kernel should hold it: marked as the runtime's when it blocks more than the program does. */
function kernelMask(mask: Mask): Mask {
  const own = mask & ~RUNTIME_MARK;
  return (own & ~gate.program & ~UNBLOCKABLE) !== 0n ? own | RUNTIME_MARK : own;
}

export function setKernelMask(mask: Mask): void {
  rtSigprocmask(SIG_SETMASK, toSet(kernelMask(mask)));
}

function deliveringAt<T>(mask: Mask, fn: () => T): T {
  const outer = deliveryMask;
  deliveryMask = mask;
  try {
    return fn();
  } finally {
    deliveryMask = outer;
  }
}

/** Runs `fn` and gives errno back as it was right after `fn`. */
function keepingErrno<T>(fn: () => T, after: () => void): T {
  const value = fn();
  const errno = lastErrno();
  after();
  koffi.errno(errno);
  return value;
}

const SignalHandler = koffi.proto('void SignalHandler(int signo, void *info, void *uc)');

/** A JS function as a C signal handler. Install it with signal-program.ts's sigaction() or signal(). */
export function handlerAddress(fn: (signo: number) => void): bigint {
  const address = koffi.register((signo: number, _info: unknown, uc: bigint | null) => runHandler(signo, uc, fn), koffi.pointer(SignalHandler));
  jsHandlers.add(address);
  return address;
}

export function isJsHandler(address: bigint): boolean {
  return jsHandlers.has(address);
}

function runHandler(signo: number, uc: bigint | null, fn: (signo: number) => void): void {
  const errno = lastErrno(); // a careful handler leaves errno as it found it
  const outer = gate.program;
  const action = gate.actions.get(signo) ?? { mask: 0n, flags: 0 };
  gate.program = (deliveryMask | action.mask | (action.flags & SA_NODEFER ? 0n : bit(signo))) & ~UNBLOCKABLE;
  // SA_RESETHAND: the kernel has put SIG_DFL back; unless the program blocks it, it is not held back any more.
  const reset = action.flags & SA_RESETHAND ? bit(signo) & ~outer : 0n;
  if (action.flags & SA_RESETHAND) {
    gate.actions.delete(signo);
    gate.jsCaught &= ~bit(signo);
  }
  const interrupted = blockedIn;
  // A restarted call, or the program's own unblocking sigprocmask(), runs on under the mask it had; JS comes only after.
  const restarts = interrupted === UNBLOCKING || (interrupted !== null && RESTARTABLE.has(interrupted) && (action.flags & SA_RESTART) !== 0);
  blockedIn = null;
  handlersRun++;
  try {
    fn(signo);
  } finally {
    gate.program = outer;
    blockedIn = interrupted;
    // Where the handler returns to, JS runs next, unless the kernel restarts the call it interrupted.
    if (uc !== null && !restarts) {
      const restored = new BigUint64Array(koffi.view(uc + UC_SIGMASK_OFFSET, 8));
      restored[0] = kernelMask((restored[0]! | gate.jsCaught) & ~reset);
    }
    koffi.errno(errno);
  }
}

/**
 * The program has reached a libc call: delivers what is pending and unblocked
 * under `mask` (the program's, by default). True if a handler ran.
 */
export function deliverPending(mask: Mask = gate.program): boolean {
  if (gate.jsCaught === 0n || (gate.jsCaught & ~mask) === 0n) return false; // no JS-handled signal would get through
  const before = handlersRun;
  deliveringAt(mask, () => {
    while (ppollSignals(toSet(mask)) === -1) {
      // a handler ran, and its return blocked the others again: look once more
    }
  });
  return handlersRun !== before;
}

/** poll(fd, POLLIN) between two lines of the program (a step): its signals get through here, as in C. 0 after `timeoutMs`. */
export function pollBetweenLines(fd: number, timeoutMs?: number): number {
  return deliveringAt(gate.program, () => ppollIn(fd, toSet(gate.program), timeoutMs));
}

/** Runs one libc call of the program (see the top of this file). errno is kept for the caller. */
export function programCall<T>(name: string, run: () => T): T {
  const blocking = gate.jsCaught !== 0n && MAY_BLOCK.has(name) && (gate.jsCaught & ~gate.program) !== 0n;
  const call = blocking ? () => deliveringAt(gate.program, () => blockingCall(name, run)) : run;
  return DELIVER_AFTER.has(name) ? keepingErrno(call, () => deliverPending()) : call();
}

function blockingCall<T>(name: string, run: () => T): T {
  // A signal that gets through here runs its handler, whose return blocks it again: unblock once more.
  for (let seen = -1; seen !== handlersRun; ) {
    seen = handlersRun;
    setKernelMask(gate.program);
  }
  blockedIn = name;
  try {
    return run();
  } finally {
    blockedIn = null;
    const errno = lastErrno();
    setKernelMask(gate.program | gate.jsCaught);
    koffi.errno(errno);
  }
}

/**
 * The program's sigprocmask() that unblocks a JS-handled signal, made for real: what it lets
 * through is handled inside it, as in C (each handler returns into it, see runHandler); then
 * the JS-handled signals are blocked again for the JavaScript that follows.
 */
export function unblockingCall(run: () => void): void {
  deliveringAt(gate.program, () => {
    blockedIn = UNBLOCKING;
    try {
      run();
    } finally {
      blockedIn = null;
      setKernelMask(gate.program | gate.jsCaught);
    }
  });
}

/** sigsuspend(2) and the like: the kernel takes `mask` for the wait, atomically; then what it lets through is handled. */
export function waitWithMask<T>(mask: Mask, run: () => T): T {
  return keepingErrno(() => deliveringAt(mask, run), () => deliverPending(mask));
}

/** Back to a fresh program's state: no JS handler, nothing blocked (resetSignalsLikeC does the kernel's part). */
export function resetProgramSignals(): void {
  gate.program = 0n;
  gate.jsCaught = 0n;
  gate.actions.clear();
}
