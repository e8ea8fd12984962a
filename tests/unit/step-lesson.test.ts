import { describe, expect, it } from 'vitest';
import { stepLesson } from '../../src/demos/lesson.js';
import { parseListing } from '../../src/demos/listing.js';
import { demos, findDemo } from '../../src/demos/registry.js';
import type { DemoMeta, Text } from '../../src/demos/types.js';

/** Does some variant's listing for `role` (any role, if none) carry the step's marker? */
function reached(demo: DemoMeta, step: string, variant?: string, role?: string): boolean {
  return demo.variants
    .filter((v) => variant === undefined || v.id === variant)
    .flatMap((v) => Object.entries(v.listings))
    .some(([r, file]) => (role === undefined || r === role) && parseListing(demo.sources[file]!).steps.has(step));
}

describe('a step’s own text for a variant or a role', () => {
  it.each(demos.map((demo) => [demo.id, demo] as const))('%s: each is for a variant or role that reaches the step, in both languages', (_id, demo) => {
    for (const [step, lesson] of Object.entries(demo.steps)) {
      const own: [string, string, Text][] = [
        ...Object.entries(lesson.variants ?? {}).map(([id, text]): [string, string, Text] => ['variant', id, text]),
        ...Object.entries(lesson.roles ?? {}).map(([id, text]): [string, string, Text] => ['role', id, text]),
      ];
      for (const [kind, id, text] of own) {
        const where = `${step}, ${kind} ${id}`;
        expect(reached(demo, step, kind === 'variant' ? id : undefined, kind === 'role' ? id : undefined), `${where}: never reached`).toBe(true);
        expect(text.en.trim(), `${where} (en)`).not.toBe('');
        expect(text.zh.trim(), `${where} (zh)`).not.toBe('');
        expect(text, `${where}: the same as the step's own text`).not.toEqual(lesson.text);
      }
    }
  });

  it('is the one told: the variant’s first, then the role’s, then the step’s', () => {
    const fifo = findDemo('fifo')!;
    const socket = findDemo('socket')!;
    expect(stepLesson(fifo, 'basic', 'reader', 'close')).toBe(fifo.steps.close!.roles!.reader);
    expect(stepLesson(fifo, 'basic', 'writer', 'close')).toBe(fifo.steps.close!.text);
    expect(stepLesson(fifo, 'basic', undefined, 'close')).toBe(fifo.steps.close!.text);
    expect(stepLesson(socket, 'abstract', 'server', 's-close')).toBe(socket.steps['s-close']!.variants!.abstract);
    expect(stepLesson(socket, 'stream', 'server', 's-close')).toBe(socket.steps['s-close']!.text);
    expect(stepLesson(socket, 'stream', 'server', 'no-such-step')).toBeUndefined();
  });
});
