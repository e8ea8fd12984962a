// The interactive screen (Ink, React, Yoga: most of the code the CLI runs) also ships as one
// script, dist/ui-script.js, with V8's code cache for it (src/script-cache.ts): compiling that
// code, for loading and for the first render, is what the screen spends most on. Without a
// cache that belongs to this V8 and this script, the screen is imported as the ES module chunk
// it also is, which compiles faster than the script without its cache; the CLI's own script
// (dist/cli-script.js, started only when its cache was usable) has no chunk and runs the
// screen's script anyway. From source (the tests), the module is imported as it is.
import { fileURLToPath } from 'node:url';
import { runScript, usableCache, type CachedScript, type RanScript } from '../script-cache.js';
import type { ScriptExports } from './script-entry.js';

declare const __IPC_DEMO_UI_SCRIPT__: string | undefined;
declare const __IPC_DEMO_CLI_SCRIPT__: string | undefined;
/** True in the CLI's own script (dist/cli-script.js), which has no ES module chunk of the screen to fall back on. */
declare const __IPC_DEMO_IN_SCRIPT__: boolean | undefined;

/** Whether this CLI runs from its script (its cache was usable when bin/ipc-demo.js started it). */
export const inCliScript = (): boolean => typeof __IPC_DEMO_IN_SCRIPT__ === 'boolean' && __IPC_DEMO_IN_SCRIPT__;

/** Where the built CLI's own script is; undefined when running from source. */
export function cliScriptFile(): string | undefined {
  return typeof __IPC_DEMO_CLI_SCRIPT__ === 'string' ? fileURLToPath(new URL(__IPC_DEMO_CLI_SCRIPT__, import.meta.url)) : undefined;
}

export type LoadedScript = RanScript<ScriptExports>;

/** Runs dist/ui-script.js, with its cache if it is usable. */
export function runUiScript(scriptFile: string, cached?: CachedScript): Promise<LoadedScript> {
  return runScript<ScriptExports>(scriptFile, cached);
}

/** Where the built CLI finds the screen's script; undefined when running from source. */
export function uiScriptFile(): string | undefined {
  return typeof __IPC_DEMO_UI_SCRIPT__ === 'string' ? fileURLToPath(new URL(__IPC_DEMO_UI_SCRIPT__, import.meta.url)) : undefined;
}

export async function loadInteractive(): Promise<ScriptExports['runInteractive']> {
  const file = uiScriptFile();
  const cached = file === undefined ? undefined : usableCache(file);
  if (file !== undefined && (cached?.data !== undefined || inCliScript())) return (await runUiScript(file, cached)).exports.runInteractive;
  return (await import('./run-interactive.js')).runInteractive;
}
