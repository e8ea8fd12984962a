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
// 15–40 ms to build that regex: in the first frame, for a box-drawing line. Every RGI emoji
// is, or holds, a code point shown as an emoji by default (Emoji_Presentation) or one made
// an emoji by VS16 (U+FE0F); flags, skin tones and keycaps are listed as well
// (tests/unit/emoji-prefilter.test.ts checks it over all of Unicode). Clusters without one
// skip the test: the regex is made only if an emoji is drawn. Extended_Pictographic was too
// wide: the listing's ↪ (U+21AA, a wrapped line) is one, and made the regex in every start.
export const EMOJI_PREFILTER = String.raw`[\p{Emoji_Presentation}\uFE0F\p{Regional_Indicator}\u{1F3FB}-\u{1F3FF}\u20E3]`;
// Made only then, too: V8 builds the /v regex's RGI_Emoji set when the literal is evaluated
// (4–18 ms, at the module's load, in every start of the CLI).
function withEmojiPrefilter(source, path) {
  const test = 'rgiEmojiRegex.test(segment)';
  const made = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
  if (source.split(test).length !== 2 || source.split(made).length !== 2) {
    throw new Error(`string-width has changed shape (${path}): update withEmojiPrefilter in scripts/bundle-patches.js`);
  }
  const lazy = 'let rgiEmojiRegexMade;\nconst rgiEmojiRegex = { test: (text) => (rgiEmojiRegexMade ??= /^\\p{RGI_Emoji}$/v).test(text) };';
  const ascii = 'if (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}';
  if (source.split(ascii).length !== 2) throw new Error(`string-width has changed shape (${path}): update withEmojiPrefilter in scripts/bundle-patches.js`);
  const simple = `${ascii}\n\tif (ONE_UNIT_EACH.test(string)) {\n\t\tlet width = 0;\n\t\tfor (let i = 0; i < string.length; i++) width += eastAsianWidth(string.charCodeAt(i), {ambiguousAsWide: !ambiguousIsNarrow});\n\t\treturn width;\n\t}`;
  const patched = source.split(made).join(lazy).split(test).join(`(mayBeEmoji.test(segment) && ${test})`).split(ascii).join(simple);
  return `const mayBeEmoji = /${EMOJI_PREFILTER}/u;\nconst ONE_UNIT_EACH = /^[${ONE_UNIT_EACH}]*$/;\n${patched}`;
}

// A second fast path, after string-width's own for printable ASCII: text made only of code points
// that are each a visible grapheme of their own, never an emoji alone (Latin-1, punctuation,
// arrows, box drawing, shapes, CJK ideographs and punctuation, fullwidth forms: the screen's
// borders, marks and Chinese) is as wide as the sum of their East Asian widths. Cold, the general
// path (segmenter, three property regexes) was ~12 ms of the CLI's first frame.
// tests/unit/string-width-patch.test.ts checks every code point of these ranges, and mixed text,
// against string-width itself.
export const ONE_UNIT_EACH = String.raw`\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u2319\u231C-\u23E8\u23F4-\u25FC\u2600-\u2613\u3000-\u3029\u3030-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF60`;

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

// Ink draws each frame as a grid of styled cells, each with the list of ANSI codes active on it,
// then turns each row back into a string by diffing every cell's codes against its neighbour's
// (three Sets per cell). Cold, that was ~20 ms of a ~70 ms first render. Cells of one run of text
// now share one list (the tokenizer copied it for every character; nothing changes a list once
// made), blank cells share an empty one, and a cell whose list is its neighbour's, or both empty,
// needs no diff: the same string comes out.
const SAME_TEXT = (path, source, from, to) => {
  if (source.split(from).length !== 2) throw new Error(`${path} has changed shape: update styledCellPatches in scripts/bundle-patches.js`);
  return source.split(from).join(to);
};
export const styledCellPatches = {
  name: 'styled-cell-patches',
  setup(b) {
    b.onLoad({ filter: /node_modules[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      source = SAME_TEXT(args.path, source, 'styles: [...codes],', 'styles: codes,');
      source = SAME_TEXT(args.path, source, 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));', 'const before = chars[i - 1].styles;\n            if (before !== char.styles && (before.length > 0 || char.styles.length > 0)) ret += ansiCodesToString(diffAnsiCodes(before, char.styles));');
      source = SAME_TEXT(args.path, source, 'if (i === chars.length - 1) {', 'if (i === chars.length - 1 && char.styles.length > 0) {');
      return { contents: source, loader: 'js' };
    });
    b.onLoad({ filter: /node_modules[\\/]ink[\\/]build[\\/]output\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      source = SAME_TEXT(args.path, source, "                    styles: [],\n", '                    styles: NO_STYLES,\n');
      return { contents: `const NO_STYLES = Object.freeze([]);\n${source}`, loader: 'js' };
    });
  },
};
