// The shipped bundle gives Ink and its text helpers a segmenter that skips ICU for
// strings of code points that never join a neighbour (src/ui/grapheme-segmenter.ts).
// That is only right if ICU agrees about every one of them: checked here, for all.
import { describe, expect, it } from 'vitest';
import { GraphemeSegmenter, NEVER_JOINS } from '../../src/ui/grapheme-segmenter.js';

const icu = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const segmentsOf = (segments: Intl.Segments) => [...segments].map(({ segment, index, input }) => ({ segment, index, input }));

describe('GraphemeSegmenter', () => {
  // UAX #29 joins: CR LF; Hangul jamo and syllables; anything before Extend, ZWJ or
  // SpacingMark; anything after Prepend; regional indicator pairs; emoji ZWJ sequences
  // (which need a ZWJ). Between letters, and doubled, each of those shows as a join,
  // except for syllables LV and LVT, which are ruled out by name.
  const mayJoin = (cp: number) => {
    const char = String.fromCodePoint(cp);
    const hangulSyllable = cp >= 0xac00 && cp <= 0xd7a3;
    return char === '\r' || char.length !== 1 || hangulSyllable || [...icu.segment(`a${char}${char}a`)].length !== 4;
  };

  it('tells joining code points by that test', () => {
    // Extend, SpacingMark, Prepend, ZWJ, regional indicator, Hangul L/V/T/LV, CR, astral.
    for (const cp of [0x301, 0x903, 0x600, 0x200d, 0x1f1e8, 0x1100, 0x1161, 0x11a8, 0xac00, 0x0d, 0x1d54f]) {
      expect(mayJoin(cp), `U+${cp.toString(16)}`).toBe(true);
    }
  });

  it('lets through only code points that ICU never joins to a neighbour', () => {
    const joined: string[] = [];
    let count = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (!NEVER_JOINS.test(String.fromCodePoint(cp))) continue;
      count++;
      if (mayJoin(cp)) joined.push(`U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    expect(joined).toEqual([]);
    expect(count).toBeGreaterThan(30_000); // ASCII … CJK: the ranges are there at all
  });

  it('gives what Intl.Segmenter gives, for the screen’s own text and for text it hands to ICU', () => {
    const texts = [
      '',
      'pipe(fd) = 0',
      '\x1b[1m\x1b[38;5;214m►\x1b[39m 47 │ write(fd[1], msg, strlen(msg));\x1b[22m',
      '╭─ pipe.c ────╮ │ ▸P parent 2304 S │ ╰──────╯ → ← · … “x” ␣ █░',
      '子进程读到：Hello from parent（管道的读端）。下一步，按空格。',
      'tab\tand\nnewline',
      // Handed to ICU: a combining accent, CR LF, an emoji ZWJ family, a flag, Hangul, a surrogate pair.
      'e\u0301 \r\n 👨‍👩‍👧 🇨🇳 한글 𝕏',
    ];
    const ours = new GraphemeSegmenter();
    for (const text of texts) {
      const want = icu.segment(text);
      const got = ours.segment(text);
      expect(segmentsOf(got), text).toEqual(segmentsOf(want));
      for (let index = -1; index <= text.length; index++) {
        expect(got.containing(index), `${text} @${index}`).toEqual(want.containing(index));
      }
      expect(got.containing(), text).toEqual(want.containing());
    }
  });

  it('makes an Intl.Segmenter only when a string needs one', () => {
    const ours = new GraphemeSegmenter(undefined, { granularity: 'grapheme' });
    ours.segment('╭─ 管道 pipe.c ─╮');
    expect(ours.madeIntl).toBe(false);
    expect([...ours.segment('👍🏽!')].map((s) => s.segment)).toEqual(['👍🏽', '!']);
    expect(ours.madeIntl).toBe(true);
  });

  it('refuses word and sentence granularity, which it does not do', () => {
    expect(() => new GraphemeSegmenter(undefined, { granularity: 'word' })).toThrow(RangeError);
  });
});
