// The questions are data in each demo's folder: every demo has at least three, each in both
// languages, each tied to a step its listings have, each choice saying what the run must show.
import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/demos/listing.js';
import { demos } from '../../src/demos/registry.js';
import type { DemoMeta, Question, Text } from '../../src/demos/types.js';

const CJK = /[\u4e00-\u9fff]/;

/** Sentences in both languages; a choice that is only a value or an errno (`-1, errno EINTR`) may read the same in both. */
function bothLanguages(text: Text | undefined, where: string): void {
  expect(text, where).toBeDefined();
  expect(text!.en.trim(), `${where} (en)`).not.toBe('');
  expect(text!.zh.trim(), `${where} (zh)`).not.toBe('');
  expect(CJK.test(text!.en), `${where} (en) is in Chinese`).toBe(false);
  const words = text!.en.replace(/errno|[A-Z]{2,}\w*|\d+|[^A-Za-z]/g, '');
  if (words.length > 0) expect(CJK.test(text!.zh), `${where} (zh) has no Chinese`).toBe(true);
}

/** The listings a question can be asked in: its variants', its role's. */
function listingsOf(demo: DemoMeta, question: Question): string[] {
  return demo.variants
    .filter((v) => question.variants === undefined || question.variants.includes(v.id))
    .flatMap((v) => Object.entries(v.listings).filter(([role]) => question.role === undefined || role === question.role).map(([, file]) => file));
}

describe('the questions (predict, then reveal)', () => {
  it('are at least three per demo, 21 in all', () => {
    for (const demo of demos) expect(demo.questions?.length ?? 0, demo.id).toBeGreaterThanOrEqual(3);
    expect(demos.flatMap((d) => d.questions ?? []).length).toBeGreaterThanOrEqual(21);
  });

  it.each(demos.map((demo) => [demo.id, demo] as const))('%s: each is tied to a step of its listings, in both languages, with choices the run can decide', (_id, demo) => {
    const ids = new Set<string>();
    for (const q of demo.questions ?? []) {
      const where = `${demo.id} ${q.id}`;
      expect(ids.has(q.id), `${where}: id used twice`).toBe(false);
      ids.add(q.id);
      for (const variant of q.variants ?? []) expect(demo.variants.map((v) => v.id), `${where}: variant ${variant}`).toContain(variant);
      if (q.role !== undefined) expect(demo.roles.map((r) => r.id), `${where}: role`).toContain(q.role);
      const files = listingsOf(demo, q);
      expect(files.some((file) => parseListing(demo.sources[file]!).steps.has(q.step)), `${where}: no listing of its variants has step ${q.step}`).toBe(true);
      if (q.reveal.from === 'count') {
        const step = q.reveal.step;
        expect(files.some((file) => parseListing(demo.sources[file]!).steps.has(step)), `${where}: counts step ${step}, which no listing has`).toBe(true);
      }
      bothLanguages(q.prompt, `${where} prompt`);
      if (q.racy) bothLanguages(q.racy, `${where} racy`);
      if (q.choices === undefined) {
        bothLanguages(q.why, `${where}: a number question says why`);
        continue;
      }
      expect(q.choices.length, `${where}: 2 to 4 choices`).toBeGreaterThanOrEqual(2);
      expect(q.choices.length, `${where}: 2 to 4 choices`).toBeLessThanOrEqual(4);
      for (const [i, choice] of q.choices.entries()) {
        bothLanguages(choice.text, `${where} choice ${i}`);
        expect(Object.keys(choice.when).length, `${where} choice ${i}: says nothing the run must show`).toBeGreaterThan(0);
        if (choice.why) bothLanguages(choice.why, `${where} choice ${i} why`);
      }
      expect(q.choices.some((c) => c.why) || q.why !== undefined, `${where}: no why at all`).toBe(true);
    }
  });
});
