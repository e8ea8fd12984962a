// What a bench mechanism is: a folder src/bench/mechanisms/<nn>-<id>/ holding its meta.ts (this
// file's MechanismMeta), its twin.ts (a TwinMechanism) and its C reference (<id>.c, a
// `struct bench_mech`, c/bench.h). The same five operations on both sides, the same loops
// around them (loops.ts, c/harness.c): the two differ only in who makes the calls.
import type { Lang } from '../demos/types.js';

export interface BenchVariant {
  readonly id: string;
  /** Short label for the chart, e.g. "unix stream". */
  readonly label: string;
  /** The largest message this variant can carry here (msgmax, a datagram), or undefined. */
  readonly maxSize?: () => number;
  /** Throughput at this one size whatever --sizes says (a signal carries 8 bytes). */
  readonly fixedSize?: number;
  /** Zero copies through the kernel: its throughput is compared with memcpy's too. */
  readonly sharedMemory?: boolean;
}

export interface MechanismMeta {
  /** The demo it measures (ipc-demo <id>). */
  readonly id: string;
  readonly variants: readonly BenchVariant[];
  /** One line on why it costs what it costs. */
  readonly why: Record<Lang, string>;
  /** The C reference: a `struct bench_mech bench_mech` (c/bench.h). */
  readonly source: string;
}

/** One cell's channel, as open() gets it: the same fields as C's struct chan. */
export interface ChanSetup {
  readonly variant: string;
  /** The run's private directory, for FIFO and socket paths. */
  readonly dir: string;
  /** The largest message of the cell. */
  readonly max: number;
  /** The private message buffer (max bytes, at least 8). */
  readonly buf: Buffer;
  /** Tells the orchestrator of a System V object before it is used: it removes it if we die. */
  readonly record: (kind: 'shm' | 'msg' | 'sem', id: number) => void;
}

/** A channel between the parent and the forked child, after open(). */
export interface Link {
  /** After fork(), in each process: keep its own ends. side 0 is the parent, 1 the child. */
  side(side: 0 | 1, peer: number): void;
  /** One whole message of len bytes. */
  send(len: number): void;
  recv(len: number): void;
  /** The parent, once the child is reaped: remove names and objects. */
  destroy(): void;
}

export interface TwinMechanism {
  /** Before fork(): make the kernel objects. */
  open(setup: ChanSetup): Link;
}
