// The shipped bundle gives string-width a second fast path (withEmojiPrefilter in
// scripts/bundle-patches.js): text made only of code points of ONE_UNIT_EACH is as wide as the sum
// of their East Asian widths. Checked here against string-width itself, built with and without
// the bundle's patches: every code point of those ranges alone, under both ambiguity settings,
// and random mixes of them with ASCII, box drawing and Chinese.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import stringWidth from 'string-width';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ONE_UNIT_EACH, textPatches } from '../../scripts/bundle-patches.js';

type Width = (text: string, options?: { ambiguousIsNarrow?: boolean }) => number;

const dir = mkdtempSync(join(tmpdir(), 'ipc-string-width-'));
let patched: Width;
let source = '';
beforeAll(async () => {
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, "export { default } from 'string-width';\n");
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', write: false, plugins: [textPatches], logLevel: 'silent', nodePaths: [join(process.cwd(), 'node_modules')] });
  source = result.outputFiles[0]!.text;
  const file = join(dir, 'patched.mjs');
  writeFileSync(file, source);
  patched = ((await import(pathToFileURL(file).href)) as { default: Width }).default;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inRanges = (): number[] => {
  const codes: number[] = [];
  for (const [, from, to] of ONE_UNIT_EACH.matchAll(/\\u([0-9A-F]{4})-\\u([0-9A-F]{4})/g)) for (let c = parseInt(from!, 16); c <= parseInt(to!, 16); c++) codes.push(c);
  return codes;
};

it('is in the bundle’s string-width', () => {
  expect(source).toContain('ONE_UNIT_EACH');
});

it('gives every code point of its ranges the width string-width gives it, ambiguous narrow or wide', () => {
  const codes = inRanges();
  expect(codes.length).toBeGreaterThan(29_000);
  const differ: string[] = [];
  for (const code of codes) {
    const char = String.fromCharCode(code);
    for (const ambiguousIsNarrow of [true, false]) {
      if (patched(char, { ambiguousIsNarrow }) !== stringWidth(char, { ambiguousIsNarrow })) differ.push(`U+${code.toString(16)}`);
    }
  }
  expect(differ).toEqual([]);
});

it('measures mixed text as string-width does', () => {
  const codes = inRanges();
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < 3000; n++) {
    let text = '';
    for (let i = Math.floor(next() * 12); i > 0; i--) text += String.fromCharCode(codes[Math.floor(next() * codes.length)]!);
    if (next() < 0.3) text = `╭─ pipe.c ${text} 管道 ↪ ►`;
    expect(patched(text), JSON.stringify(text)).toBe(stringWidth(text));
  }
  // Outside the ranges: the general path, as before (an emoji, a combining accent, a CJK tone mark).
  for (const text of ['👍', 'e\u0301', '\u302A', 'a\u200Bb']) expect(patched(text)).toBe(stringWidth(text));
});
