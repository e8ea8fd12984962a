// C listings carry step markers (`// @step id`) that the screen hides.
export interface Listing {
  /** The lines as shown: markers and the spaces before them removed. */
  readonly lines: readonly string[];
  /** Step id → 0-based line index. */
  readonly steps: ReadonlyMap<string, number>;
}

const MARKER = /\s*\/\/ @step ([a-z][a-z0-9-]*)\s*$/;

export function parseListing(source: string): Listing {
  const lines: string[] = [];
  const steps = new Map<string, number>();
  source.replace(/\n$/, '').split('\n').forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (marker) {
      if (steps.has(marker[1]!)) throw new Error(`step marker ${marker[1]} appears twice (line ${index + 1})`);
      steps.set(marker[1]!, index);
      lines.push(line.slice(0, marker.index).replace(/\s+$/, ''));
    } else lines.push(line);
  });
  return { lines, steps };
}

/**
 * The 0-based line a step stands for: a marker's line, or for a program compiled with the
 * native runtime (whose `step` is the source line number, "23") that line.
 */
export function stepLine(listing: Listing, step: string): number | undefined {
  const marked = listing.steps.get(step);
  if (marked !== undefined) return marked;
  const number = /^[1-9]\d*$/.test(step) ? Number(step) : 0;
  return number >= 1 && number <= listing.lines.length ? number - 1 : undefined;
}

/** The marker on a 0-based line, if the line has one. */
export function markerAt(listing: Listing, line: number): string | undefined {
  for (const [id, at] of listing.steps) if (at === line) return id;
  return undefined;
}
