// The bundles: the controller (the CLI, with its interactive screen: Ink, React in production
// mode) as ES modules, and again as two scripts with V8 code caches (the CLI's and the screen's);
// the runner (koffi and the demos, no React; CommonJS, runner.cjs); the scripts' loader
// (script-cache.cjs); and `ipc-demo bench`'s Node twin. koffi stays external: its native binary
// comes from its platform package. docs/DESIGN.md (Bundles) says why each is as it is.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename } from 'node:path';
import { Script } from 'node:vm';
import { styledCellPatches, textPatches, yogaWasmFile } from './bundle-patches.js';
import { registryKind, registrySource } from './demo-registry.js';
import { benchRegistry } from './bench-registry.js';
import { writeWhole } from './write-whole.js';

const root = new URL('..', import.meta.url).pathname;

const demoRegistry = {
  name: 'demo-registry',
  setup(b) {
    b.onResolve({ filter: /^virtual:demo-(metas|roles|exercises)$/ }, (args) => ({ path: args.path, namespace: 'demo-registry' }));
    b.onLoad({ filter: /.*/, namespace: 'demo-registry' }, (args) => ({
      contents: registrySource(registryKind(args.path)),
      loader: 'ts',
      resolveDir: root,
    }));
  },
};

// Ink loads React DevTools only when DEV=true; the shipped bundle never does.
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
  },
};

