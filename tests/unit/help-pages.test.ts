// `?` at 80×24: the variant's goal, the keys and the kernel pane's legend, in pages that fit.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { forMedium } from '../../src/demos/lesson.js';
import { demos } from '../../src/demos/registry.js';
import type { Lang } from '../../src/demos/types.js';
import { helpRows, helpWidth } from '../../src/ui/components/help-overlay.js';
import { helpPages } from '../../src/ui/help-pages.js';
import { kernelLegend } from '../../src/ui/kernel-legend.js';
import { computeLayout, NO_NEEDS } from '../../src/ui/layout.js';
import { strings } from '../../src/ui/strings.js';
import { processTag } from '../../src/ui/theme.js';

const LANGS: readonly Lang[] = ['en', 'zh'];
// The overlay takes the listing's place at 80×24, the narration at its fewest rows (as App gives it).
const room = computeLayout(80, 24, NO_NEEDS).listingRows + 2;

describe('help pages at 80×24', () => {
  it.each(LANGS)('%s: every variant’s goal comes first, whole; every line of every page fits', (lang) => {
    for (const demo of demos) {
      for (const variant of demo.variants) {
        const pages = helpPages(lang, variant, helpWidth(80), helpRows(room));
        const first = pages[0]!.map((line) => line.text).join(lang === 'zh' ? '' : ' ');
        expect(first, `${demo.id} ${variant.id}`).toContain(variant.title[lang]);
        expect(first.replace(/\s+/g, lang === 'zh' ? '' : ' '), `${demo.id} ${variant.id}`).toContain(forMedium(variant.summary[lang], 'screen').replace(/\s+/g, lang === 'zh' ? '' : ' '));
        for (const page of pages) {
          expect(page.length, `${demo.id} ${variant.id}: a page's rows`).toBeLessThanOrEqual(helpRows(room));
          for (const line of page) expect(stringWidth(line.text), line.text).toBeLessThanOrEqual(helpWidth(80));
        }
        const all = pages.flat().map((line) => line.text).join('\n');
        for (const key of strings[lang].help) expect(all.replace(/\s+/g, ''), key).toContain(key.replace(/\s+/g, ''));
        expect(all).toContain(strings[lang].legendTitle);
      }
    }
  });
});

describe('the kernel pane’s legend', () => {
  // Every abbreviation src/ui/kernel-lines.ts and the process pane write, as the panes write it.
  const terms = (lang: Lang) => {
    const s = strings[lang];
    return ['P C W R S', `${s.fds}: 4 w pipe`, `${s.fds}: ${s.none}`, '⇄ Pr Pw Cr Cw', 'KiB/64 KiB', 'fifo:', '/memfd:', 'map rw-s', '|He|', s.sigBlk, s.sigPnd, s.sigCgt, '/proc/net/unix', `⇄ ${s.peer}`, '/proc/net/tcp', 'nattch', 'qnum', 'cbytes', 'nsems', 'key 0x', 'S R D T Z', s.blockedIn];
  };

  it('names the tag of every process any demo runs', () => {
    const tags = new Set(['C', ...demos.flatMap((demo) => demo.roles.map((role) => processTag(role.id)))]);
    const named = kernelLegend('en')[0]!;
    for (const tag of tags) expect(`${named.term} ${named.meaning}`.split(/[\s,;]+/), tag).toContain(tag);
  });

  it.each(LANGS)('%s: names each of them, and says what fds: none hides', (lang) => {
    const legend = kernelLegend(lang);
    const text = legend.map((e) => `${e.term} ${e.meaning}`).join('\n');
    for (const term of terms(lang)) expect(text, term).toContain(term);
    const none = legend.find((e) => e.term.endsWith(strings[lang].none))!;
    expect(none.meaning).toMatch(lang === 'en' ? /trace socket.*epoll/ : /跟踪套接字.*epoll/);
  });
});
