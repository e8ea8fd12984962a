// The tour's own keys: skip ahead, go back, jump to a demo by its number.

/**
 * The demo a key takes the tour to: `n` the next, `b` or `N` the one before, a digit that demo
 * (1 is the first). null for any other key, or for a move that goes nowhere.
 */
export function tourTarget(input: string, index: number, count: number): number | null {
  let target: number | null = null;
  if (input === 'n') target = index + 1;
  else if (input === 'b' || input === 'N') target = index - 1;
  else if (/^[1-9]$/.test(input)) target = Number(input) - 1;
  return target !== null && target >= 0 && target < count && target !== index ? target : null;
}
