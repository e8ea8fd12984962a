// The controller's start and stop, when they overlap: q pressed the moment a
// demo opens. Real runners, real /proc.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Run } from '../../src/runtime/controller.js';
import { demoAndVariant } from '../helpers/run.js';

/** Pids of the processes whose command line names `dir` (a runner gets its run's trace socket path). */
function processesNaming(dir: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

describe('a run stopped while it starts', () => {
  for (const [demoId, variantId] of [
    ['pipe', 'basic'],
    ['fifo', 'basic'],
  ] as const) {
    it(`${demoId}: starts no runner, and leaves no directory behind`, async () => {
      const { demo, variant } = demoAndVariant(demoId, variantId);
      const run = new Run({ demo, variant, mode: 'step' });
      const dir = run.dir;
      const starting = run.start();
      const result = await run.stop('stopped');
      await starting;
      expect(result.reason).toBe('stopped');
      expect(run.procs.size).toBe(0);
      // Had start() gone on to spawn its runners, they would be here now: spawn is synchronous.
      expect(processesNaming(dir)).toEqual([]);
      expect(existsSync(dir)).toBe(false);
    });
  }

  it('stop() after start() has finished still ends every runner', async () => {
    const { demo, variant } = demoAndVariant('pipe', 'basic');
    const run = new Run({ demo, variant, mode: 'step' });
    const dir = run.dir;
    await run.start();
    expect(processesNaming(dir).length).toBeGreaterThan(0);
    await run.stop('stopped');
    expect(processesNaming(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });
});
