import type { Key } from 'ink';
import { useState } from 'react';
import { outputTop } from '../components/output-pane.js';

/**
 * `[` / PgUp and `]` / PgDn page the output pane through everything the processes printed:
 * the pane is a few rows, a run prints more. Back at the newest page it follows new lines again.
 */
export function useOutputScroll(lines: number): { top: number | null; onKey: (input: string, key: Key, rows: number) => boolean } {
  const [top, setTop] = useState<number | null>(null);
  // `rows`: the output rows of the screen the learner sees when pressing the key.
  const onKey = (input: string, key: Key, rows: number): boolean => {
    // From the state React holds, not this render's: two keys in one chunk are two pages.
    if (input === '[' || key.pageUp) {
      if (lines > rows) setTop((was) => Math.max(0, outputTop(lines, rows, was) - rows));
      return true;
    }
    if (input === ']' || key.pageDown) {
      setTop((was) => (was === null || outputTop(lines, rows, was) + rows >= lines - rows ? null : outputTop(lines, rows, was) + rows));
      return true;
    }
    return false;
  };
  return { top, onKey };
}
