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
