// Medians and spread of a cell's repetitions.

export interface Summary {
  /** The median of the repetitions. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max − min) / median: how far the repetitions strayed. */
  readonly spread: number;
  readonly samples: readonly number[];
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  return { median, min, max, spread: median > 0 ? (max - min) / median : 0, samples };
}
