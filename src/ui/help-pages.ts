// What `?` shows, cut into pages of the room the screen has: the variant's goal (shown by itself
// only while the run starts), the keys, and the kernel pane's legend.
import stringWidth from 'string-width';
import { forMedium } from '../demos/lesson.js';
import type { Lang, VariantMeta } from '../demos/types.js';
import { kernelLegend } from './kernel-legend.js';
import { strings } from './strings.js';
import { wrapLines } from './wrap.js';

export interface HelpLine {
  readonly text: string;
  /** The start of `text` to draw bold: a section's title, a legend's term. */
  readonly strong?: string;
}

/** A term and its meaning, wrapped; lines after the first indented under it. */
function entry(term: string, meaning: string, width: number): HelpLine[] {
  const lines = wrapLines(`${term}  ${meaning}`, width - 4);
  return lines.map((text, i) => (i === 0 ? { text, strong: term } : { text: `    ${text}` }));
}

/** A key and what it does ("tab        switch …"), wrapped under the description, not under the key. */
function keyLine(line: string, width: number): HelpLine[] {
  const [, key, what] = /^(\S.*?\s{2,})(\S.*)$/.exec(line) ?? [];
  if (key === undefined || what === undefined) return wrapLines(line, width).map((text) => ({ text }));
  const indent = ' '.repeat(stringWidth(key));
  return wrapLines(what, width - indent.length).map((text, i) => ({ text: `${i === 0 ? key : indent}${text}` }));
}

/** A section: its title, then blocks a page never cuts (a legend entry and its wrapped lines). */
interface Section {
  readonly title: HelpLine;
  readonly blocks: readonly (readonly HelpLine[])[];
}

function sections(lang: Lang, variant: VariantMeta, width: number, extraKeys: readonly string[]): Section[] {
  const s = strings[lang];
  const goal = `${s.goalTitle}${variant.id} — ${variant.title[lang]}`;
  const plain = (text: string) => wrapLines(text, width).map((line) => ({ text: line }));
  return [
    { title: { text: goal, strong: goal }, blocks: [plain(forMedium(variant.summary[lang], 'screen'))] },
    { title: { text: s.helpTitle, strong: s.helpTitle }, blocks: [...s.help, ...extraKeys].map((line) => keyLine(line, width)) },
    { title: { text: s.legendTitle, strong: s.legendTitle }, blocks: kernelLegend(lang).map(({ term, meaning }) => entry(term, meaning, width)) },
  ];
}

/**
 * The help in pages of `rows` lines, `width` wide. A section starts a new page unless its title
 * and first block fit on the one begun; a block goes whole to the next page when it does not fit.
 */
export function helpPages(lang: Lang, variant: VariantMeta, width: number, rows: number, extraKeys: readonly string[] = []): HelpLine[][] {
  const room = Math.max(1, rows);
  const pages: HelpLine[][] = [[]];
  let page = pages[0]!;
  const turn = () => pages.push((page = []));
  for (const { title, blocks } of sections(lang, variant, width, extraKeys)) {
    if (page.length > 0 && page.length + 2 + (blocks[0]?.length ?? 0) > room) turn();
    else if (page.length > 0) page.push({ text: '' });
    page.push(title);
    for (const block of blocks) {
      if (page.length > 0 && page.length + block.length > room) turn();
      // A block longer than a page (a long summary on a small screen) goes on over the next.
      for (const line of block) {
        if (page.length >= room) turn();
        page.push(line);
      }
    }
  }
  return pages;
}
