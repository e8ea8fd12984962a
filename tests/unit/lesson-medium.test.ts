// Lesson text that points at the screen's panes is the screen's alone: --plain has no panes.
import { describe, expect, it } from 'vitest';
import { forMedium } from '../../src/demos/lesson.js';
import { demos } from '../../src/demos/registry.js';
import type { DemoMeta, Lang, Text } from '../../src/demos/types.js';
import { SCREEN_WORDS } from '../helpers/screen-words.js';

const LANGS: readonly Lang[] = ['en', 'zh'];

/** Every text a demo tells: its summary, each variant's summary and stuck note, each step's lessons. */
function texts(demo: DemoMeta): [string, Text][] {
  return [
    ['summary', demo.summary],
    ...demo.variants.flatMap((v): [string, Text][] => [[`${v.id} summary`, v.summary], ...(v.stuck ? [[`${v.id} stuck`, v.stuck] as [string, Text]] : [])]),
    ...Object.entries(demo.steps).flatMap(([step, lesson]): [string, Text][] => [
      [step, lesson.text],
      ...Object.entries(lesson.variants ?? {}).map(([v, t]): [string, Text] => [`${step} variant ${v}`, t]),
      ...Object.entries(lesson.roles ?? {}).map(([r, t]): [string, Text] => [`${step} role ${r}`, t]),
    ]),
  ];
}

describe('forMedium', () => {
  it('the screen keeps a marked passage without its marks; a transcript drops it with the space before it', () => {
    const text = 'The pipe is now full⟦; watch the fill level in the kernel panel⟧. It returns. ⟦Watch it.⟧';
    expect(forMedium(text, 'screen')).toBe('The pipe is now full; watch the fill level in the kernel panel. It returns. Watch it.');
    expect(forMedium(text, 'plain')).toBe('The pipe is now full. It returns.');
    expect(forMedium('此时管道已满⟦，看内核面板里的填充量⟧。', 'plain')).toBe('此时管道已满。');
  });
});

describe.each(LANGS)('every demo’s text, %s', (lang) => {
  it.each(demos.map((demo) => [demo.id, demo] as const))('%s: as a transcript tells it, points at no pane', (_id, demo) => {
    for (const [where, text] of texts(demo)) expect(forMedium(text[lang], 'plain'), where).not.toMatch(SCREEN_WORDS[lang]);
  });

  it('the check would see them: the screen’s text points at its panes', () => {
    const pointing = demos.flatMap(texts).filter(([, text]) => SCREEN_WORDS[lang].test(forMedium(text[lang], 'screen')));
    expect(pointing.length).toBeGreaterThan(10);
    for (const [where, text] of pointing) expect(forMedium(text[lang], 'screen'), where).not.toMatch(/[⟦⟧]/);
  });
});
