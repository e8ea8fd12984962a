// Ink and the text helpers it uses (string-width, slice-ansi, ansi-tokenize) split
// every line of every frame into graphemes with Intl.Segmenter. The first Intl object
// a process makes costs 10–30 ms while ICU loads its data: a tenth of the first frame.
// The shipped bundle gives them this segmenter instead (scripts/bundle-patches.js).
//
// Most screen text is made only of code points that never join a neighbour into one
// grapheme: ASCII, Latin-1, punctuation, arrows, box drawing, CJK ideographs and
// fullwidth punctuation. In such a string each UTF-16 unit is a grapheme of its own,
// and this segmenter says so without ICU. Any other string goes to a real
// Intl.Segmenter, made the first time one is needed.
// tests/unit/grapheme-segmenter.test.ts checks every code point of these ranges
// against ICU's own segmenter.

/**
 * Strings of BMP code points whose grapheme break property is Other or Control
 * (never CR, which joins a following LF): UAX #29 breaks on both sides of each.
 */
export const NEVER_JOINS =
  // eslint-disable-next-line no-control-regex -- control characters are meant: they never join either
  /^[\0-\f\x0E-\u02FF\u2010-\u2027\u2030-\u205F\u2070-\u209F\u20A0-\u20C0\u2100-\u2BFF\u3000-\u3029\u3030-\u3096\u309B-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF9D\uFFE0-\uFFEE]*$/;

/** The segments of a string in which every UTF-16 unit is a grapheme: what Intl.Segmenter would give. */
class UnitSegments implements Intl.Segments {
  constructor(private readonly input: string) {}

  containing(codeUnitIndex?: number): Intl.SegmentData | undefined {
    // As Intl: ToIntegerOrInfinity, so undefined and NaN are 0 and 1.5 is 1.
    const n = Math.trunc(Number(codeUnitIndex ?? 0)) || 0;
    if (n < 0 || n >= this.input.length) return undefined;
    return { segment: this.input[n]!, index: n, input: this.input };
  }

  *[Symbol.iterator](): IterableIterator<Intl.SegmentData> {
    const { input } = this;
    for (let index = 0; index < input.length; index++) yield { segment: input[index]!, index, input };
  }
}

/** A grapheme Intl.Segmenter that makes no Intl object for strings that cannot hold a multi-unit grapheme. */
export class GraphemeSegmenter {
  #real: Intl.Segmenter | undefined;
  readonly #locales: string | string[] | undefined;
  readonly #options: Intl.SegmenterOptions | undefined;

  constructor(locales?: string | string[], options?: Intl.SegmenterOptions) {
    if (options?.granularity !== undefined && options.granularity !== 'grapheme') {
      throw new RangeError(`GraphemeSegmenter splits graphemes only, not ${options.granularity}s`);
    }
    this.#locales = locales;
    this.#options = options;
  }

  segment(input: string): Intl.Segments {
    if (NEVER_JOINS.test(input)) return new UnitSegments(input);
    this.#real ??= new Intl.Segmenter(this.#locales, this.#options);
    return this.#real.segment(input);
  }

  /** Whether a real Intl.Segmenter has been made: for the tests. */
  get madeIntl(): boolean {
    return this.#real !== undefined;
  }
}
