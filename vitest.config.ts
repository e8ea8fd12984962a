import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';
// @ts-expect-error: a plain JS build helper, shared with scripts/build.js
import { EXERCISES_MODULE, METAS_MODULE, registryKind, ROLES_MODULE, registrySource } from './scripts/demo-registry.js';

/** The same virtual modules and the same `.c as text` loading as the esbuild build. */
function demoRegistry(): Plugin {
  return {
    name: 'demo-registry',
    resolveId: (id) => ([METAS_MODULE, ROLES_MODULE, EXERCISES_MODULE].includes(id) ? `\0${id}` : null),
    load(id) {
      if ([METAS_MODULE, ROLES_MODULE, EXERCISES_MODULE].some((m) => id === `\0${m}`)) return registrySource(registryKind(id.slice(1)));
      if (id.endsWith('.c') || id.endsWith('.h')) return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
      return null;
    },
  };
}

export default defineConfig({
  plugins: [demoRegistry()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Real processes and real kernel objects: keep files from starving each other on 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
