// The bench's mechanisms are discovered like the demos: every src/bench/mechanisms/<nn>-<id>/
// folder with a meta.ts and a twin.ts is one, ordered by its prefix. An eighth mechanism is
// one more folder (meta.ts, twin.ts, its C reference), and nothing else to edit.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DIR = resolve(import.meta.dirname, '../src/bench/mechanisms');
const MODULES = { 'virtual:bench-metas': 'meta.ts', 'virtual:bench-twins': 'twin.ts' };

function folders() {
  return readdirSync(DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-[a-z0-9-]+$/.test(entry.name))
    .map((entry) => entry.name)
    .filter((folder) => Object.values(MODULES).every((file) => existsSync(join(DIR, folder, file))))
    .sort();
}

function source(module) {
  const file = MODULES[module];
  const list = folders();
  const imports = list.map((folder, i) => `import * as m${i} from ${JSON.stringify(join(DIR, folder, file))};`);
  const body = file === 'meta.ts'
    ? `export const metas = [${list.map((_, i) => `m${i}.mechanism`).join(', ')}];`
    : `export const twins = new Map([${list.map((folder, i) => `[${JSON.stringify(folder.slice(3))}, m${i}.twin]`).join(', ')}]);`;
  return `${imports.join('\n')}\n${body}\n`;
}

/** The esbuild plugin for scripts/build.js. */
export const benchRegistry = {
  name: 'bench-registry',
  setup(b) {
    b.onResolve({ filter: /^virtual:bench-(metas|twins)$/ }, (args) => ({ path: args.path, namespace: 'bench-registry' }));
    b.onLoad({ filter: /.*/, namespace: 'bench-registry' }, (args) => ({ contents: source(args.path), loader: 'ts', resolveDir: DIR }));
  },
};
