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

  it('names both wchans where a text names a pipe’s sleep: anon_pipe_read on newer kernels, pipe_read on older', () => {
    const texts = demos.flatMap((demo) => [
      demo.summary,
      ...demo.variants.flatMap((v) => [v.summary, ...(v.stuck ? [v.stuck] : [])]),
      ...Object.values(demo.steps).flatMap((l) => [l.text, ...Object.values(l.variants ?? {}), ...Object.values(l.roles ?? {})]),
    ]);
    for (const text of texts.flatMap((t) => [t.en, t.zh])) {
      for (const [, name] of text.matchAll(/(?<!anon_)\b(pipe_read|pipe_write)\b/g)) expect(text, name).toContain(`anon_${name}`);
      for (const [, name] of text.matchAll(/anon_(pipe_read|pipe_write)\b/g)) expect(text.replaceAll(`anon_${name}`, ''), name).toContain(name);
    }
  });
});
