// Test fixtures that run in their own node process, bundled like a runner
// (koffi external), so that they can be started with the fork recipe's flags.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles tests/fixtures/<name>.ts to `outfile` (under dist/, where koffi resolves). */
export async function buildFixture(name: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [`${root}tests/fixtures/${name}.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['koffi'],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    logLevel: 'warning',
  });
}

/**
 * Forks in one stress run: a proof in `npm test`, the full 200 in `npm run stress`
 * (FORK_STRESS=200). Without the recipe's --single-threaded, 61 of 100 runs hung within
 * their first forks: a short run still catches that.
 */
export const FORKS = Number(process.env.FORK_STRESS ?? 20);

/** What a run of `forks` may take: ~0.5 s a fork on 2 cores at load 14 (20 forks in 10.5 s); three times that, and a start. */
export const stressTimeout = (forks: number): number => 20_000 + forks * 1_500;

/** Bundles tests/fixtures/fork-stress.ts to `outfile`. */
export async function buildForkStress(outfile: string): Promise<void> {
  await buildFixture('fork-stress', outfile);
}
