// node scripts/ui-code-cache.js dist/ui-script.js [argv…]: writes dist/ui-script.js.cache, V8's
// code cache for a script of the package (the interactive screen's, or the CLI's; see
// src/script-cache.ts). scripts/build.js runs it in a Node process of its own with no
// flags, as the CLI runs: V8 turns a cache down when its version or flags differ. The script
// is run first, so that the cache holds the code that compiled: the screen draws a frame
// (warmUp); the CLI runs with the arguments given (--version: its commands are built).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { writeWhole } from './write-whole.js';

const { cacheHash } = createRequire(import.meta.url)('../dist/script-cache.cjs');
const file = resolve(process.argv[2]);
const argv = process.argv.slice(3);
const source = readFileSync(file, 'utf8');
const script = new Script(source, { filename: file });
const exports = {};
if (argv.length > 0) process.argv = [process.execPath, file, ...argv];
await script.runInThisContext()(createRequire(file), pathToFileURL(file).href, exports);
exports.warmUp?.();
const data = script.createCachedData();
// The loader takes the data only if this hash, the loader's own function, matches.
writeWhole(`${file}.cache`, Buffer.concat([cacheHash(source, data), data]));
