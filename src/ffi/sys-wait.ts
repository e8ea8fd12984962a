// <sys/wait.h>
import { check, libc } from './libc.js';
import { signalName } from './signal.js';

export const WNOHANG = 1;

const waitpidC = libc.func('int waitpid(int pid, _Out_ int *wstatus, int options)');

/** How a process ended, decoded from its wait status as WIFEXITED/WIFSIGNALED do. */
export interface WaitStatus {
  readonly code: number | null;
  readonly signal: string | null;
  readonly core: boolean;
}

export function decodeWaitStatus(raw: number): WaitStatus {
  const termsig = raw & 0x7f;
  if (termsig === 0) return { code: (raw >> 8) & 0xff, signal: null, core: false };
  return { code: null, signal: signalName(termsig), core: (raw & 0x80) !== 0 };
}

export function describeWaitStatus(status: WaitStatus): string {
  if (status.signal !== null) return `killed by ${status.signal}${status.core ? ' (core dumped)' : ''}`;
  return `exited ${status.code ?? '?'}`;
}

/** waitpid for one pid only: waitpid(-1) would steal execa's children. */
export function waitpid(pid: number, options = 0): { pid: number; status: WaitStatus; raw: number } {
  if (pid <= 0) throw new RangeError('waitpid: wait for one pid, never -1 or a group');
  const out = [0];
  const got = check('waitpid', waitpidC(pid, out, options) as number);
  const raw = out[0] ?? 0;
  return { pid: got, status: decodeWaitStatus(raw), raw };
}

/** The calls a demo makes through the traced facade. */
export const calls = { waitpid };
