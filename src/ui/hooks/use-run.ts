import { createContext, useContext, useEffect, useState } from 'react';
import type { DemoMeta, VariantMeta } from '../../demos/types.js';
import { Run, type RunResult } from '../../runtime/controller.js';
import { guard } from '../../runtime/lifecycle.js';
import type { Mode } from '../../runtime/protocol.js';
import type { Launcher } from '../../runtime/launch.js';
import type { KernelSnapshot } from '../../runtime/events.js';
import type { Entry } from '../model.js';
import { milestone } from '../../milestones.js';

export interface RunState {
  readonly run: Run;
  readonly entries: readonly Entry[];
  readonly result: RunResult | null;
  readonly error: string | null;
}

/** A run started before the screen loaded (src/cli/first-run.ts), how it ended if it already has, and its newest kernel view. */
export interface StartedRunHandle {
  readonly run: Run;
  readonly result: () => RunResult | null;
  readonly kernel: () => KernelSnapshot | undefined;
}
/** Hands that run over: once, to the demo and variant it is for. */
export type TakeStarted = (demoId: string, variantId: string) => StartedRunHandle | undefined;
export const StartedRun = createContext<TakeStarted | undefined>(undefined);

/**
 * Owns one run of a demo for the life of the component: starts it, records
 * everything it reports, and stops it (every process, every object) on unmount.
 * A new variant or demo is a new component (its key), so a new run.
 */
export function useRun(demo: DemoMeta, variant: VariantMeta, mode: Mode, onSignalExit: () => void, roles?: readonly string[], playDelayMs?: number, launcherFor?: (demo: DemoMeta, variant: VariantMeta) => Launcher): RunState {
  const takeStarted = useContext(StartedRun);
  const [{ run, result: endedBefore, kernel: kernelBefore }] = useState(
    () => takeStarted?.(demo.id, variant.id) ?? { run: new Run({ demo, variant, mode, roles, lab: roles !== undefined, playDelayMs, launcher: launcherFor?.(demo, variant) }), result: () => null, kernel: () => undefined },
  );
  // A run started before the screen has events already, a kernel view it will not report again
  // until something changes, and maybe its end: the first render shows them (a render is the
  // costliest thing the screen does), the effect below catches up with what came in between.
  const [before] = useState(() => {
    const kernel = kernelBefore();
    const entries: Entry[] = [...run.events];
    if (kernel) entries.push({ kind: 'kernel', snapshot: kernel });
    return { events: run.events.length, entries, kernel: kernel !== undefined };
  });
  const [entries, setEntries] = useState<readonly Entry[]>(before.entries);
  const [result, setResult] = useState<RunResult | null>(() => endedBefore());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const release = guard(run, onSignalExit);
    // What came after the first render, read in the same turn as subscribing: no event falls between.
    const missed = run.events.slice(before.events);
    if (missed.length > 0) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- catching up with the run, an outside store
      setEntries((prev) => [...prev, ...missed]);
    }
    if (missed.length > 0 || (run.events.length > 0 && !before.kernel)) {
      setResult(endedBefore());
      run.kernelAfter().then((snapshot) => setEntries((prev) => [...prev, { kind: 'kernel', snapshot }]), () => undefined);
    }
    run.on('event', (event) => setEntries((prev) => [...prev, event]));
    run.on('kernel', (snapshot) => setEntries((prev) => [...prev, { kind: 'kernel', snapshot }]));
    run.on('end', setResult);
    // A run the CLI started holds back its programs after the first until the screen has drawn it.
    milestone('run drawn');
    run.startRest();
    run.start().catch((cause: unknown) => {
      setError(cause instanceof Error ? cause.message : String(cause));
      void run.stop('stopped');
    });
    return () => {
      run.removeAllListeners();
      void run.stop('stopped').finally(release);
    };
  }, [run, endedBefore, before, onSignalExit]);

  return { run, entries, result, error };
}
