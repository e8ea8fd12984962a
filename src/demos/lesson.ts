// Which lesson a step tells: one step id can stand for lines that do different
// things, in another variant or in another role's program.
import type { DemoMeta, Text } from './types.js';

/**
 * The lesson of `step` as a process of `role` (the role whose listing it runs) meets it in
 * `variant`: the variant's own text first, then the role's, then the step's.
 */
export function stepLesson(demo: DemoMeta, variant: string, role: string | undefined, step: string): Text | undefined {
  const lesson = demo.steps[step];
  if (!lesson) return undefined;
  return lesson.variants?.[variant] ?? (role === undefined ? undefined : lesson.roles?.[role]) ?? lesson.text;
}

/** Where a text is read: on the interactive screen, with its panes, or in a transcript (--plain), without them. */
export type Medium = 'screen' | 'plain';

/**
 * A passage that points at the screen's panes is written between ⟦ and ⟧ (U+27E6, U+27E7), with the
 * space or punctuation before it. Escaped in the regexes: a bundle all ASCII loads as a one-byte string.
 */
const SCREEN_ONLY = /\s*\u27E6[^\u27E7]*\u27E7/g;

/**
 * Lesson text as `medium` shows it: the screen keeps the passages that point at its panes (the
 * kernel panel, the hex view), a transcript drops them, since it has no panes to point at.
 */
export function forMedium(text: string, medium: Medium): string {
  return medium === 'screen' ? text.replace(/[\u27E6\u27E7]/g, '') : text.replace(SCREEN_ONLY, '').trim();
}
