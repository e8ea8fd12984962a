import { createContext, useContext, useEffect, useState } from 'react';
import type { DemoMeta, VariantMeta } from '../../demos/types.js';
import { Run, type RunResult } from '../../runtime/controller.js';
import { guard } from '../../runtime/lifecycle.js';
import type { Mode } from '../../runtime/protocol.js';
import type { Launcher } from '../../runtime/launch.js';
import type { Entry } from '../model.js';

export interface RunState {
  readonly run: Run;
  readonly entries: readonly Entry[];
  readonly result: RunResult | null;
  readonly error: string | null;
}

/** A run started before the screen loaded (src/cli/first-run.ts), and how it ended if it already has. */
export interface StartedRunHandle {
  readonly run: Run;
  readonly result: () => RunResult | null;
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
  const [{ run, result: endedBefore }] = useState(
    () => takeStarted?.(demo.id, variant.id) ?? { run: new Run({ demo, variant, mode, roles, lab: roles !== undefined, playDelayMs, launcher: launcherFor?.(demo, variant) }), result: () => null },
  );
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [result, setResult] = useState<RunResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const release = guard(run, onSignalExit);
    // A run started before the screen has events already, a kernel view it will not report
    // again until something changes, and maybe its end: what it has, then what comes.
    if (run.events.length > 0) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- catching up with the run, an outside store, in the same turn as subscribing: no event falls between
      setEntries([...run.events]);
      setResult(endedBefore());
      run.kernelAfter().then((snapshot) => setEntries((prev) => [...prev, { kind: 'kernel', snapshot }]), () => undefined);
    }
    run.on('event', (event) => setEntries((prev) => [...prev, event]));
    run.on('kernel', (snapshot) => setEntries((prev) => [...prev, { kind: 'kernel', snapshot }]));
    run.on('end', setResult);
    run.start().catch((cause: unknown) => {
      setError(cause instanceof Error ? cause.message : String(cause));
      void run.stop('stopped');
    });
    return () => {
      run.removeAllListeners();
      void run.stop('stopped').finally(release);
    };
  }, [run, endedBefore, onSignalExit]);

  return { run, entries, result, error };
}
