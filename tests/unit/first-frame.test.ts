// The first frame the CLI draws before the screen's modules load (src/ui/first-frame.ts), and
// its replacement by Ink's first frame in the same write.
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { demos } from '../../src/demos/registry.js';
import { parseListing } from '../../src/demos/listing.js';
import { firstFrameLines, replaceFirstFrame } from '../../src/ui/first-frame.js';
import { computeLayout, NO_NEEDS } from '../../src/ui/layout.js';

const text = (line: string) => stripVTControlCharacters(line);

describe('the first frame', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 36],
  ] as const) {
    it(`fills ${columns} columns exactly on every line, for every demo, in both languages`, () => {
      for (const demo of demos) {
        for (const lang of ['en', 'zh'] as const) {
          const lines = firstFrameLines({ demo, variant: demo.variants[0]!, lang, mode: 'step' }, columns, rows);
          expect(lines.length, `${demo.id} ${lang}`).toBe(1 + computeLayout(columns, rows, NO_NEEDS).listingRows + 2);
          for (const line of lines) expect(stringWidth(text(line)), `${demo.id} ${lang}: ${text(line)}`).toBe(columns);
        }
      }
    });
  }

  it('is the screen at step 0: its header, the listing in its box from line 1, the processes starting', () => {
    const demo = demos.find((d) => d.id === 'shm')!;
    const variant = demo.variants[0]!;
    const lines = firstFrameLines({ demo, variant, lang: 'en', mode: 'step', roles: ['reader'] }, 120, 36).map(text);
    expect(lines[0]).toMatch(/^ipc-demo 5 .+ · variant basic · step · step 0 +LIVE$/);
    const file = variant.listings.reader!;
    expect(lines[1]).toMatch(new RegExp(`^╭─ ${file.replace('.', '\\.')} ─+╮╭─ processes ─+╮$`));
    expect(lines[2]).toContain(`│ 1    ${parseListing(demo.sources[file]!).lines[0]!.slice(0, 20)}`);
    expect(lines[2]).toMatch(/││starting… +│$/);
    expect(lines.at(-1)).toMatch(/^╰─+╯╰─+╯$/);
    const zh = firstFrameLines({ demo, variant, lang: 'zh', mode: 'play', tourPosition: '5/7' }, 120, 36).map(text);
    expect(zh[0]).toMatch(/^ipc-demo 5\/7 .+ · 变体 basic · 自动 · 步骤 0 +实时$/);
  });
});

describe("Ink's first frame replaces it", () => {
  /** A stream that records what is written to it. */
  function stream() {
    const written: string[] = [];
    const out = { write: (chunk: string) => written.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
    return { out, written };
  }

  it('clears the screen in the write that draws the frame, after the escape sequences before it, once', () => {
    const { out, written } = stream();
    replaceFirstFrame(out);
    out.write('\x1b[?2026h');
    out.write('\x1b[?25l');
    out.write('ipc-demo 1 Anonymous pipe\n╭─ pipe.c');
    out.write('\x1b[?2026l');
    out.write('ipc-demo 1 Anonymous pipe\n');
    expect(written).toEqual(['\x1b[?2026h', '\x1b[?25l', '\x1b[H\x1b[Jipc-demo 1 Anonymous pipe\n╭─ pipe.c', '\x1b[?2026l', 'ipc-demo 1 Anonymous pipe\n']);
  });

  it('gives the stream its own write back if Ink never draws', () => {
    const { out, written } = stream();
    const own = out.write;
    replaceFirstFrame(out)();
    expect(out.write).toBe(own);
    out.write('text');
    expect(written).toEqual(['text']);
  });
});
