// The first demo's runners start before the screen's modules load: they need nothing of
// the screen, and a runner (a Node process, its bundle, koffi) takes about as long to be
// ready at its first line as the screen takes to draw. Started one after the other, the
// learner waited for both before space did anything.
import type { Run, RunOptions, RunResult } from '../runtime/controller.js';

export interface FirstRun {
  /** The run, once, to the screen's first demo when it is this demo and variant, with its result if it has already ended (run mode may); undefined otherwise. */
  readonly take: (demoId: string, variantId: string) => { readonly run: Run; readonly result: () => RunResult | null } | undefined;
  /** Stops the run if the screen never took it (it failed to load, or showed something else): nothing is left. */
  readonly stopUnclaimed: () => Promise<void>;
}

/** `onSignalExit`: what a signal must undo before the screen is up (the first frame's alternate screen). */
export async function startFirstRun(options: RunOptions, onSignalExit?: () => void): Promise<FirstRun> {
  const [{ Run }, { guard }] = await Promise.all([import('../runtime/controller.js'), import('../runtime/lifecycle.js')]);
  const run = new Run(options);
  // Guarded from now on: a signal while the screen loads stops it like any other run.
  const release = guard(run, onSignalExit);
  let claimed = false;
  let result: RunResult | null = null;
  run.once('end', (ended) => {
    result = ended;
  });
  // Until the runners are spawned, not until they are ready: that is the part the screen's
  // loading runs beside. A start that fails is the screen's to say (useRun awaits the same
  // start); unclaimed, the stop ends it.
  await run.start().catch(() => undefined);
  return {
    take: (demoId, variantId) => {
      if (claimed || demoId !== options.demo.id || variantId !== options.variant.id) return undefined;
      claimed = true;
      return { run, result: () => result };
    },
    stopUnclaimed: async () => {
      if (claimed) return;
      claimed = true;
      await run.stop('stopped');
      release();
    },
  };
}
