// The bytes waiting in each pipe and FIFO, from the processes' own FIONREAD
// measures (state events). Only a holder of an end can measure, and holders come
// and go: a measure is kept by the pipe's inode, not by who took it, and stands
// until a newer one, whoever takes it. A process that closed its end (or exited)
// leaves its last measure standing, which is right: closing takes no bytes out.
import type { StateEvent } from './protocol.js';

export interface PipeLevel {
  readonly bytes: number;
  /** When it was measured: microseconds of CLOCK_MONOTONIC, one clock for every process. */
  readonly at: number;
}

/** Levels by inode. */
export type PipeLevels = Readonly<Record<number, PipeLevel>>;

/**
 * `levels` with the measures of one state event. Events from two processes come over two
 * sockets, in any order: a measure older than the one kept is stale and changes nothing.
 */
export function withMeasures(levels: PipeLevels, event: StateEvent): PipeLevels {
  let next: Record<number, PipeLevel> | null = null;
  for (const { inode, bytes } of event.pipes) {
    const kept = (next ?? levels)[inode];
    if (kept && kept.at > event.at) continue;
    next ??= { ...levels };
    next[inode] = { bytes, at: event.at };
  }
  return next ?? levels;
}

/** Bytes by inode, as the kernel panel shows them. */
export function bytesByInode(levels: PipeLevels): Record<number, number> {
  return Object.fromEntries(Object.entries(levels).map(([inode, { bytes }]) => [inode, bytes]));
}
