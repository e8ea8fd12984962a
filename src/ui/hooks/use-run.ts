import { useEffect, useRef, useState } from 'react';
import type { DemoMeta, VariantMeta } from '../../demos/types.js';
import { Run, type RunResult } from '../../runtime/controller.js';
import { guard } from '../../runtime/lifecycle.js';
import type { Mode } from '../../runtime/protocol.js';
import type { Entry } from '../model.js';

export interface RunState {
  readonly run: Run | null;
  readonly entries: readonly Entry[];
  readonly result: RunResult | null;
  readonly error: string | null;
}

/**
 * Owns one run of a demo: starts it, records everything it reports, and stops
 * it (every process, every object) when the component unmounts or `runKey` changes.
 */
export function useRun(demo: DemoMeta, variant: VariantMeta, mode: Mode, runKey: number, onSignalExit: () => void): RunState {
  const [entries, setEntries] = useState<readonly Entry[]>([]);
  const [result, setResult] = useState<RunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runRef = useRef<Run | null>(null);
  const [, setStarted] = useState(0);

  useEffect(() => {
    setEntries([]);
    setResult(null);
    setError(null);
    const run = new Run({ demo, variant, mode });
    runRef.current = run;
    const release = guard(run, onSignalExit);
    run.on('event', (event) => setEntries((prev) => [...prev, event]));
    run.on('kernel', (snapshot) => setEntries((prev) => [...prev, { kind: 'kernel', snapshot }]));
    run.on('end', (ended) => setResult(ended));
    run.start().then(
      () => setStarted((n) => n + 1),
      (cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause)),
    );
    return () => {
      void run.stop('stopped').finally(release);
    };
    // The run is restarted only when the demo, the variant or the key changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [demo, variant, runKey]);

  return { run: runRef.current, entries, result, error };
}
