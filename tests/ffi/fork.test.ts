// fork() from Node by the recipe of DESIGN.md, under load: children that
// trigger GC must neither hang nor crash. Runs in its own node process, as a
// runner does, because the recipe needs --single-threaded on the command line.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildForkStress, FORKS, stressTimeout } from '../helpers/fork-stress.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORK_NODE_FLAGS } from '../../src/ffi/fork-flags.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = `${root}dist/fork-stress.js`;

beforeAll(async () => {
  await buildForkStress(bundle);
});

describe('fork from Node', () => {
  it(`survives ${FORKS} forks whose children allocate through several GCs`, { timeout: stressTimeout(FORKS) + 15_000 }, () => {
    const out = execFileSync(process.execPath, [...FORK_NODE_FLAGS, bundle, String(FORKS)], { encoding: 'utf8', timeout: stressTimeout(FORKS) });
    expect(JSON.parse(out)).toEqual({ count: FORKS, ok: FORKS, failures: [] });
  });

  it('refuses to fork without --single-threaded', () => {
    const result = spawnSync(process.execPath, [bundle, '1'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/not started with node --single-threaded --no-lazy-feedback-allocation/);
  });
});
