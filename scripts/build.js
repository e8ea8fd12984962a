// Two bundles: the controller (CLI, Ink, React in production mode) and the
// runner (koffi and the demos, no React). koffi stays external: its native
// binary comes from its platform package.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { textPatches, yogaWasmFile } from './bundle-patches.js';
import { METAS_MODULE, registrySource } from './demo-registry.js';

const root = new URL('..', import.meta.url).pathname;

const demoRegistry = {
  name: 'demo-registry',
  setup(b) {
    b.onResolve({ filter: /^virtual:demo-(metas|roles)$/ }, (args) => ({ path: args.path, namespace: 'demo-registry' }));
    b.onLoad({ filter: /.*/, namespace: 'demo-registry' }, (args) => ({
      contents: registrySource(args.path === METAS_MODULE ? 'metas' : 'roles'),
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
  loader: { '.c': 'text' },
  external: ['koffi'],
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __ipcRequire } from 'node:module'; const require = __ipcRequire(import.meta.url);" },
  plugins: [demoRegistry, noDevtools, globalProcess, yogaWasmFile(`${root}dist`), textPatches],
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
  // NO_MINIFY=1 npm run build: readable bundles, for a profile (node --cpu-prof) with names in it.
  minify: !process.env.NO_MINIFY,
};

const version = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;

// dist/ is rebuilt in place, never emptied first: a run (or a test) that starts
// while another build is writing still finds dist/cli.js. Stale chunks go after.
const results = await Promise.all([
  // Split, so that what the CLI imports lazily stays lazy: Ink and React only for
  // the interactive screen, koffi only where libc is called (clean, doctor).
  build({ ...common, entryPoints: { cli: `${root}src/cli.ts` }, splitting: true, chunkNames: 'chunk-[hash]', define: { ...common.define, __IPC_DEMO_VERSION__: JSON.stringify(version) } }),
  build({ ...common, entryPoints: { runner: `${root}src/runtime/runner-main.ts` } }),
]);

const outputs = new Set(['yoga.wasm', ...results.flatMap((result) => Object.keys(result.metafile.outputs).map((path) => basename(path)))]);
for (const file of readdirSync(`${root}dist`)) if (!outputs.has(file)) rmSync(`${root}dist/${file}`, { recursive: true, force: true });
