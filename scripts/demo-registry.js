// The list of demos is discovered, not hand-kept: every src/demos/<nn>-<id>/
// folder is a demo, ordered by its prefix. The build (esbuild) and the tests
// (vitest) both turn the two virtual modules below into imports of those folders.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEMOS_DIR = resolve(import.meta.dirname, '../src/demos');
export const METAS_MODULE = 'virtual:demo-metas';
export const ROLES_MODULE = 'virtual:demo-roles';
export const EXERCISES_MODULE = 'virtual:demo-exercises';

/** The virtual module's kind: `virtual:demo-<kind>`. */
export function registryKind(id) {
  return id.slice('virtual:demo-'.length);
}

export function demoFolders() {
  return readdirSync(DEMOS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d\d-[a-z0-9-]+$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Source of the virtual module: `metas` (meta.ts of each folder), `roles` (roles.ts), or
 * `exercises` (exercises.ts, in the folders that have one: `[id, exercises]` pairs).
 */
export function registrySource(kind) {
  // A demo exists once it has both halves: what the screen shows and what the runner runs.
  const demos = demoFolders().filter((folder) => ['meta.ts', 'roles.ts'].every((part) => existsSync(join(DEMOS_DIR, folder, part))));
  const file = { metas: 'meta.ts', roles: 'roles.ts', exercises: 'exercises.ts' }[kind];
  const folders = demos.filter((folder) => existsSync(join(DEMOS_DIR, folder, file)));
  const imports = folders.map((folder, i) => `import * as m${i} from ${JSON.stringify(join(DEMOS_DIR, folder, file))};`);
  const list = folders.map((folder, i) => (kind === 'metas' ? `m${i}.demo` : kind === 'roles' ? `[${JSON.stringify(folder.slice(3))}, m${i}.roles]` : `[${JSON.stringify(folder.slice(3))}, m${i}.exercises]`));
  const body = kind === 'metas' ? `export const metas = [${list.join(', ')}];` : kind === 'roles' ? `export const roles = new Map([${list.join(', ')}]);` : `export const exercises = new Map([${list.join(', ')}]);`;
  return `${imports.join('\n')}\n${body}\n`;
}
