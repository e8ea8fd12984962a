// A process of a run that a signal ended, when nothing in the run sent that signal:
// someone outside killed it (a kill from another terminal, the OOM killer). The
// run's own deaths by signal are lessons and stay quiet.
import { SIGNALS } from '../ffi/signal-names.js';
import type { RunEvent } from './events.js';
import type { WaitStatus } from './protocol.js';

/** What the kernel sends on its own because of what a program did: a write to a pipe no one reads. */
const SENT_BY_THE_KERNEL = new Set(['SIGPIPE']);

interface Known {
  readonly pid: number;
  readonly ppid: number;
}

/**
 * Whether `pid` ending with `status` is unexplained by the run's record: no kill() of the run
 * aimed that signal at it (or at a group, which may hold it), the kernel did not send it for
 * the program, and it is not the SIGKILL a forked child gets when its parent has ended first
 * (PR_SET_PDEATHSIG, part of the fork recipe).
 */
export function killedFromOutside(events: readonly RunEvent[], proc: Known | undefined, pid: number, status: WaitStatus): boolean {
  const signal = status.signal;
  if (signal === null || SENT_BY_THE_KERNEL.has(signal)) return false;
  const signo = SIGNALS[signal];
  const sentByRun = events.some((e) => e.kind === 'call' && e.name === 'kill' && (e.args[1] === signo || signo === undefined) && (e.args[0] === pid || (typeof e.args[0] === 'number' && e.args[0] <= 0)));
  if (sentByRun) return false;
  const parentEnded = proc !== undefined && events.some((e) => e.kind === 'exit' && e.pid === proc.ppid);
  return !(signal === 'SIGKILL' && parentEnded);
}
