// The exercises, as discovered from the demo folders' exercises.ts at build time, in tour order.
import { exercises as byDemo } from 'virtual:demo-exercises';
import type { Exercise } from './exercise.js';
import { demos } from './registry.js';
import type { DemoMeta } from './types.js';

export interface ListedExercise {
  readonly demo: DemoMeta;
  readonly exercise: Exercise;
}

export const exercises: readonly ListedExercise[] = demos.flatMap((demo) => (byDemo.get(demo.id) ?? []).map((exercise) => ({ demo, exercise })));

export function findExercise(id: string): ListedExercise | undefined {
  return exercises.find(({ exercise }) => exercise.id === id);
}