// `import process from 'node:process'` (chalk, execa, Ink…) makes Node build the module's
// ESM facade, which reads every property of process: that opened stdin and stderr as
// streams and built process.allowedNodeEnvironmentFlags before anything was drawn.
// The bundle reads the global `process` instead, the same object.
const globalProcess = {
  name: 'global-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?process$/ }, (args) => ({ path: args.path, namespace: 'global-process' }));
    b.onLoad({ filter: /.*/, namespace: 'global-process' }, () => ({ contents: 'module.exports = process;', loader: 'js' }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Node 20's V8 has the /v flag; esbuild's table does not know it and would turn each such
  // literal into new RegExp(), which compiles at load: string-width's emoji regex alone is ~10 ms.
  supported: { 'regexp-set-notation': true },
  outdir: `${root}dist`,
  loader: { '.c': 'text', '.h': 'text' },
  external: ['koffi'],
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __ipcRequire } from 'node:module'; const require = __ipcRequire(import.meta.url);" },
  plugins: [demoRegistry, benchRegistry, noDevtools, globalProcess, yogaWasmFile(`${root}dist`), textPatches, styledCellPatches],
  logLevel: 'warning',
  metafile: true,
  write: false, // writeOutputs
  legalComments: 'none',
  // NO_MINIFY=1 npm run build: readable bundles, for a profile (node --cpu-prof) with names in it.
  minify: !process.env.NO_MINIFY,
};

// The interactive screen is also a script for node:vm, so that the CLI can compile it
// with V8's code cache (src/ui/load-interactive.ts); Node 20 cannot do that for an ES
// module. Without a cache for the running V8 the CLI imports the screen's chunk instead. Its imports of Node's modules and of koffi become require() calls,
// import.meta.url a parameter, and its whole body an async function, which keeps the
// top-level awaits of Yoga and Ink.
export const UI_SCRIPT = 'ui-script.js';
const requireExternals = {
  name: 'require-externals',
  setup(b) {
    const builtins = new Set(builtinModules);
    b.onResolve({ filter: /.*/ }, (args) => {
      if (!(args.path === 'koffi' || builtins.has(args.path.replace(/^node:/, '')))) return undefined;
      // The shim's own require() is the script's `require` parameter.
      if (args.namespace === 'require-externals') return { path: args.path, external: true };
      return { path: args.path, namespace: 'require-externals' };
    });
    b.onLoad({ filter: /.*/, namespace: 'require-externals' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};
// esbuild's __toESM wraps a CommonJS module for each module that imports it: a new object
// with a getter per property, every time (react 38 times, node:process 14, node:fs 21 in
// the screen's script: ~10 ms of its load). The wrappers are alike and nothing writes to
// them: each module gets one, made the first time, for each of its two kinds.
const TO_ESM = /var (\w+)=(\((\w+),(\w+),(\w+)\)=>\(\5=\3!=null\?\w+\(\w+\(\3\)\):\{\},\w+\(\4\|\|!\3\|\|!\3\.__esModule\?\w+\(\5,"default",\{value:\3,enumerable:!0\}\):\5,\3\)\))/g;
function sharedInterop(name, text) {
  if (!common.minify) return text;
  const found = [...text.matchAll(TO_ESM)];
  if (found.length !== 1) throw new Error(`${name}: esbuild's __toESM helper found ${found.length} times, not once: update sharedInterop in scripts/build.js`);
  return text.replace(
    TO_ESM,
    (_, helper, made) =>
      `var ${helper}=((made,plain=new WeakMap,node=new WeakMap)=>(mod,isNodeMode)=>{if(mod==null||typeof mod!="object"&&typeof mod!="function")return made(mod,isNodeMode);const seen=isNodeMode?node:plain;let ns=seen.get(mod);if(ns===void 0)seen.set(mod,ns=made(mod,isNodeMode));return ns})(${made})`,
  );
}

async function buildScript(entry, name, { define = {}, plugins = [] } = {}) {
  const result = await build({
    ...common,
    entryPoints: [entry],
    outdir: undefined,
    banner: {},
    define: { ...common.define, ...define, 'import.meta.url': '__ipcImportMetaUrl' },
    // global-process before require-externals: process stays the global.
    plugins: [...plugins, ...common.plugins, requireExternals],
  });
  const source = `(async function (require, __ipcImportMetaUrl, __ipcExports) {\n${sharedInterop(name, result.outputFiles[0].text)}\n})`;
  new Script(source, { filename: name }); // a SyntaxError here: an import or export left in the body
  assertAscii(name, source);
  writeWhole(`${root}dist/${name}`, source);
  return result;
}
const buildUiScript = () => buildScript(`${root}src/ui/script-entry.ts`, UI_SCRIPT);

// A runner loads koffi's native module from koffi's package for this platform, the one koffi's
// entry would find after resolving itself, reading the node binary's ELF header and wrapping it
// with deprecated aliases: ~15 ms of every runner's start. If that package is not where Node
// looks from dist/ (installed under koffi/node_modules), or is not whole, koffi's entry is used.
const koffiNative = {
  name: 'koffi-native',
  setup(b) {
    b.onResolve({ filter: /^koffi$/ }, (args) => (args.namespace === 'koffi-native' ? { path: 'koffi', external: true } : { path: 'koffi', namespace: 'koffi-native' }));
    b.onLoad({ filter: /.*/, namespace: 'koffi-native' }, () => ({
      contents: `let native;
try {
  native = require(\`@koromix/koffi-\${process.platform}-\${process.arch}\`);
} catch {
  native = undefined;
}
module.exports = typeof native?.load === 'function' && typeof native?.version === 'string' ? native : require('koffi');`,
      loader: 'js',
    }));
  },
};

export const CLI_SCRIPT = 'cli-script.js';
// In the CLI's script, the screen is always its own script (dist/ui-script.js), with or without its cache.
const screenAsScript = {
  name: 'screen-as-script',
  setup(b) {
    b.onResolve({ filter: /^\.\/run-interactive\.js$/ }, (args) => (args.importer.endsWith('load-interactive.ts') ? { path: 'run-interactive', namespace: 'screen-as-script' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'screen-as-script' }, () => ({ contents: 'export const runInteractive = undefined;', loader: 'js' }));
  },
};
const buildCliScript = () =>
  buildScript(`${root}src/cli-script-entry.ts`, CLI_SCRIPT, {
    define: { __IPC_DEMO_VERSION__: JSON.stringify(version), __IPC_DEMO_UI_SCRIPT__: JSON.stringify(`./${UI_SCRIPT}`), __IPC_DEMO_CLI_SCRIPT__: JSON.stringify(`./${CLI_SCRIPT}`), __IPC_DEMO_IN_SCRIPT__: 'true' },
    plugins: [screenAsScript],
  });

/**
 * A script all ASCII is read into a one-byte string, half the memory of a two-byte one, which V8
 * compiles and hashes faster: the ⟦ ⟧ of two regex literals (esbuild escapes strings, not regexes)
 * made the screen's 730 KB script two-byte, ~9 ms more to read at every start. Write \u escapes.
 */
function assertAscii(path, text) {
  if (!common.minify) return; // a build for a profile keeps the comments, in both languages
  const at = text.search(/[\u0080-\uffff]/);
  if (at >= 0) throw new Error(`${basename(path)}: not ASCII at ${at}: …${text.slice(Math.max(0, at - 60), at + 20)}… (escape it as \\u in the source)`);
}

/** A build's files, each whole; chunks before the entry points that import them. */
function writeOutputs(result) {
  const entryLast = (file) => Number(!basename(file.path).startsWith('chunk-'));
  for (const file of [...result.outputFiles].sort((a, b) => entryLast(a) - entryLast(b))) {
    if (/\.c?js$/.test(file.path)) assertAscii(file.path, file.text);
    writeWhole(file.path, file.contents);
  }
  return result;
}

const version = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;
mkdirSync(`${root}dist`, { recursive: true }); // a clean clone has none

// dist/ is rebuilt in place, never emptied first, and each file is replaced whole: a run
// (or a test) that starts while another build is writing finds every file it needs, old
// or new. (A runner that read a half-written runner.js ran nothing and exited 0: a run
// "complete" at step 0, seen with two test runs at once.) Stale chunks go after.
const results = await Promise.all([
  // Split, so that what the CLI imports lazily stays lazy: Ink and React only for
  // the interactive screen, koffi only where libc is called (clean, doctor).
  build({
    ...common,
    entryPoints: { cli: `${root}src/cli.ts` },
    splitting: true,
    chunkNames: 'chunk-[hash]',
    define: { ...common.define, __IPC_DEMO_VERSION__: JSON.stringify(version), __IPC_DEMO_UI_SCRIPT__: JSON.stringify(`./${UI_SCRIPT}`), __IPC_DEMO_CLI_SCRIPT__: JSON.stringify(`./${CLI_SCRIPT}`) },
  }).then(writeOutputs),
  buildUiScript(),
  buildCliScript(),
  // CommonJS: an ES module entry starts Node's ESM loader, and its `import … from 'node:fs'`
  // builds the module's facade, which reads every property of fs (fs.promises, and with it
  // readline): together ~40 ms of CPU before the first line, in every runner, at every start.
  build({ ...common, format: 'cjs', banner: {}, outExtension: { '.js': '.cjs' }, entryPoints: { runner: `${root}src/runtime/runner-main.ts` }, plugins: [koffiNative, ...common.plugins] }).then(writeOutputs),
  // The loader bin/ipc-demo.js starts the CLI's script with: CommonJS too, for the same reason
  // (the ES module facade of node:crypto alone cost ~15 ms before the CLI's first line).
  build({ ...common, format: 'cjs', banner: {}, outExtension: { '.js': '.cjs' }, entryPoints: { 'script-cache': `${root}src/script-cache.ts` } }).then(writeOutputs),
  // `ipc-demo bench`'s Node twin: koffi and the mechanisms' twins (src/bench), no React.
  build({ ...common, entryPoints: { 'bench-twin': `${root}src/bench/twin-main.ts` } }).then(writeOutputs),
]);

const outputs = new Set(['yoga.wasm', UI_SCRIPT, `${UI_SCRIPT}.cache`, CLI_SCRIPT, `${CLI_SCRIPT}.cache`, ...results.flatMap((result) => Object.keys(result.metafile.outputs).map((path) => basename(path)))]);
const writing = /\.tmp-\d+$/; // another build's file, about to be renamed into place
for (const file of readdirSync(`${root}dist`)) if (!outputs.has(file) && !writing.test(file)) rmSync(`${root}dist/${file}`, { recursive: true, force: true });

// V8's code cache for the screen's script, made by a Node of its own without this one's flags.
execFileSync(process.execPath, [`${root}scripts/ui-code-cache.js`, `${root}dist/${UI_SCRIPT}`], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
// And the CLI's, run with --version: its commands built, the demos' registry loaded.
execFileSync(process.execPath, [`${root}scripts/ui-code-cache.js`, `${root}dist/${CLI_SCRIPT}`, '--version'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
