import { describe, expect, it } from 'vitest';
import { DEMO_IDS, demos, didYouMean, findDemo, findVariant } from '../../src/demos/registry.js';

describe('the demo registry', () => {
  it('discovers the demo folders in tour order, with fixed ids', () => {
    expect(demos.length).toBeGreaterThan(0);
    expect(demos.map((d) => d.order)).toEqual([...demos.map((d) => d.order)].sort((a, b) => a - b));
    for (const demo of demos) expect(DEMO_IDS).toContain(demo.id);
  });

  it('finds demos by id or alias, case-insensitively, and variants by id', () => {
    expect(findDemo('pipe')?.id).toBe('pipe');
    expect(findDemo('ANON-PIPE')?.id).toBe('pipe');
    expect(findVariant(findDemo('pipe')!, undefined)?.id).toBe('basic');
    expect(findVariant(findDemo('pipe')!, 'fill')?.id).toBe('fill');
    expect(findVariant(findDemo('pipe')!, 'nope')).toBeUndefined();
  });

  it('suggests what was probably meant, and nothing for nonsense', () => {
    expect(didYouMean('pip', ['pipe', 'fifo', 'shm'])).toBe('pipe');
    expect(didYouMean('scoket', ['socket', 'signal'])).toBe('socket');
    expect(didYouMean('zzzzzzzz', ['pipe', 'fifo', 'shm'])).toBeUndefined();
  });
});
