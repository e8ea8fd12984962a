// The trace channel's events: JSON lines from every process of a run to the
// controller. `--json` prints the same objects, one per line.
export type TraceValue = number | string | boolean | null | readonly TraceValue[] | { readonly [key: string]: TraceValue };

interface Base {
  /** The process the event is about. */
  readonly pid: number;
  /** Milliseconds since the run started (controller clock). */
  readonly t?: number;
}

export interface HelloEvent extends Base {
  readonly kind: 'hello';
  readonly ppid: number;
  readonly role: string;
  /** fds the runtime owns (the trace connection): hidden from the fd table. */
  readonly ownFds: readonly number[];
}
export interface StepEvent extends Base {
  readonly kind: 'step';
  readonly step: string;
}
export interface CallEvent extends Base {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly TraceValue[];
  readonly step?: string;
}
export interface ReturnEvent extends Base {
  readonly kind: 'return';
  readonly name: string;
  readonly value?: TraceValue;
  readonly errno?: string;
  readonly message?: string;
  readonly step?: string;
}
export interface OutputEvent extends Base {
  readonly kind: 'output';
  readonly fd: 1 | 2;
  readonly text: string;
  readonly step?: string;
}
/**
 * How a process ended, as WIFEXITED / WEXITSTATUS / WIFSIGNALED / WTERMSIG tell it: a code, or
 * a signal by name. The screen reads it from here, not from src/ffi: what libc's decoder
 * (src/ffi/wait-status.ts) returns has this shape, and it travels as this event's `status`.
 */
export interface WaitStatus {
  readonly code: number | null;
  readonly signal: string | null;
  readonly core: boolean;
}

export interface ExitEvent extends Base {
  readonly kind: 'exit';
  readonly status: WaitStatus;
}

/** Facts only the process can see cheaply: bytes waiting in its pipe ends (FIONREAD). */
export interface StateEvent extends Base {
  readonly kind: 'state';
  /**
   * When the pipes were measured: microseconds of CLOCK_MONOTONIC, one clock for every process.
   * Reports of one pipe from two processes reach the controller over two sockets, in any
   * order; the newer measure is the one that stands.
   */
  readonly at: number;
  /**
   * Each pipe or FIFO end it holds, with the pipe's inode (fstat: the number in `pipe:[…]`, a
   * FIFO's own inode), measured here: the fd may be closed, or reused, by the time the
   * controller reads /proc.
   */
  readonly pipes: readonly { readonly fd: number; readonly inode: number; readonly bytes: number }[];
  /** The first bytes of each shared mapping, as this process sees them (hex). */
  readonly memory?: readonly { readonly addr: string; readonly hex: string }[];
}

export type TraceEvent = HelloEvent | StepEvent | CallEvent | ReturnEvent | OutputEvent | ExitEvent | StateEvent;

/**
 * The first line of a native program's output relay (src/native/ipc-trace-exec.c), on a
 * connection of its own, before the exec'd program runs: its output lines for `pid` come on this
 * connection until it closes. Read by the controller, never recorded: a parent that reaps `pid`
 * has its events held until then, so that the record keeps a terminal's order.
 */
export interface RelayEvent {
  readonly kind: 'relay';
  readonly pid: number;
}

/** Controller → process, one byte each. */
export const GO = 0x67; // 'g': execute the line you stopped on
export const RUN_FREE = 0x72; // 'r': stop waiting at steps altogether

export type Mode = 'step' | 'play' | 'run';
