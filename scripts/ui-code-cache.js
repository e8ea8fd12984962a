// node scripts/ui-code-cache.js dist/ui-script.js: writes dist/ui-script.js.cache, V8's
// code cache for the interactive screen's script (see src/ui/load-interactive.ts).
// scripts/build.js runs it in a Node process of its own with no flags, as the CLI runs:
// V8 turns a cache down when its version or flags differ. The script is loaded and a
// frame drawn first (warmUp), so that the cache holds the code those compiled.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { writeWhole } from './write-whole.js';

const file = resolve(process.argv[2]);
const source = readFileSync(file, 'utf8');
const script = new Script(source, { filename: file });
const exports = {};
await script.runInThisContext()(createRequire(file), pathToFileURL(file).href, exports);
exports.warmUp();
const data = script.createCachedData();
// The loader takes the data only if this hash, the loader's own function, matches.
writeWhole(`${file}.cache`, Buffer.concat([exports.cacheHash(source, data), data]));
