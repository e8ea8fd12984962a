#!/usr/bin/env node
// The CLI starts from its script and V8's code cache for it when the build made one for this
// Node (src/script-cache.ts, a CommonJS file: it requires Node's modules without building their
// ES module facades); otherwise as the ES module it also is.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const { startFromCache } = createRequire(import.meta.url)('../dist/script-cache.cjs');
if (!(await startFromCache(fileURLToPath(new URL('../dist/cli-script.js', import.meta.url))))) await import('../dist/cli.js');
