// The short chaos run inside npm test; `npm run chaos` runs the long one (CHAOS_FAULTS=1000).
import { describe, expect, it } from 'vitest';
import { planFaults, runOnce, seeded, table, type Outcome } from './chaos.js';

/** Faults to inject: runs go on until this many were really injected (a run may end first). */
const FAULTS = Number(process.env.CHAOS_FAULTS ?? 24);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
const PARALLEL = 2;

describe('chaos', () => {
  it(`${FAULTS} faults injected into interrupted runs leave nothing behind (seed ${SEED})`, { timeout: Math.max(120_000, FAULTS * 4_000) }, async () => {
    const rand = seeded(SEED);
    const outcomes: Outcome[] = [];
    const injected = () => outcomes.filter((o) => o.injected).length;
    while (injected() < FAULTS) {
      // Most runs take their fault; a run that ended before it does not count.
      expect(outcomes.length, 'runs needed to inject the faults').toBeLessThan(FAULTS * 2);
      const faults = planFaults(Math.max(PARALLEL, FAULTS - injected()), rand, outcomes.length);
      for (let i = 0; i < faults.length && injected() < FAULTS; i += PARALLEL) {
        outcomes.push(...(await Promise.all(faults.slice(i, i + PARALLEL).map(runOnce))));
      }
    }
    const report = table(outcomes);
    process.stdout.write(`\n${report}\n`);
    expect(outcomes.flatMap((o) => o.leaks)).toEqual([]);
    expect(injected()).toBeGreaterThanOrEqual(FAULTS);
  });
});
