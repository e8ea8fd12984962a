import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';
// @ts-expect-error: a plain JS build helper, shared with scripts/build.js
import { METAS_MODULE, ROLES_MODULE, registrySource } from './scripts/demo-registry.js';

/** The same two virtual modules and the same `.c as text` loading as the esbuild build. */
function demoRegistry(): Plugin {
  return {
    name: 'demo-registry',
    resolveId: (id) => (id === METAS_MODULE || id === ROLES_MODULE ? `\0${id}` : null),
    load(id) {
      if (id === `\0${METAS_MODULE}`) return registrySource('metas');
      if (id === `\0${ROLES_MODULE}`) return registrySource('roles');
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
