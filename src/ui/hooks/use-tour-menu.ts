// The tour's menu (m): the demos with the learner's progress, read from the file each time it
// opens (a demo finished a moment ago shows its ✓ at once). Keys: ↑↓ or j k, a digit or enter
// to go, esc or m back to the demo that was running (its run kept where it was).
import { useEffect, useState } from 'react';
import type { DemoMeta } from '../../demos/types.js';
import { loadProgress, type Loaded } from '../../runtime/progress.js';
import type { KeyHandler } from './use-key-queue.js';

export interface TourMenu {
  /** The menu on show: the demo highlighted and the progress read when it opened. */
  readonly open: { readonly highlighted: number; readonly loaded: Loaded } | null;
  /** The exercises' ids by demo id, once loaded (they are not part of a single demo's screen). */
  readonly exercises: ReadonlyMap<string, readonly string[]> | undefined;
  readonly show: () => void;
  readonly onKey: KeyHandler;
}

/** The exercises (their checks, their C starters) are loaded only for the tour, after it has started. */
function useExerciseIds(enabled: boolean): ReadonlyMap<string, readonly string[]> | undefined {
  const [ids, setIds] = useState<ReadonlyMap<string, readonly string[]>>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    import('../../demos/exercises.js').then(
      ({ exercises }) => {
        const byDemo = new Map<string, string[]>();
        for (const { demo, exercise } of exercises) byDemo.set(demo.id, [...(byDemo.get(demo.id) ?? []), exercise.id]);
        if (live) setIds(byDemo);
      },
      () => undefined, // the menu goes without its exercise column
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return ids;
}

export function useTourMenu(demos: readonly DemoMeta[], index: number, go: (target: number) => void, quit: () => void): TourMenu {
  const [open, setOpen] = useState<TourMenu['open']>(null);
  const exercises = useExerciseIds(demos.length > 1);
  const choose = (target: number) => {
    setOpen(null);
    if (target !== index) go(target);
  };
  const onKey: KeyHandler = (input, key) => {
    if (!open) return;
    const move = (by: number) => setOpen({ ...open, highlighted: (open.highlighted + by + demos.length) % demos.length });
    if (key.escape || input === 'm') setOpen(null);
    else if (key.upArrow || input === 'k') move(-1);
    else if (key.downArrow || input === 'j') move(1);
    else if (key.return) choose(open.highlighted);
    else if (/^[1-9]$/.test(input) && Number(input) <= demos.length) choose(Number(input) - 1);
    else if (input === 'q') quit();
  };
  return { open, exercises, show: () => setOpen({ highlighted: index, loaded: loadProgress() }), onKey };
}
