import { describe, expect, it } from 'vitest';
import { computeLayout, MIN_COLUMNS, MIN_ROWS, type Layout, type Needs } from '../../src/ui/layout.js';

/** Rows Ink draws: header, the listing's row, output (title and lines), narration, keys. */
const drawn = (l: Layout) => 1 + (l.listingRows + 2) + (l.outputRows + 1) + l.narrationRows + (l.keyBar ? 1 : 0);
/** Rows the side column needs inside its border. */
const side = (l: Layout, needs: Needs) => needs.processes * l.processRows + (l.kernelTitle ? 1 : 0) + needs.kernel;

const pipe: Needs = { narration: 3, listing: 1, processes: 2, kernel: 3 };

describe('layout', () => {
  it('the minimum is the 80×24 the README promises', () => {
    expect([MIN_COLUMNS, MIN_ROWS]).toEqual([80, 24]);
  });

  it('fits 80×24 exactly: header, listing, output, narration, keys', () => {
    const l = computeLayout(80, 24, pipe);
    expect(l.compact).toBe(true);
    expect(drawn(l)).toBe(23);
    expect([l.outputRows, l.processRows, l.keyBar, l.kernelTitle]).toEqual([3, 2, true, true]);
    expect(l.sideWidth + l.listingWidth).toBe(80);
  });

  it('the lesson gets every row it needs; the listing gives them', () => {
    const short = computeLayout(80, 24, pipe);
    const long = computeLayout(80, 24, { ...pipe, narration: 6 });
    expect(long.narrationRows).toBe(6);
    expect(long.listingRows).toBe(short.listingRows - 3);
    expect(computeLayout(160, 50, { ...pipe, narration: 12 }).narrationRows).toBe(12);
  });

  it('when the kernel and the lesson need more than 80×24 has, the output, the second row of each process, the keys and the kernel title give theirs, in that order', () => {
    // The socket abstract variant at getsockopt(): a 7-row lesson, 9 rows of kernel facts, two processes.
    const needs: Needs = { narration: 7, listing: 3, processes: 2, kernel: 9 };
    const l = computeLayout(80, 24, needs);
    expect(l.narrationRows).toBe(7);
    expect(l.listingRows).toBeGreaterThanOrEqual(side(l, needs));
    expect(drawn(l)).toBe(23);
    expect([l.outputRows, l.processRows, l.keyBar, l.kernelTitle]).toEqual([1, 1, false, false]);
    // One row less needed: the kernel keeps its title.
    const less = computeLayout(80, 24, { ...needs, narration: 6 });
    expect([less.outputRows, less.processRows, less.keyBar, less.kernelTitle]).toEqual([1, 1, false, true]);
  });

  it('three processes and their kernel beside the listing at 80×24', () => {
    const needs: Needs = { narration: 4, listing: 2, processes: 3, kernel: 4 };
    const l = computeLayout(80, 24, needs);
    expect(l.listingRows).toBeGreaterThanOrEqual(side(l, needs));
    expect(l.narrationRows).toBe(4);
    expect(drawn(l)).toBe(23);
  });
});
