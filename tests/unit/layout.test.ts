import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../src/ui/layout.js';

describe('layout', () => {
  it('fits 80×24 exactly: header, listing, output, narration, keys', () => {
    const l = computeLayout(80, 24);
    expect(l.compact).toBe(true);
    expect(1 + (l.listingRows + 2) + (l.outputRows + 1) + l.narrationRows + 1).toBe(23);
  });

  it('a long lesson takes rows from the listing, up to a cap, never the screen', () => {
    const short = computeLayout(80, 24, 2);
    const long = computeLayout(80, 24, 5);
    expect(long.narrationRows).toBe(5);
    expect(long.listingRows).toBe(short.listingRows - 2);
    const huge = computeLayout(80, 24, 40);
    expect(huge.narrationRows).toBe(6);
    expect(1 + (huge.listingRows + 2) + (huge.outputRows + 1) + huge.narrationRows + 1).toBe(23);
    expect(computeLayout(160, 50, 40).narrationRows).toBe(8);
  });

  it('the narration gives rows back so that the panes beside the listing fit: three processes at 80×24', () => {
    // Processes: 3 × 2 rows + border = 8; the kernel: border + 2 rows. The listing's row must be 12 tall.
    const l = computeLayout(80, 24, 6, 8 + 2);
    expect(l.listingRows + 2).toBeGreaterThanOrEqual(8 + 4);
    expect(l.narrationRows).toBe(5);
    expect(1 + (l.listingRows + 2) + (l.outputRows + 1) + l.narrationRows + 1).toBe(23);
    // Not below its own minimum: on a small terminal the side panes are cut instead.
    expect(computeLayout(60, 16, 6, 10).narrationRows).toBe(3);
  });
});
