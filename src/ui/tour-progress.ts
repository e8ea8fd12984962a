// The learner's progress as the tour shows it: per demo, variants seen to their end, questions
// answered right, its exercise; where a returning learner resumes. Pure, and light: the CLI
// reads it before the screen loads, to start the right demo's runners early.
import type { DemoMeta, Lang, VariantMeta } from '../demos/types.js';
import type { Progress } from '../runtime/progress.js';
import { tourText } from './tour-strings.js';

export interface DemoProgress {
  readonly seen: number;
  readonly variants: number;
  readonly right: number;
  readonly questions: number;
  /** Its exercises' state: the best of them; null while the exercises are not known (or it has none). */
  readonly exercise: 'passed' | 'started' | 'new' | null;
  /** Every variant seen to its end: the ✓. */
  readonly done: boolean;
}

export function demoProgress(demo: DemoMeta, progress: Progress, exerciseIds: readonly string[] | undefined): DemoProgress {
  const seen = demo.variants.filter((v) => progress.seen[demo.id]?.includes(v.id)).length;
  const questions = demo.questions ?? [];
  const right = questions.filter((q) => progress.answered.includes(q.id)).length;
  const states = (exerciseIds ?? []).map((id) => progress.exercises[id] ?? 'new');
  const exercise = states.length === 0 ? null : states.includes('passed') ? 'passed' : states.includes('started') ? 'started' : 'new';
  return { seen, variants: demo.variants.length, right, questions: questions.length, exercise, done: seen === demo.variants.length };
}

/** Has this learner done anything yet (a new one sees the tour as it always was)? */
export function returning(progress: Progress): boolean {
  return Object.values(progress.seen).some((ids) => ids.length > 0) || progress.answered.length > 0 || Object.keys(progress.exercises).length > 0;
}

export interface Resume {
  readonly index: number;
  /** The first of its variants not yet seen (undefined: its first). */
  readonly variant: VariantMeta | undefined;
  /** Every variant of every demo has been seen: the tour starts at the first. */
  readonly allSeen: boolean;
}

/** Where the tour starts: the first demo not yet seen in full, at its first variant not yet seen. */
export function resumeAt(demos: readonly DemoMeta[], progress: Progress): Resume {
  const index = demos.findIndex((demo) => demo.variants.some((v) => !progress.seen[demo.id]?.includes(v.id)));
  if (index === -1) return { index: 0, variant: undefined, allSeen: true };
  const demo = demos[index]!;
  const variant = demo.variants.find((v) => !progress.seen[demo.id]?.includes(v.id));
  return { index, variant: variant === demo.variants[0] ? undefined : variant, allSeen: false };
}

/** The one line that says the tour resumed (or that everything is seen), and that m shows the menu; null for a new learner. */
export function resumeLine(demos: readonly DemoMeta[], resume: Resume, progress: Progress, lang: Lang): string | null {
  if (!returning(progress)) return null;
  const t = tourText[lang];
  if (resume.allSeen) return t.allSeen;
  const demo = demos[resume.index]!;
  return t.resumed(`${demo.order} ${demo.title[lang]}`, (resume.variant ?? demo.variants[0]!).id);
}
