// doctor's checks of the two scripts that start from V8's code cache (src/script-cache.ts): the
// CLI's own, and the screen's. They live with the screen; the CLI hands them to doctor.
import type { Check } from '../runtime/doctor.js';
import { usableCache } from '../script-cache.js';
import { cliScriptFile, inCliScript, runUiScript, uiScriptFile } from './load-interactive.js';

const FIX = 'nothing is wrong: ipc-demo starts a little slower. In a clone, npm run build makes the caches for this Node';

/** `instead`: what happens without the cache (the CLI or the screen loads as an ES module, or its script compiles without it). */
function why(cache: 'used' | 'missing' | 'stale' | 'rejected', instead: string): string {
  return {
    used: 'in use, made by this Node for this build',
    missing: `no cache file next to the script: ${instead}`,
    stale: `the cache was made by another Node or for another build of the script, or is damaged (this is Node ${process.versions.node}): ${instead}`,
    rejected: `V8 turned the cache down (Node started with other V8 flags?): ${instead}`,
  }[cache];
}

export async function codeCacheCheck(): Promise<Check[]> {
  const checks: Check[] = [];
  const cliFile = cliScriptFile();
  if (cliFile !== undefined) {
    // This CLI runs from its script only if bin/ipc-demo.js found the cache usable; otherwise it says why not.
    const cache = inCliScript() ? 'used' : (usableCache(cliFile).cache ?? 'rejected');
    checks.push({ name: 'CLI code cache', ok: cache === 'used', detail: why(cache, 'the CLI starts as an ES module'), fix: FIX, warning: true });
  }
  const file = uiScriptFile();
  if (file !== undefined) {
    const { cache } = await runUiScript(file);
    // The CLI's script has no ES module of the screen: it compiles the screen's script without the cache.
    const instead = cache === 'rejected' || inCliScript() ? 'the screen’s script compiles without it' : 'the screen loads as an ES module';
    checks.push({ name: 'screen code cache', ok: cache === 'used', detail: why(cache, instead), fix: FIX, warning: true });
  }
  return checks; // from source: there are no scripts
}
