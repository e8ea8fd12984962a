// Scripts of the package that start from V8's code cache: the CLI's own (dist/cli-script.js,
// started by bin/ipc-demo.js) and the interactive screen's (dist/ui-script.js, loaded by the
// CLI; src/ui/load-interactive.ts). Compiling its code is most of what a Node program spends
// before its first frame, and Node 20 has no code cache for an ES module: each bundle is also a
// script, an async function of (require, import.meta.url, exports), whose cache the build makes
// (scripts/ui-code-cache.js). The cache is a file of the package, next to its script; nothing is
// written at run time. It holds the V8 version that made it: under another V8 (another Node),
// after a rebuild, or with no cache, the CLI and the screen are imported as the ES modules they
// also are, which compile faster than the scripts without their caches.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

/** The cache file, next to the script: a SHA-256 of the V8 version, the script and V8's data, then that data. */
const cacheFileOf = (scriptFile: string): string => `${scriptFile}.cache`;
const HASH_BYTES = 32;

/** What the first bytes of the cache file must be: scripts/ui-code-cache.js writes them with this. */
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

export interface CachedScript {
  readonly source: string;
  readonly data: Buffer | undefined;
  /** Why there is no data: no cache file; made by another V8 or for another build of the script, or damaged. */
  readonly cache: 'missing' | 'stale' | undefined;
}

/** The script and V8's data for it, if the cache belongs to this V8 and this script. */
export function usableCache(scriptFile: string): CachedScript {
  const source = readFileSync(scriptFile, 'utf8');
  const cacheFile = cacheFileOf(scriptFile);
  const data = cachedDataFor(source, cacheFile);
  return { source, data, cache: data !== undefined ? undefined : existsSync(cacheFile) ? 'stale' : 'missing' };
}

export interface RanScript<Exports> {
  readonly exports: Exports;
  /** 'used', or why not: no cache file; made by another V8 or for another build of the script, or damaged; turned down by V8 (other flags). */
  readonly cache: 'used' | 'missing' | 'stale' | 'rejected';
}

/** Runs a script made by scripts/build.js: an async function of (require, import.meta.url, exports), which fills in its exports. */
export async function runScript<Exports>(scriptFile: string, { source, data, cache: unusable }: CachedScript = usableCache(scriptFile)): Promise<RanScript<Exports>> {
  const script = new Script(source, { filename: scriptFile, cachedData: data });
  const run = script.runInThisContext() as (require: NodeJS.Require, importMetaUrl: string, exports: Partial<Exports>) => Promise<void>;
  const exports: Partial<Exports> = {};
  await run(createRequire(scriptFile), pathToFileURL(scriptFile).href, exports);
  return { exports: exports as Exports, cache: unusable ?? (script.cachedDataRejected === true ? 'rejected' : 'used') };
}

/** bin/ipc-demo.js: runs the CLI's script if its cache is usable and returns true; false, having run nothing, if not. */
export async function startFromCache(scriptFile: string): Promise<boolean> {
  let cached: CachedScript;
  try {
    cached = usableCache(scriptFile);
  } catch {
    return false; // no script (a package without it): the module
  }
  if (cached.data === undefined) return false;
  await runScript(scriptFile, cached);
  return true;
}
