import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { demos, findDemo } from '../../src/demos/registry.js';
import { EMPTY, type Progress } from '../../src/runtime/progress.js';
import { menuLines } from '../../src/ui/tour-menu-lines.js';
import { demoProgress, resumeAt, resumeLine } from '../../src/ui/tour-progress.js';

const pipe = findDemo('pipe')!;
const anonMem = findDemo('anon-mem')!;
const allOf = (id: string) => findDemo(id)!.variants.map((v) => v.id);
/** pipe seen in full, anon-mem's first variant, two of pipe's questions right, pipe's exercise passed. */
const returning: Progress = {
  ...EMPTY,
  seen: { pipe: allOf('pipe'), 'anon-mem': [anonMem.variants[0]!.id] },
  answered: pipe.questions!.slice(0, 2).map((q) => q.id),
  exercises: { 'pipe-eof': 'passed' },
};

describe('the tour’s resume choice', () => {
  it('a new learner starts at the first demo, its first variant, and is told nothing', () => {
    const resume = resumeAt(demos, EMPTY);
    expect(resume).toEqual({ index: 0, variant: undefined, allSeen: false });
    expect(resumeLine(demos, resume, EMPTY, 'en')).toBeNull();
  });

  it('a returning learner resumes at the first demo not seen in full, at its first variant not seen', () => {
    const resume = resumeAt(demos, returning);
    expect(resume.index).toBe(demos.indexOf(anonMem));
    expect(resume.variant?.id).toBe(anonMem.variants[1]!.id);
    expect(resumeLine(demos, resume, returning, 'en')).toBe(`Resumed where you left off: 2 Anonymous shared memory (${anonMem.variants[1]!.id}) · m: the menu`);
    expect(resumeLine(demos, resume, returning, 'zh')).toContain('2 匿名共享内存');
  });

  it('one who has seen part of the first demo resumes there; one who has seen all starts at the first, told so', () => {
    const partly: Progress = { ...EMPTY, seen: { pipe: [pipe.variants[0]!.id] } };
    expect(resumeAt(demos, partly)).toEqual({ index: 0, variant: pipe.variants[1], allSeen: false });
    const all: Progress = { ...EMPTY, seen: Object.fromEntries(demos.map((d) => [d.id, d.variants.map((v) => v.id)])) };
    const resume = resumeAt(demos, all);
    expect(resume).toEqual({ index: 0, variant: undefined, allSeen: true });
    expect(resumeLine(demos, resume, all, 'en')).toMatch(/every variant of every demo/);
  });

  it('says it in one line of at most 80 columns, wherever it resumes, in both languages', () => {
    for (const demo of demos) {
      for (const variant of demo.variants) {
        const seen = { ...Object.fromEntries(demos.slice(0, demos.indexOf(demo)).map((d) => [d.id, d.variants.map((v) => v.id)])), [demo.id]: demo.variants.slice(0, demo.variants.indexOf(variant)).map((v) => v.id) };
        const progress: Progress = { ...EMPTY, seen, answered: ['x'] };
        const resume = resumeAt(demos, progress);
        expect(demos[resume.index]).toBe(demo);
        for (const lang of ['en', 'zh'] as const) expect(stringWidth(resumeLine(demos, resume, progress, lang)!), `${demo.id} ${variant.id} ${lang}`).toBeLessThanOrEqual(80);
      }
    }
  });
});

describe('a demo’s progress in the menu', () => {
  it('counts the variants seen, the questions right, and its exercise', () => {
    const exercises = new Map([['pipe', ['pipe-eof']], ['anon-mem', ['shared-counter']]]);
    expect(demoProgress(pipe, returning, exercises.get('pipe'))).toEqual({ seen: pipe.variants.length, variants: pipe.variants.length, right: 2, questions: pipe.questions!.length, exercise: 'passed', done: true });
    expect(demoProgress(anonMem, returning, exercises.get('anon-mem'))).toEqual({ seen: 1, variants: anonMem.variants.length, right: 0, questions: anonMem.questions!.length, exercise: 'new', done: false });
    // Not known yet (the exercises load after the tour starts): no column.
    expect(demoProgress(anonMem, returning, undefined).exercise).toBeNull();
  });

  it('one line per demo: ✓ when every variant was seen, the counts, the exercise; at most 76 columns inside the menu’s border', () => {
    const exercises = new Map([['pipe', ['pipe-eof']], ['anon-mem', ['shared-counter']]]);
    const rows = demos.map((d) => demoProgress(d, returning, exercises.get(d.id) ?? ['other']));
    const en = menuLines(demos, rows, 1, 'en');
    expect(en.lines[0]).toMatch(/^ {3}1 ✓ Anonymous pipe +5\/5 +2\/4 +passed$/);
    expect(en.lines[1]).toMatch(/^› {2}2 {3}Anonymous shared memory +1\/4 +0\/3 +not yet$/);
    expect(en.header).toMatch(/demo +variants seen +questions right +exercise$/);
    const zh = menuLines(demos, rows, 0, 'zh');
    expect(zh.lines[0]).toMatch(/^› {2}1 ✓ 匿名管道 +5\/5 +2\/4 +已通过$/);
    for (const { header, lines } of [en, zh]) for (const line of [header, ...lines]) expect(stringWidth(line), line).toBeLessThanOrEqual(76);
  });
});
