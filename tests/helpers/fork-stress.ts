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

/** Bundles tests/fixtures/fork-stress.ts to `outfile`. */
export async function buildForkStress(outfile: string): Promise<void> {
  await buildFixture('fork-stress', outfile);
}
