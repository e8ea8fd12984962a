// The program's own signal calls, as the traced facade makes them: they act on
// the program's mask and dispositions as the C program's would, and keep the
// kernel's the way signal-gate.ts needs (JS-handled signals blocked while JS runs).
import { ErrnoError, errnoValue } from './libc.js';
import {
  SA_FLAGS_OFFSET, SA_MASK_OFFSET, SA_NODEFER, SA_RESTART, SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK, SIGACTION_SIZE, kill,
  sigaction as rawSigaction, sigactionHandler, sigactionStruct, sigprocmask as rawSigprocmask, sigqueue, sigset,
  sigsuspend as rawSigsuspend, sigwaitinfo,
} from './signal.js';
import { type Action, type Mask, UNBLOCKABLE, bit, gate, isJsHandler, setKernelMask, toSet, unblockingCall, waitWithMask } from './signal-gate.js';

const EINVAL = errnoValue('EINVAL');

/**
 * sigprocmask(2) on the program's mask, made as the program makes it (how and set as given) while
 * no JS handler is installed, and whenever it unblocks one: its pending signals are then handled
 * inside the call, as in C. Otherwise the kernel's mask is set whole (SIG_SETMASK), the
 * JS-handled signals held back.
 */
export function sigprocmask(how: number, set: Buffer | null, oldset: Buffer | null = null): void {
  const old = gate.program;
  if (set !== null) {
    const change = set.readBigUInt64LE(0);
    if (how === SIG_BLOCK) gate.program |= change;
    else if (how === SIG_UNBLOCK) gate.program &= ~change;
    else if (how === SIG_SETMASK) gate.program = change;
    else throw new ErrnoError('sigprocmask', EINVAL);
    gate.program &= ~UNBLOCKABLE;
    if (gate.jsCaught === 0n) rawSigprocmask(how, set, oldset);
    else if ((old & ~gate.program & gate.jsCaught) !== 0n) unblockingCall(() => rawSigprocmask(how, set, oldset));
    else setKernelMask(gate.program | gate.jsCaught);
  }
  if (oldset !== null) toSet(old, oldset);
}

/**
 * sigaction(2). A JS handler goes in with its signal blocked, and the other JS-handled signals in
 * its kernel sa_mask (its own is blocked by the kernel while it runs, unless SA_NODEFER).
 */
export function sigaction(signo: number, act: Buffer | null, oldact: Buffer | null = null): void {
  const previous = gate.actions.get(signo);
  if (act !== null) install(signo, act, oldact);
  else rawSigaction(signo, null, oldact);
  if (oldact !== null && previous) oldact.writeBigUInt64LE(previous.mask, SA_MASK_OFFSET); // the program's sa_mask, not the kernel's
}

function install(signo: number, act: Buffer, oldact: Buffer | null): void {
  const js = isJsHandler(sigactionHandler(act));
  if (js) assertSingleThreaded();
  const caught = js ? gate.jsCaught | bit(signo) : gate.jsCaught & ~bit(signo);
  const action: Action = { mask: act.readBigUInt64LE(SA_MASK_OFFSET), flags: act.readUInt32LE(SA_FLAGS_OFFSET) };
  const unguarded = (bit(signo) & ~gate.program & ~gate.jsCaught) !== 0n;
  if (js && unguarded) setKernelMask(gate.program | caught); // blocked before its handler is in place
  try {
    rawSigaction(signo, js ? withMask(act, kernelSaMask(signo, action, caught)) : act, oldact);
  } catch (error) {
    setKernelMask(gate.program | gate.jsCaught);
    throw error;
  }
  if (js) gate.actions.set(signo, action);
  else gate.actions.delete(signo);
  if (caught === gate.jsCaught) return;
  gate.jsCaught = caught;
  for (const [other, held] of gate.actions) if (other !== signo) setKernelSaMask(other, kernelSaMask(other, held, caught));
  if (!js) setKernelMask(gate.program | caught); // not JS-handled any more: as the program blocks it, or not
}

/**
 * kill(2) hands a process's signal to any of its threads that does not block it:
 * with this one blocking it, one of Node's would take it and the handler would never
 * run. A forked child has one thread, like the C program.
 */
function assertSingleThreaded(): void {
  if (!gate.singleThreaded) throw new Error('a JS signal handler needs a single-threaded process: install it in a forked child, not in a runner, which has Node’s threads');
}

/** The sa_mask the kernel gets for a JS handler: the program's, and the other JS-handled signals. */
function kernelSaMask(signo: number, action: Action, caught: Mask): Mask {
  const own = action.flags & SA_NODEFER ? 0n : bit(signo);
  return action.mask | (caught & ~own);
}

function withMask(act: Buffer, mask: Mask): Buffer {
  const copy = Buffer.from(act);
  copy.writeBigUInt64LE(mask, SA_MASK_OFFSET);
  return copy;
}

function setKernelSaMask(signo: number, mask: Mask): void {
  const act = Buffer.alloc(SIGACTION_SIZE);
  rawSigaction(signo, null, act);
  rawSigaction(signo, withMask(act, mask));
}

/** signal(2) as glibc has it (BSD semantics: SA_RESTART, and the signal in its own sa_mask): install a handler or SIG_DFL / SIG_IGN. */
export function signal(signo: number, handler: bigint): void {
  sigaction(signo, sigactionStruct(handler, sigset(signo), SA_RESTART), Buffer.alloc(SIGACTION_SIZE));
}

/** sigsuspend(2): -1 with EINTR once a handler has run, its normal return. */
export function sigsuspend(mask: Buffer): number {
  return waitWithMask(mask.readBigUInt64LE(0) & ~UNBLOCKABLE, () => rawSigsuspend(mask));
}

/** The calls a demo makes through the traced facade. */
export const calls = { sigprocmask, sigaction, kill, signal, sigsuspend, sigwaitinfo, sigqueue };
