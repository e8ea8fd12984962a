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
