// The shipped bundle changes how Ink turns its grid of styled cells back into text
// (styledCellPatches in scripts/bundle-patches.js): cells share their lists of ANSI codes and
// skip the diff when a cell's list is its neighbour's. The frames must come out byte for byte
// as Ink's own: checked here on random frames of coloured, bold, inverse and wide text,
// overlapping and clipped, through Ink's Output built with and without the patch.
import { build, type Plugin } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { styledCellPatches } from '../../scripts/bundle-patches.js';

interface OutputClass {
  new (options: { width: number; height: number }): {
    write(x: number, y: number, text: string, options: { transformers: [] }): void;
    clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
    unclip(): void;
    get(): { output: string; height: number };
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ipc-styled-cells-'));
const outputJs = join(process.cwd(), 'node_modules/ink/build/output.js');

const texts: Record<string, string> = {};
async function bundled(name: string, plugins: Plugin[]): Promise<OutputClass> {
  const result = await build({ entryPoints: [outputJs], bundle: true, format: 'esm', platform: 'node', write: false, plugins, logLevel: 'silent' });
  const file = join(dir, `${name}.mjs`);
  texts[name] = result.outputFiles[0]!.text;
  writeFileSync(file, texts[name]);
  return ((await import(pathToFileURL(file).href)) as { default: OutputClass }).default;
}

let original: OutputClass;
let patched: OutputClass;
beforeAll(async () => {
  [original, patched] = await Promise.all([bundled('original', []), bundled('patched', [styledCellPatches])]);
});

it('is a patch of Ink’s Output and of ansi-tokenize, applied', () => {
  expect(texts.patched).toContain('styles: NO_STYLES');
  expect(texts.patched).toContain('if (before !== char.styles');
  expect(texts.original).not.toContain('NO_STYLES');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small deterministic generator (mulberry32): the same frames at every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['int fd[2];', ' ', 'pipe(fd)', '管道', '│', '─', '►', '…', '↪', 'P', 'C2', '   ', 'read() = 17'];
const CODES = ['\x1b[36m', '\x1b[39m', '\x1b[1m', '\x1b[22m', '\x1b[2m', '\x1b[7m', '\x1b[27m', '\x1b[0m', '\x1b[38;5;208m', '\x1b[32m'];

function text(next: () => number): string {
  let out = '';
  const parts = 1 + Math.floor(next() * 8);
  for (let i = 0; i < parts; i++) {
    if (next() < 0.4) out += CODES[Math.floor(next() * CODES.length)];
    out += PIECES[Math.floor(next() * PIECES.length)];
    if (next() < 0.1) out += '\n';
  }
  return out;
}

type Op = { kind: 'write'; x: number; y: number; text: string } | { kind: 'clip'; x1: number; x2: number; y1: number; y2: number } | { kind: 'unclip' };

function frame(Output: OutputClass, width: number, height: number, ops: readonly Op[]): string {
  const output = new Output({ width, height });
  for (const op of ops) {
    if (op.kind === 'write') output.write(op.x, op.y, op.text, { transformers: [] });
    else if (op.kind === 'clip') output.clip(op);
    else output.unclip();
  }
  return output.get().output;
}

it('draws 500 random frames byte for byte as Ink does', () => {
  const next = random(42);
  for (let n = 0; n < 500; n++) {
    const [width, height] = [10 + Math.floor(next() * 70), 1 + Math.floor(next() * 12)];
    const ops: Op[] = [];
    let clips = 0;
    for (let i = Math.floor(next() * 20); i > 0; i--) {
      const r = next();
      if (r < 0.08) {
        ops.push({ kind: 'clip', x1: Math.floor(next() * width), x2: Math.floor(next() * width), y1: Math.floor(next() * height), y2: Math.floor(next() * height) });
        clips++;
      } else if (r < 0.12 && clips > 0) {
        ops.push({ kind: 'unclip' });
        clips--;
      } else ops.push({ kind: 'write', x: Math.floor(next() * width), y: Math.floor(next() * height), text: text(next) });
    }
    expect(frame(patched, width, height, ops), JSON.stringify({ width, height, ops })).toBe(frame(original, width, height, ops));
  }
});

it('a frame of the screen’s kind', () => {
  const ops: Op[] = [{ kind: 'write', x: 0, y: 0, text: '\x1b[36m╭─ pipe.c ─╮\x1b[39m' }, { kind: 'write', x: 1, y: 1, text: '\x1b[2m47\x1b[22m \x1b[1mP\x1b[22m► \x1b[7mint fd[2];\x1b[27m' }];
  expect(frame(patched, 30, 3, ops)).toBe(frame(original, 30, 3, ops));
  expect(frame(patched, 30, 3, ops)).toContain('pipe.c');
});
