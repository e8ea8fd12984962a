// <signal.h>
import { check, libc } from './libc.js';

export { SIGNALS, signalName } from './signal-names.js';

export const SIGKILL = 9;
export const SIGUSR1 = 10;
export const SIGPIPE = 13;
export const SIGTERM = 15;

export const SIG_BLOCK = 0;
export const SIG_UNBLOCK = 1;
export const SIG_SETMASK = 2;
export const SIG_DFL = 0n;
export const SIG_IGN = 1n;
export const SIGSET_SIZE = 128;
export const SIGACTION_SIZE = 152;
const SA_HANDLER_OFFSET = 0;

const sigprocmaskC = libc.func('int sigprocmask(int how, const void *set, void *oldset)');
const sigactionC = libc.func('int sigaction(int signum, const void *act, void *oldact)');
const killC = libc.func('int kill(int pid, int sig)');
const sigrtminC = libc.func('int __libc_current_sigrtmin(void)');
// rt_sigprocmask(2) itself: glibc's sigprocmask() takes SIGCANCEL out of every set, the raw call does not.
const syscallC = libc.func('long syscall(long number, ...)');
const SYS_RT_SIGPROCMASK = 14;
const KERNEL_SIGSET_SIZE = 8;

export function sigrtmin(): number {
  return sigrtminC() as number;
}

/** A sigset_t as C lays it out: bit (signo - 1) of a 1024-bit mask. */
export function sigset(...signals: number[]): Buffer {
  const set = Buffer.alloc(SIGSET_SIZE);
  for (const signo of signals) set[(signo - 1) >> 3]! |= 1 << ((signo - 1) & 7);
  return set;
}

export function fullSigset(): Buffer {
  const set = Buffer.alloc(SIGSET_SIZE, 0xff);
  return set;
}

export function sigprocmask(how: number, set: Buffer | null, oldset: Buffer | null = null): void {
  check('sigprocmask', sigprocmaskC(how, set, oldset) as number);
}

/**
 * The kernel's mask as the runtime sets it, never the program: the raw system call, which keeps
 * RUNTIME_MASK_SIGNAL (signal-names.ts) if `set` holds it. Only the first 8 bytes of a set count.
 */
export function rtSigprocmask(how: number, set: Buffer | null, oldset: Buffer | null = null): void {
  check('rt_sigprocmask', Number(syscallC(SYS_RT_SIGPROCMASK, 'int', how, 'void *', set, 'void *', oldset, 'size_t', KERNEL_SIGSET_SIZE)));
}

/** The handler field of a struct sigaction: SIG_DFL (0), SIG_IGN (1) or a function address. */
export function sigactionHandler(act: Buffer): bigint {
  return act.readBigUInt64LE(SA_HANDLER_OFFSET);
}

export function sigaction(signo: number, act: Buffer | null, oldact: Buffer | null = null): void {
  check('sigaction', sigactionC(signo, act, oldact) as number);
}

const SYS_RT_SIGACTION = 13;
/** The kernel's struct sigaction on x86-64: handler, flags, restorer, an 8-byte mask. */
const KERNEL_SIGACTION_SIZE = 32;

/**
 * Sets a signal's disposition to SIG_DFL or SIG_IGN with an empty mask and no flags, with the
 * raw system call: glibc's sigaction() would add SA_RESTORER, and the action would not look like
 * a fresh process's to a program that reads it back (strace shows the old action of signal()).
 */
export function setDisposition(signo: number, handler: bigint): void {
  const act = Buffer.alloc(KERNEL_SIGACTION_SIZE);
  act.writeBigUInt64LE(handler, 0);
  check('rt_sigaction', Number(syscallC(SYS_RT_SIGACTION, 'int', signo, 'void *', act, 'void *', null, 'size_t', KERNEL_SIGSET_SIZE)));
}

export function kill(pid: number, signo: number): void {
  check('kill', killC(pid, signo) as number);
}

