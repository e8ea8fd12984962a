// Three patches the shipped bundle makes to its dependencies, for the first frame's sake.
// Each checks the text it changes and fails the build if that text has moved on.
import { mkdirSync, readFileSync } from 'node:fs';
import { writeWhole } from './write-whole.js';

// Yoga (Ink's layout engine) ships its WebAssembly as a base64 data: URL that it
// fetch()es, and fetch() loads undici: ~35 ms of a ~230 ms first frame. The build
// writes the bytes to dist/yoga.wasm instead and hands them to Yoga's loader
// (Emscripten's `wasmBinary`), read from the file next to the bundle.
const YOGA_DATA_URL = /H="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
export const yogaWasmFile = (outdir) => ({
  name: 'yoga-wasm-file',
  setup(b) {
    b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const match = YOGA_DATA_URL.exec(source);
      const head = 'loadYoga = loadYoga || {};';
      if (!match || !source.includes(head)) {
        throw new Error(`yoga-layout's loader has changed shape (${args.path}): update yogaWasmFile in scripts/bundle-patches.js`);
      }
      mkdirSync(outdir, { recursive: true });
      writeWhole(`${outdir}/yoga.wasm`, Buffer.from(match[1], 'base64'));
      const contents =
        "import { readFileSync as readYogaWasm } from 'node:fs';\n" +
        source.replace(match[0], 'H=""').replace(head, `${head} loadYoga.wasmBinary ??= readYogaWasm(new URL('./yoga.wasm', import.meta.url));`);
      return { contents, loader: 'js' };
    });
  },
});

// string-width tests every non-ASCII cluster against /^\p{RGI_Emoji}$/v, and V8 takes
// 15–30 ms to compile that regex at its first use: in the first frame, for a box-drawing
// line. Every RGI emoji holds an Extended_Pictographic, a regional indicator, a skin-tone
// modifier or a keycap mark (tests/unit/emoji-prefilter.test.ts checks it over all of Unicode),
// so clusters without one skip the test: the regex is compiled only if an emoji is drawn.
export const EMOJI_PREFILTER = String.raw`[\p{Extended_Pictographic}\p{Regional_Indicator}\u{1F3FB}-\u{1F3FF}\u20E3]`;
function withEmojiPrefilter(source, path) {
  const test = 'rgiEmojiRegex.test(segment)';
  if (source.split(test).length !== 2) {
    throw new Error(`string-width has changed shape (${path}): update withEmojiPrefilter in scripts/bundle-patches.js`);
  }
  return `const mayBeEmoji = /${EMOJI_PREFILTER}/u;\n${source.replace(test, `(mayBeEmoji.test(segment) && ${test})`)}`;
}

// string-width, slice-ansi and ansi-tokenize (Ink's text helpers) each make an
// Intl.Segmenter when they load, and the first Intl object costs 10–30 ms while ICU
// loads its data. They get src/ui/grapheme-segmenter.ts instead, which needs ICU only
// for text that can hold a grapheme of more than one UTF-16 unit: none of the screen's
// own text. tests/e2e/terminal.test.ts checks that the first screens make no Intl object.
const GRAPHEME_SEGMENTER = new URL('../src/ui/grapheme-segmenter.ts', import.meta.url).pathname;
const SEGMENTER_USERS = /node_modules[\\/](string-width[\\/]index|slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/;
export const textPatches = {
  name: 'text-patches',
  setup(b) {
    b.onLoad({ filter: SEGMENTER_USERS }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      if (args.path.includes('string-width')) source = withEmojiPrefilter(source, args.path);
      const made = 'new Intl.Segmenter(';
      if (source.split(made).length !== 2) {
        throw new Error(`${args.path} makes its Intl.Segmenter differently now: update textPatches in scripts/bundle-patches.js`);
      }
      const contents = `import { GraphemeSegmenter as __GraphemeSegmenter } from ${JSON.stringify(GRAPHEME_SEGMENTER)};\n${source.replace(made, 'new __GraphemeSegmenter(')}`;
      return { contents, loader: 'js' };
    });
  },
};
