// The interactive screen (Ink, React, Yoga: most of the code the CLI runs) also ships as
// one script, dist/ui-script.js, with a V8 code cache that the build makes
// (scripts/ui-code-cache.js): compiling that code, for loading and for the first render,
// is what the first frame spends most on. The cache is a file of the package, next to
// the script; nothing is written at run time. It holds the V8 version that made it: under
// another V8 (another Node), after a rebuild, or with no cache, the screen is imported as
// the ES module chunk it also is, which compiles faster than the script without its cache.
// From source (the tests), the module is imported as it is.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import type { ScriptExports } from './script-entry.js';

declare const __IPC_DEMO_UI_SCRIPT__: string | undefined;

/** The cache file, next to the script: a SHA-256 of the V8 version, the script and V8's data, then that data. */
const cacheFileOf = (scriptFile: string): string => `${scriptFile}.cache`;
const HASH_BYTES = 32;

/** What the first bytes of the cache file must be: scripts/ui-code-cache.js writes them with this, from the script's exports. */
export const cacheHash = (source: string, data: Uint8Array): Buffer => createHash('sha256').update(process.versions.v8).update('\0').update(source).update(data).digest();

/** V8's data from the cache file, if there is one, it was made by this V8 for this very source, and it is whole. */
function cachedDataFor(source: string, cacheFile: string): Buffer | undefined {
  let cache: Buffer;
  try {
    cache = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  // V8 itself compares only the source's length, and in release builds does not check
  // its data: a cache of another build of the same length would run the old code, and a
  // damaged one crashes the process (seen: SIGSEGV). The hash covers both.
  const data = cache.subarray(HASH_BYTES);
  const hash = cacheHash(source, data);
  return cache.length > HASH_BYTES && cache.subarray(0, HASH_BYTES).equals(hash) ? data : undefined;
}

export interface LoadedScript {
  readonly exports: ScriptExports;
  /** 'used', or why not: no cache file; made by another V8 or for another build of the script, or damaged; turned down by V8 (other flags). */
  readonly cache: 'used' | 'missing' | 'stale' | 'rejected';
}

/** The script and V8's data for it, if the cache belongs to this V8 and this script. */
export function usableCache(scriptFile: string): { source: string; data: Buffer | undefined; cache: 'missing' | 'stale' | undefined } {
  const source = readFileSync(scriptFile, 'utf8');
  const cacheFile = cacheFileOf(scriptFile);
  const data = cachedDataFor(source, cacheFile);
  return { source, data, cache: data !== undefined ? undefined : existsSync(cacheFile) ? 'stale' : 'missing' };
}

/**
 * Runs dist/ui-script.js: an async function of (require, import.meta.url, exports),
 * made by scripts/build.js, that fills in its exports once its modules have loaded.
 */
export async function runUiScript(scriptFile: string, { source, data, cache: unusable } = usableCache(scriptFile)): Promise<LoadedScript> {
  const script = new Script(source, { filename: scriptFile, cachedData: data });
  const run = script.runInThisContext() as (require: NodeJS.Require, importMetaUrl: string, exports: Partial<ScriptExports>) => Promise<void>;
  const exports: Partial<ScriptExports> = {};
  await run(createRequire(scriptFile), pathToFileURL(scriptFile).href, exports);
  return { exports: exports as ScriptExports, cache: unusable ?? (script.cachedDataRejected === true ? 'rejected' : 'used') };
}

/** Where the built CLI finds the screen's script; undefined when running from source. */
export function uiScriptFile(): string | undefined {
  return typeof __IPC_DEMO_UI_SCRIPT__ === 'string' ? fileURLToPath(new URL(__IPC_DEMO_UI_SCRIPT__, import.meta.url)) : undefined;
}

export async function loadInteractive(): Promise<ScriptExports['runInteractive']> {
  const file = uiScriptFile();
  const cached = file === undefined ? undefined : usableCache(file);
  if (file !== undefined && cached?.data !== undefined) return (await runUiScript(file, cached)).exports.runInteractive;
  return (await import('./run-interactive.js')).runInteractive;
}
