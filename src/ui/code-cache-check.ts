// doctor's check of the screen: whether its script starts from its V8 code cache
// (src/ui/load-interactive.ts). It lives with the screen; the CLI hands it to doctor.
import type { Check } from '../runtime/doctor.js';
import { runUiScript, uiScriptFile } from './load-interactive.js';

export async function codeCacheCheck(): Promise<Check[]> {
  const file = uiScriptFile();
  if (file === undefined) return []; // from source: there is no script
  const name = 'screen code cache';
  const { cache } = await runUiScript(file);
  const why = {
    used: 'in use, made by this Node for this build of the screen',
    missing: 'no cache file next to the script: the screen loads as an ES module',
    stale: `the cache was made by another Node or for another build of the script, or is damaged (this is Node ${process.versions.node}): the screen loads as an ES module`,
    rejected: 'V8 turned the cache down (Node started with other V8 flags?): the screen compiles without it',
  }[cache];
  return [{ name, ok: cache === 'used', detail: why, fix: 'nothing is wrong: the screen starts a little slower. In a clone, npm run build makes the cache for this Node', warning: true }];
}
