// Line wrapping for the lesson strip, in Chinese as in English. wrap-ansi (Ink's own
// wrap="wrap") breaks only at spaces, so a Chinese sentence, which has none, moved to the
// next line whole and left half a line empty. Here a line may also break between two
// CJK characters, as Chinese is set, except before closing punctuation (，。）” …) and
// after opening punctuation (（“ …), which stay with their neighbour.
import stringWidth from 'string-width';

/** Ideographs, kana, Hangul, CJK and fullwidth punctuation: each is a unit a line may break around. */
const CJK = /[\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
/** May not begin a line. */
const CLOSING = new Set([...'，。、；：！？）」』】》〉”’…—·,.;:!?)]}%']);
/** May not end a line. */
const OPENING = new Set([...'（「『【《〈“‘([{']);

/** The text cut into units: a CJK character, a word of other characters, or a run of spaces. */
function units(text: string): string[] {
  const out: string[] = [];
  let word = '';
  const push = () => {
    if (word) out.push(word);
    word = '';
  };
  for (const ch of text) {
    if (CJK.test(ch)) {
      push();
      out.push(ch);
      continue;
    }
    if ((ch === ' ') !== word.startsWith(' ')) push();
    word += ch;
  }
  push();
  return out;
}

/** Splits a word wider than a line into pieces that fit. */
function hardBreak(word: string, columns: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && stringWidth(piece + ch) > columns) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  return piece ? [...pieces, piece] : pieces;
}

const widthOf = (parts: readonly string[]) => parts.reduce((sum, part) => sum + stringWidth(part), 0);

/**
 * The lines of `text`, each at most `columns` cells wide (a CJK character takes two).
 * Spaces at a break are dropped; `\n` starts a new line.
 */
export function wrapLines(text: string, columns: number): string[] {
  const width = Math.max(1, columns);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line: string[] = [];
    let used = 0;
    const end = () => {
      while (line.at(-1)?.startsWith(' ')) line.pop();
      lines.push(line.join(''));
    };
    for (const unit of units(paragraph).flatMap((u) => (stringWidth(u) > width ? hardBreak(u, width) : [u]))) {
      const w = stringWidth(unit);
      if (unit.startsWith(' ') && line.length === 0) continue;
      if (unit.startsWith(' ') || used + w <= width) {
        line.push(unit);
        used += w;
        continue;
      }
      // The unit starts the next line; what may not end a line, or may not be parted from
      // the punctuation that closes it, goes down with it, if that still fits.
      let carried = 0;
      if (CLOSING.has(unit[0]!) && line.length > 1 && !line.at(-1)!.startsWith(' ')) carried = 1;
      while (line.length > carried + 1 && OPENING.has(line.at(-1 - carried)!.at(-1)!)) carried++;
      if (carried > 0 && widthOf(line.slice(-carried)) + w > width) carried = 0;
      const next = carried > 0 ? line.splice(-carried) : [];
      end();
      line = [...next, unit];
      used = widthOf(line);
    }
    end();
  }
  return lines;
}
