// The first demo's runners start before the screen's modules load: they need nothing of
// the screen, and a runner (a Node process, its bundle, koffi) takes about as long to be
// ready at its first line as the screen takes to draw. Started one after the other, the
// learner waited for both before space did anything.
//
// The screen's first render then waits (a little) for the run to stand at its first lines, and
// shows them: each render of the whole screen takes the controller 50–75 ms of its only thread
// on a cold start, and a first one drawn too early ("starting…", then the kernel's view, then
// step 1) kept the runners' first events waiting behind two renders before space did anything.
import type { KernelSnapshot } from '../runtime/events.js';
import type { RunOptions, RunResult } from '../runtime/controller.js';
import type { StartedRunHandle } from '../ui/hooks/use-run.js';

export interface FirstRun {
  /** The run, once, to the screen's first demo when it is this demo and variant; undefined otherwise. */
  readonly take: (demoId: string, variantId: string) => StartedRunHandle | undefined;
  /**
   * Resolves once a process of the run stands at its first line, with the kernel's view of that,
   * or the run has ended; after `limitMs` whatever the run has reached (a loaded machine, a
   * learner's program slow to its first call).
   */
  readonly atFirstLines: (limitMs: number) => Promise<void>;
  /** Stops the run if the screen never took it (it failed to load, or showed something else): nothing is left. */
  readonly stopUnclaimed: () => Promise<void>;
}

/** `onSignalExit`: what a signal must undo before the screen is up (the first frame's alternate screen). */
export async function startFirstRun(options: RunOptions, onSignalExit?: () => void): Promise<FirstRun> {
  const [{ Run }, { guard }] = await Promise.all([import('../runtime/controller.js'), import('../runtime/lifecycle.js')]);
  const run = new Run({ ...options, holdRest: true });
  // Guarded from now on: a signal while the screen loads stops it like any other run.
  const release = guard(run, onSignalExit);
  let claimed = false;
  let result: RunResult | null = null;
  let kernel: KernelSnapshot | undefined;
  const settled = new Set<() => void>();
  run.once('end', (ended) => {
    result = ended;
    for (const resolve of settled) resolve();
  });
  const onKernel = (snapshot: KernelSnapshot) => {
    kernel = snapshot;
  };
  run.on('kernel', onKernel);
  // Until the runners are spawned, not until they are ready: that is the part the screen's
  // loading runs beside. A start that fails is the screen's to say (useRun awaits the same
  // start); unclaimed, the stop ends it.
  let startFailed = false;
  await run.start().catch(() => {
    startFailed = true;
  });
  // One process at its line is enough: space moves it. Another program of the run (section 2
  // starts two) still loading comes on screen when it says hello, as it would have anyway.
  const atLines = () => [...run.procs.values()].some((p) => p.socket !== null && p.stepsSeen.size > 0);
  return {
    take: (demoId, variantId) => {
      if (claimed || demoId !== options.demo.id || variantId !== options.variant.id) return undefined;
      claimed = true;
      run.off('kernel', onKernel);
      return { run, result: () => result, kernel: () => kernel };
    },
    atFirstLines: (limitMs) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          run.off('event', check);
          settled.delete(done);
          resolve();
        };
        // Then the view of a poll begun after that event: the processes' fds as they stand at their lines.
        const check = () => {
          if (!atLines()) return;
          run.off('event', check);
          void run.kernelAfter().then(done, done);
        };
        const timer = setTimeout(done, limitMs);
        if (result || startFailed) return done(); // the screen says why at once
        settled.add(done);
        run.on('event', check);
        check();
      }),
    stopUnclaimed: async () => {
      if (claimed) return;
      claimed = true;
      await run.stop('stopped');
      release();
    },
  };
}
