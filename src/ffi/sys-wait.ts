// <sys/wait.h>
import { check, libc } from './libc.js';
import { decodeWaitStatus, type WaitStatus } from './wait-status.js';

export { decodeWaitStatus, describeWaitStatus, type WaitStatus } from './wait-status.js';

export const WNOHANG = 1;

const waitpidC = libc.func('int waitpid(int pid, int *wstatus, int options)');

/** waitpid for one pid only: waitpid(-1) would steal execa's children. */
export function waitpid(pid: number, options = 0): { pid: number; status: WaitStatus; raw: number } {
  if (pid <= 0) throw new RangeError('waitpid: wait for one pid, never -1 or a group');
  const out = new Int32Array(1);
  const got = check('waitpid', waitpidC(pid, out, options) as number);
  const raw = out[0] ?? 0;
  return { pid: got, status: decodeWaitStatus(raw), raw };
}

/** The calls a demo makes through the traced facade. */
export const calls = { waitpid };
