// The shipped bundle lets string-width skip its RGI emoji regex for clusters
// that hold none of a few code points (scripts/bundle-patches.js). That is only
// right if every RGI emoji holds one of them: checked here over all of Unicode.
import { describe, expect, it } from 'vitest';
import { EMOJI_PREFILTER } from '../../scripts/bundle-patches.js';

const mayBeEmoji = new RegExp(EMOJI_PREFILTER, 'u');
// (new RegExp: the compiler's target predates the v flag; Node 20 has it.)
const rgiEmoji = new RegExp('^\\p{RGI_Emoji}$', 'v');

describe('the emoji prefilter of string-width', () => {
  it('matches every code point that is, alone or with VS16, an RGI emoji', () => {
    const missed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      if (mayBeEmoji.test(char)) continue;
      if (rgiEmoji.test(char) || rgiEmoji.test(`${char}\uFE0F`)) missed.push(`U+${cp.toString(16).toUpperCase()}`);
    }
    expect(missed).toEqual([]);
  });

  it('matches every base of a modifier sequence, and each kind of sequence', () => {
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      if (/\p{Emoji_Modifier_Base}/u.test(char)) expect(mayBeEmoji.test(char), `U+${cp.toString(16)}`).toBe(true);
    }
    // A flag, a keycap, a ZWJ family, a tag sequence, a skin tone, a ZWJ with a hair component.
    for (const sequence of ['🇨🇳', '#️⃣', '👨‍👩‍👧', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '👍🏽', '🧑🏿‍🦰']) {
      expect(rgiEmoji.test(sequence)).toBe(true);
      expect(mayBeEmoji.test(sequence)).toBe(true);
    }
  });

  it('lets the screen’s own glyphs through without the emoji regex', () => {
    // Box drawing, the line marker, arrows, the ellipsis, and Chinese text.
    for (const char of ['─', '│', '╭', '►', '▸', '→', '…', '·', '␣', '管', '道']) expect(mayBeEmoji.test(char), char).toBe(false);
  });
});
