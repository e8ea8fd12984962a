import { describe, expect, it } from 'vitest';
import { tourTarget } from '../../src/ui/tour-keys.js';

describe('tourTarget', () => {
  it('n goes on, b and N go back, a digit goes to that demo', () => {
    expect(tourTarget('n', 2, 7)).toBe(3);
    expect(tourTarget('b', 2, 7)).toBe(1);
    expect(tourTarget('N', 2, 7)).toBe(1);
    expect(tourTarget('7', 2, 7)).toBe(6);
    expect(tourTarget('1', 2, 7)).toBe(0);
  });

  it('goes nowhere past either end, to a demo that is not there, to the one on screen, or for another key', () => {
    expect(tourTarget('n', 6, 7)).toBeNull();
    expect(tourTarget('b', 0, 7)).toBeNull();
    expect(tourTarget('8', 2, 7)).toBeNull();
    expect(tourTarget('0', 2, 7)).toBeNull();
    expect(tourTarget('3', 2, 7)).toBeNull();
    expect(tourTarget(' ', 2, 7)).toBeNull();
    expect(tourTarget('q', 2, 7)).toBeNull();
  });
});
