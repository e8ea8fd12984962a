// The entry of dist/ui-script.js (scripts/build.js wraps the bundle in a function whose
// last parameter is `__ipcExports`; src/ui/load-interactive.ts calls it).
import { runInteractive } from './run-interactive.js';
import { warmUp } from './warm-up.js';

export interface ScriptExports {
  readonly runInteractive: typeof runInteractive;
  /** For the build (scripts/ui-code-cache.js): a warm-up frame, so that the cache holds the first render's code. */
  readonly warmUp: typeof warmUp;
}

declare const __ipcExports: { -readonly [K in keyof ScriptExports]?: ScriptExports[K] };

__ipcExports.runInteractive = runInteractive;
__ipcExports.warmUp = warmUp;
