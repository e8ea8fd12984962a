// A built-in demo's variant run to its end counts as seen in the learner's progress (kept
// between runs, shown by `ipc-demo progress` and the tour).
import { useEffect } from 'react';
import type { DemoMeta, VariantMeta } from '../../demos/types.js';
import type { RunResult } from '../../runtime/controller.js';
import { recordSeen } from '../../runtime/progress.js';

export function useSeen(demo: DemoMeta, variant: VariantMeta, result: RunResult | null): void {
  useEffect(() => {
    if (result) recordSeen(demo, variant.id, result.reason);
  }, [demo, variant, result]);
}
