// <signal.h>
import { check, koffi, libc } from './libc.js';

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

/** The handler field of a struct sigaction: SIG_DFL (0), SIG_IGN (1) or a function address. */
export function sigactionHandler(act: Buffer): bigint {
  return act.readBigUInt64LE(SA_HANDLER_OFFSET);
}

export function sigaction(signo: number, act: Buffer | null, oldact: Buffer | null = null): void {
  check('sigaction', sigactionC(signo, act, oldact) as number);
}

/** Sets a signal's disposition to SIG_DFL or SIG_IGN with an empty mask and no flags. */
export function setDisposition(signo: number, handler: bigint): void {
  const act = Buffer.alloc(SIGACTION_SIZE);
  act.writeBigUInt64LE(handler, SA_HANDLER_OFFSET);
  sigaction(signo, act);
}

export function kill(pid: number, signo: number): void {
  check('kill', killC(pid, signo) as number);
}

export { koffi };

/** The calls a demo makes through the traced facade. */
export const calls = { sigprocmask, sigaction, kill, signal: setDisposition };
