// The tour menu's table: a header, then one line per demo, at most 80 columns in either language. Pure.
import stringWidth from 'string-width';
import type { DemoMeta, Lang } from '../demos/types.js';
import type { DemoProgress } from './tour-progress.js';
import { tourText } from './tour-strings.js';

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - stringWidth(text)));
const center = (text: string, width: number) => pad(' '.repeat(Math.max(0, Math.floor((width - stringWidth(text)) / 2))) + text, width);

/** The menu's table: a header and one line per demo (`› 1 ✓ Anonymous pipe  5/5  2/4  passed`), at most 80 columns wide. */
export function menuLines(demos: readonly DemoMeta[], rows: readonly DemoProgress[], highlighted: number, lang: Lang): { readonly header: string; readonly lines: readonly string[] } {
  const t = tourText[lang];
  const titleWidth = Math.max(stringWidth(t.demo), ...demos.map((d) => stringWidth(d.title[lang]))) + 2;
  const counts = [stringWidth(t.variants) + 2, stringWidth(t.questions) + 2];
  const exercise = (p: DemoProgress) => (p.exercise === null ? '' : { passed: t.passed, started: t.started, new: t.notYet }[p.exercise]);
  const header = `       ${pad(t.demo, titleWidth)}${pad(t.variants, counts[0]!)}${pad(t.questions, counts[1]!)}${rows.some((p) => p.exercise !== null) ? t.exercise : ''}`;
  const lines = demos.map((demo, i) => {
    const p = rows[i]!;
    const lead = `${i === highlighted ? '›' : ' '} ${String(demo.order).padStart(2)} ${p.done ? '✓' : ' '} `;
    const variants = center(`${p.seen}/${p.variants}`, stringWidth(t.variants));
    const questions = center(`${p.right}/${p.questions}`, stringWidth(t.questions));
    return `${lead}${pad(demo.title[lang], titleWidth)}${pad(variants, counts[0]!)}${pad(questions, counts[1]!)}${exercise(p)}`.trimEnd();
  });
  return { header: header.trimEnd(), lines };
}
