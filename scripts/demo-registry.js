// The list of demos is discovered, not hand-kept: every src/demos/<nn>-<id>/
// folder is a demo, ordered by its prefix. The build (esbuild) and the tests
// (vitest) both turn the two virtual modules below into imports of those folders.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEMOS_DIR = resolve(import.meta.dirname, '../src/demos');
export const METAS_MODULE = 'virtual:demo-metas';
export const ROLES_MODULE = 'virtual:demo-roles';

export function demoFolders() {
  return readdirSync(DEMOS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-[a-z0-9-]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** Source of the virtual module: `metas` (meta.ts of each folder) or `roles` (roles.ts). */
export function registrySource(kind) {
  const file = kind === 'metas' ? 'meta.ts' : 'roles.ts';
  // A demo exists once it has both halves: what the screen shows and what the runner runs.
  const folders = demoFolders().filter((folder) => ['meta.ts', 'roles.ts'].every((part) => existsSync(join(DEMOS_DIR, folder, part))));
  const imports = folders.map((folder, i) => `import * as m${i} from ${JSON.stringify(join(DEMOS_DIR, folder, file))};`);
  const list = folders.map((folder, i) => (kind === 'metas' ? `m${i}.demo` : `[${JSON.stringify(folder.slice(3))}, m${i}.roles]`));
  const body = kind === 'metas' ? `export const metas = [${list.join(', ')}];` : `export const roles = new Map([${list.join(', ')}]);`;
  return `${imports.join('\n')}\n${body}\n`;
}
