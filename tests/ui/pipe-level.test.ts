// The pipe's level in the kernel panel, as the screen shows it from a real run:
// the bytes in the pipe at each step, whoever still holds its ends, live and in replay.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/runtime/events.js';
import { kernelLines } from '../../src/ui/kernel-lines.js';
import { foldEntries, stepIndices, type Entry } from '../../src/ui/model.js';
import { expectNothingLeft, pidsOf, recordRun, until } from '../helpers/run.js';

/** The pipe's line of the kernel panel as the screen shows it after `upTo` entries: "pipe:N ⇄ … 17 B/64 KiB …". */
function pipeLine(entries: readonly Entry[], upTo = entries.length): string | undefined {
  const view = foldEntries(entries, upTo);
  return kernelLines(view.kernel, view.procs, 'en').find((line) => line.text.startsWith('pipe:'))?.text;
}

/** The step a process stands at: the last one it took. */
function lastStep(events: readonly RunEvent[], pid: number): string | undefined {
  const last = events.findLast((e) => e.kind === 'step' && e.pid === pid);
  return last?.kind === 'step' ? last.step : undefined;
}

describe('the pipe level in the kernel panel', () => {
  it('basic: the level shown is the bytes in the pipe at each step, after the parent has closed its end too, and in replay', async () => {
    const shown: Record<string, string | undefined> = {};
    const recorded = await recordRun('pipe', 'basic', { mode: 'step' }, async (run, events, _snapshots, entries) => {
      // A learner steps the parent only, looking at the screen each time (the kernel view has caught up);
      // the child stays at its first line, holding both ends.
      const parent = () => pidsOf(events, 'main')[0];
      const child = () => pidsOf(events, 'child')[0];
      const forked = () => events.some((e) => e.kind === 'return' && e.name === 'fork' && e.pid === parent());
      // After fork() the child takes a while to say hello: the learner sees it at its first line before going on.
      const ready = () => parent() !== undefined && run.waitingPids().includes(parent()!) && (!forked() || (child() !== undefined && run.waitingPids().includes(child()!)));
      for (;;) {
        await until(run, ready, 'the parent at a step (and the child at its first)');
        const snapshot = await run.kernelAfter();
        const step = lastStep(events, parent()!)!;
        if (step === 'wait' && !snapshot.processes.find((p) => p.pid === parent())?.fds.some((f) => f.kind === 'pipe')) break;
        if (step !== 'wait') run.advance(parent());
      }
      shown.live = pipeLine(entries);
      // Replay: where ← stops for each step, in order.
      const stops = stepIndices(entries);
      entries.filter((e) => e.kind === 'step').forEach((entry, k) => {
        if (entry.pid === parent()) shown[entry.step] = pipeLine(entries, stops[k]);
      });
      run.setMode('run');
    });
    // 17 bytes wait in the pipe from the write() on: the parent's close() of its end takes none of them.
    expect(shown.live).toMatch(/ 17 B\/64 KiB/);
    // Each step replays the kernel as it was while that step was on screen: who holds the pipe, and its level.
    expect(shown['parent-write']).toMatch(/ ⇄ Pw Cr Cw 0 B\/64 KiB/);
    expect(shown['parent-close-write']).toMatch(/ ⇄ Pw Cr Cw 17 B\/64 KiB/);
    expect(shown.wait).toMatch(/ ⇄ Cr Cw 17 B\/64 KiB/);
    expectNothingLeft(recorded);
  });

});
