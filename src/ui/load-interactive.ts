// The interactive screen (Ink, React, Yoga: most of the code the CLI runs) ships as one
// script, dist/ui-script.js, compiled with a V8 code cache that the build makes
// (scripts/ui-code-cache.js): compiling that code, for loading and for the first render,
// is what the first frame spends most on. The cache is a file of the package, next to
// the script; nothing is written at run time. Another Node (another V8) turns it down,
// and so does the hash check below after a rebuild: the script is then compiled as usual.
// From source (the tests), the module is imported as it is.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import type { ScriptExports } from './script-entry.js';

declare const __IPC_DEMO_UI_SCRIPT__: string | undefined;

/** The cache file, next to the script: a SHA-256 of the script and of V8's data, then that data. */
const cacheFileOf = (scriptFile: string): string => `${scriptFile}.cache`;
const HASH_BYTES = 32;

/** V8's data from the cache file, if there is one, it was made for this very source, and it is whole. */
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
  const hash = createHash('sha256').update(source).update(data).digest();
  return cache.length > HASH_BYTES && cache.subarray(0, HASH_BYTES).equals(hash) ? data : undefined;
}

export interface LoadedScript {
  readonly exports: ScriptExports;
  /** 'used', or why not: no cache file, made for another build of the script (or damaged), or turned down by V8. */
  readonly cache: 'used' | 'missing' | 'stale' | 'rejected';
}

/**
 * Runs dist/ui-script.js: an async function of (require, import.meta.url, exports),
 * made by scripts/build.js, that fills in its exports once its modules have loaded.
 */
export async function runUiScript(scriptFile: string): Promise<LoadedScript> {
  const source = readFileSync(scriptFile, 'utf8');
  const cacheFile = cacheFileOf(scriptFile);
  const data = cachedDataFor(source, cacheFile);
  const script = new Script(source, { filename: scriptFile, cachedData: data });
  const run = script.runInThisContext() as (require: NodeJS.Require, importMetaUrl: string, exports: Partial<ScriptExports>) => Promise<void>;
  const exports: Partial<ScriptExports> = {};
  await run(createRequire(scriptFile), pathToFileURL(scriptFile).href, exports);
  const cache = data !== undefined ? (script.cachedDataRejected === true ? 'rejected' : 'used') : existsSync(cacheFile) ? 'stale' : 'missing';
  return { exports: exports as ScriptExports, cache };
}

/** Where the built CLI finds the screen's script; undefined when running from source. */
export function uiScriptFile(): string | undefined {
  return typeof __IPC_DEMO_UI_SCRIPT__ === 'string' ? fileURLToPath(new URL(__IPC_DEMO_UI_SCRIPT__, import.meta.url)) : undefined;
}

export async function loadInteractive(): Promise<ScriptExports['runInteractive']> {
  const file = uiScriptFile();
  if (file !== undefined) return (await runUiScript(file)).exports.runInteractive;
  return (await import('./run-interactive.js')).runInteractive;
}
