// A run stepped as a learner steps it, space after space, recording what the
// screen would show at each stop: every event so far, the kernel caught up
// with them, and which processes wait at a line.
import type { Run, RunResult } from '../../src/runtime/controller.js';
import { recordRun, type Recorded } from './run.js';

export interface Stop {
  /** How many entries (events and kernel snapshots) the screen had folded. */
  readonly count: number;
  /** The processes waiting at a step then: the screen selects the first. */
  readonly waiting: readonly number[];
}

export interface Stepped {
  readonly recorded: Recorded;
  readonly stops: readonly Stop[];
}

/** Resolves on the next event or snapshot of the run, or its end. */
function nextChange(run: Run): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      run.off('event', done);
      run.off('kernel', done);
      run.off('end', done);
      resolve();
    };
    run.on('event', done);
    run.on('kernel', done);
    run.on('end', done);
  });
}

/**
 * Steps `demoId`'s `variantId` to its end in step mode: whenever a process waits at a line,
 * once the kernel has been read after it (as the screen shows it a moment later), a stop is
 * recorded and the process waiting longest goes on. A stuck run (the lesson of some variants)
 * ends when every process sleeps for good: the stop then shows the note that says so.
 */
export async function stepThrough(demoId: string, variantId: string): Promise<Stepped> {
  const stops: Stop[] = [];
  let result: RunResult | null = null;
  const recorded = await recordRun(demoId, variantId, { mode: 'step' }, async (run, events, _snapshots, entries) => {
    run.once('end', (r) => (result = r));
    const stuck = () => events.some((e) => e.kind === 'note' && e.code === 'stuck');
    for (let rounds = 0; rounds < 500; rounds++) {
      while (result === null && run.waitingPids().length === 0 && !stuck()) await nextChange(run);
      if (result !== null) return;
      const seen = await run.kernelAfter().then(
        () => true,
        () => false,
      );
      if (!seen) return;
      stops.push({ count: entries.length, waiting: run.waitingPids() });
      if (run.waitingPids().length === 0) {
        // Stuck: nothing can move; a learner quits.
        await run.stop('stopped');
        return;
      }
      run.advance();
    }
    throw new Error(`${demoId} ${variantId}: still going after 500 steps`);
  });
  // The end: every process gone, the note that says how the run ended.
  stops.push({ count: recorded.entries.length, waiting: [] });
  return { recorded, stops };
}
