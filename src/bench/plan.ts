// What a bench run measures: for each mechanism's variant a round trip and a throughput per
// size, each with enough messages that a repetition lasts a few milliseconds.
import type { BenchVariant, MechanismMeta } from './types.js';

export const DEFAULT_SIZES = [64, 4096, 65536, 1048576];
export const DEFAULT_REPS = 5;
const ROUND_TRIPS = 1000;
/**
 * Warm-up before the first repetition. Each cell's child is a new fork whose side of the loop V8
 * has not compiled yet: with 500 round trips of warm-up the twin's CPU time per round trip was
 * twice C's; over 40,000 it is 1.16× (measured here).
 */
const WARM_ROUND_TRIPS = 2000;
const MAX_WARM_MESSAGES = 2000;
/**
 * Warm-up of a throughput cell, whatever its size. The twin runs --single-threaded, so V8
 * compiles the forked child's loop on the main thread, inside whatever repetition it is in: with
 * as many warm-up messages as a repetition (16 at 1 MiB) the twin used 700–950 µs of CPU (both
 * processes) per 1 MiB pipe message, with 256 it used 410–600 (C: ≈ 310), and its repetitions
 * strayed by ±62–107%.
 */
const MIN_WARM_MESSAGES = 256;
/** Bytes per repetition of a throughput cell. */
const BYTES_PER_REP = 8 << 20;
/** Messages per repetition at least: 16 at 1 MiB lasted 3–5 ms, one time slice of a neighbour. */
const MIN_REP_MESSAGES = 48;

export interface PlannedCell {
  readonly mechanism: string;
  readonly variant: string;
  readonly label: string;
  readonly kind: 'rt' | 'bw';
  /** Bytes per message (1 for a round trip). */
  readonly size: number;
  /** Messages (round trips) per repetition, and before the first, to warm up. */
  readonly count: number;
  readonly warm: number;
  /** Also measure memcpy of this size: the yardstick of zero-copy mechanisms. */
  readonly memcpy: boolean;
  /** Not measured: the size is over the mechanism's limit here, this many bytes (msgmax, a datagram). */
  readonly skipped?: number;
}

function bwCell(meta: MechanismMeta, variant: BenchVariant, size: number): PlannedCell {
  const count = Math.min(Math.max(Math.round(BYTES_PER_REP / size), MIN_REP_MESSAGES), 4000);
  const warm = Math.min(Math.max(count, MIN_WARM_MESSAGES), MAX_WARM_MESSAGES);
  const base = { mechanism: meta.id, variant: variant.id, label: variant.label, kind: 'bw' as const, size, count, warm, memcpy: variant.sharedMemory === true };
  const max = variant.maxSize?.();
  return max !== undefined && size > max ? { ...base, skipped: max } : base;
}

export function planCells(metas: readonly MechanismMeta[], sizes: readonly number[]): PlannedCell[] {
  const cells: PlannedCell[] = [];
  for (const meta of metas) {
    for (const variant of meta.variants) {
      cells.push({ mechanism: meta.id, variant: variant.id, label: variant.label, kind: 'rt', size: 1, count: ROUND_TRIPS, warm: WARM_ROUND_TRIPS, memcpy: false });
      for (const size of variant.fixedSize === undefined ? sizes : [variant.fixedSize]) cells.push(bwCell(meta, variant, size));
    }
  }
  return cells;
}
