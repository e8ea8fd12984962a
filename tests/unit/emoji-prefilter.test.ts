// The shipped bundle lets string-width skip its RGI emoji regex for clusters
// that hold none of a few code points (scripts/bundle-patches.js). That is only
// right if every RGI emoji holds one of them: checked here over all of Unicode.
import { describe, expect, it } from 'vitest';
import { EMOJI_PREFILTER } from '../../scripts/bundle-patches.js';

const mayBeEmoji = new RegExp(EMOJI_PREFILTER, 'u');
// (new RegExp: the compiler's target predates the v flag; Node 20 has it.)
const rgiEmoji = new RegExp('^\\p{RGI_Emoji}$', 'v');

describe('the emoji prefilter of string-width', () => {
  it('matches every code point that is, alone or with VS16, an RGI emoji, and each modifier sequence', () => {
    const missed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      const forms = [char, `${char}\uFE0F`, ...[0x1f3fb, 0x1f3ff].map((tone) => `${char}${String.fromCodePoint(tone)}`)];
      for (const form of forms) if (rgiEmoji.test(form) && !mayBeEmoji.test(form)) missed.push(form);
    }
    expect(missed).toEqual([]);
  });

  it('matches each kind of sequence', () => {
    // A flag, a keycap, a ZWJ family, a tag sequence, a skin tone, a ZWJ with a hair component,
    // ZWJ sequences whose parts are text-style symbols made emoji by VS16 (eye in speech bubble, heart on fire).
    for (const sequence of ['🇨🇳', '#️⃣', '👨‍👩‍👧', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '👍🏽', '🧑🏿‍🦰', '👁️‍🗨️', '❤️‍🔥']) {
      expect(rgiEmoji.test(sequence), sequence).toBe(true);
      expect(mayBeEmoji.test(sequence), sequence).toBe(true);
    }
  });

  it('lets the screen’s own glyphs through without the emoji regex', () => {
    // Box drawing, the line marker, arrows (↪ marks a wrapped line, ⇄ a pipe), the ellipsis, and Chinese text.
    for (const char of ['─', '│', '╭', '►', '▸', '→', '↪', '⇄', '…', '·', '␣', '✓', '管', '道']) expect(mayBeEmoji.test(char), char).toBe(false);
  });
});
