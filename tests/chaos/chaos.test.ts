// The short chaos run inside npm test; `npm run chaos` runs the long one (CHAOS_FAULTS=1000).
import { describe, expect, it } from 'vitest';
import { planFaults, runOnce, seeded, table, type Outcome } from './chaos.js';

const FAULTS = Number(process.env.CHAOS_FAULTS ?? 24);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
const PARALLEL = 2;

describe('chaos', () => {
  it(`${FAULTS} interrupted runs leave nothing behind (seed ${SEED})`, { timeout: Math.max(120_000, FAULTS * 4_000) }, async () => {
    const faults = planFaults(FAULTS, seeded(SEED));
    const outcomes: Outcome[] = [];
    for (let i = 0; i < faults.length; i += PARALLEL) {
      outcomes.push(...(await Promise.all(faults.slice(i, i + PARALLEL).map(runOnce))));
    }
    const report = table(outcomes);
    process.stdout.write(`\n${report}\n`);
    expect(outcomes.flatMap((o) => o.leaks)).toEqual([]);
    // Most runs must really have been interrupted, not just finished first.
    expect(outcomes.filter((o) => o.injected).length).toBeGreaterThan(FAULTS / 2);
  });
});