export const SA_SIGINFO = 4;
export const SA_RESTART = 0x10000000;
export const SA_NODEFER = 0x40000000;
export const SA_RESETHAND = 0x80000000;
/** Where struct sigaction keeps sa_mask and sa_flags (x86-64 glibc). */
export const SA_MASK_OFFSET = 8;
export const SA_FLAGS_OFFSET = 136;
/** sizeof(siginfo_t); si_signo at 0, si_code at 8, si_pid at 16, si_uid at 20. */
export const SIGINFO_SIZE = 128;

const sigsuspendC = libc.func('int sigsuspend(const void *mask)');
const sigwaitinfoC = libc.func('int sigwaitinfo(const void *set, void *info)');
const sigqueueC = libc.func('int sigqueue(int pid, int sig, intptr_t value)');

/** A struct sigaction: handler address (or SIG_DFL/SIG_IGN), mask, flags. */
export function sigactionStruct(handler: bigint, mask: Buffer = sigset(), flags = 0): Buffer {
  const act = Buffer.alloc(SIGACTION_SIZE);
  act.writeBigUInt64LE(handler, SA_HANDLER_OFFSET);
  mask.copy(act, SA_MASK_OFFSET, 0, SIGSET_SIZE);
  act.writeInt32LE(flags, SA_FLAGS_OFFSET);
  return act;
}

/** sigsuspend always returns -1 with EINTR, once a handler has run: that return is its purpose. */
export function sigsuspend(mask: Buffer): number {
  return sigsuspendC(mask) as number;
}

export interface SigInfo {
  readonly signo: number;
  readonly code: number;
  readonly pid: number;
  readonly uid: number;
}

/** sigwaitinfo(2): who sent the signal, or, with `info` NULL as a program may pass it, only its number. */
export function sigwaitinfo(set: Buffer): SigInfo;
export function sigwaitinfo(set: Buffer, info: null): number;
export function sigwaitinfo(set: Buffer, info: null | undefined = undefined): SigInfo | number {
  if (info === null) return check('sigwaitinfo', sigwaitinfoC(set, null) as number);
  const buf = Buffer.alloc(SIGINFO_SIZE);
  check('sigwaitinfo', sigwaitinfoC(set, buf) as number);
  return { signo: buf.readInt32LE(0), code: buf.readInt32LE(8), pid: buf.readInt32LE(16), uid: buf.readUInt32LE(20) };
}

export function sigqueue(pid: number, signo: number, value = 0): void {
  check('sigqueue', sigqueueC(pid, signo, value) as number);
}

// The program's own signal calls (sigprocmask, sigaction, signal, sigsuspend as the
// traced facade makes them) are in signal-program.ts; JS handlers in signal-gate.ts.

/** sigwaitinfo(2) into the caller's siginfo_t (SIGINFO_SIZE bytes): allocates nothing, for loops. */
export function sigwaitinfoInto(set: Buffer, info: Buffer): number {
  return check('sigwaitinfo', sigwaitinfoC(set, info) as number);
}

// rt_tgsigqueueinfo(2), declared with its arguments (syscall() is variadic: this is one call shape, not typed per call).
const tgsigqueueinfoC = libc.func('long syscall(long number, int tgid, int tid, int sig, void *info)');
const SYS_RT_TGSIGQUEUEINFO = 297;
const SI_QUEUE = -1;

/** A siginfo_t as sigqueue(3) fills it (SI_QUEUE, sender, value), for tgsigqueue(); reuse it. */
export function queueInfo(signo: number, pid: number, uid: number): Buffer {
  const info = Buffer.alloc(SIGINFO_SIZE);
  info.writeInt32LE(signo, 0);
  info.writeInt32LE(SI_QUEUE, 8);
  info.writeInt32LE(pid, 16);
  info.writeUInt32LE(uid, 20);
  return info;
}

/**
 * sigqueue(3) aimed at one thread (tid), as pthread_sigqueue does: a Node process has threads
 * that do not block the signal, and one of them would take a signal sent to the process.
 * `info` comes from queueInfo(); its value (offset 24) is the payload.
 */
export function tgsigqueue(tgid: number, tid: number, info: Buffer): void {
  check('rt_tgsigqueueinfo', Number(tgsigqueueinfoC(SYS_RT_TGSIGQUEUEINFO, tgid, tid, info.readInt32LE(0), info)));
}
