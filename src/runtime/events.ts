// What a run reports to whoever shows it: the processes' own trace events,
// notes from the controller, and kernel snapshots (the screen's right side).
import type { TcpSocketRow } from './kernel/net-tcp.js';
import type { UnixSocketRow } from './kernel/net-unix.js';
import type { ProcessState } from './kernel/process-state.js';
import type { SysvKind, SysvRow } from './kernel/sysvipc.js';
import type { TraceEvent } from './protocol.js';

export type NoteCode =
  | 'stuck' // every live process is blocked in the kernel and nothing can wake it
  | 'waiting-outside' // a learner's lone program: every process is blocked, one in a call another program could end (a FIFO's open, accept, msgrcv, pause…): detail as stuck's
  | 'timeout' // the watchdog ended a run that took too long
  | 'leak-removed' // a System V object outlived the run; the controller removed it
  | 'leak-left' // a System V object outlived the run and could not be removed: detail `kind id (key): why`
  | 'runner-failed' // a runner could not start or crashed
  | 'hung' // a process ran for a long time without a step or a call: the watchdog ended the run
  | 'killed' // a signal that no process of the run sent ended one of them: detail `pid role SIGNAL`
  | 'stopped' // the user or a signal ended the run early
  | 'sysv-error' // a System V get call failed for a reason of the system's (a limit, another's object): detail `call ERRNO [limit=value used]`
  | 'peer-refused' // sent by a runner: accept() returned another user's TCP connection, which it closed (detail `uid N` or `no owner`)
  | 'peer-finished'; // lab mode: the other terminal's roles ran to their end and left before this one joined (detail `role,… ms-ago`)

export interface NoteEvent {
  readonly kind: 'note';
  readonly pid: number;
  readonly t?: number;
  readonly code: NoteCode;
  readonly detail: string;
}

export type RunEvent = TraceEvent | NoteEvent;

export interface KernelSnapshot {
  readonly t: number;
  readonly processes: readonly ProcessState[];
  readonly sysv: Readonly<Partial<Record<SysvKind, readonly SysvRow[]>>>;
  /** Bytes waiting in each pipe, by inode, as the processes measured them (FIONREAD). */
  readonly pipeFill: Readonly<Record<number, number>>;
  /** The first bytes of each process's shared mappings, as it last reported them. */
  readonly memory: Readonly<Record<number, readonly { readonly addr: string; readonly hex: string }[]>>;
  /** The run's Unix domain sockets in /proc/net/unix (those its processes hold), each with its peer from sock_diag. */
  readonly unix?: readonly UnixSocketRow[];
  /** The run's TCP sockets in /proc/net/tcp, and the TIME_WAIT ends their connections left. */
  readonly tcp?: readonly TcpSocketRow[];
}
