// The lessons a learner reads, held against what the programs really do: each
// demo is run for real and its narration (what --plain prints, and the screen
// shows at each step) is read in both languages.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demos } from '../../src/demos/registry.js';
import type { Lang } from '../../src/demos/types.js';
import { transcript } from '../../src/ui/plain.js';
import { demoAndVariant, expectNothingLeft, outputOf, pidsOf, recordRun, type Recorded } from '../helpers/run.js';
import { SCREEN_WORDS } from '../helpers/screen-words.js';
import { CLI, runPids, Terminal } from '../helpers/terminal.js';

const LANGS: readonly Lang[] = ['en', 'zh'];

interface Told {
  readonly role: string;
  readonly step: string;
  readonly lesson: string;
}

/** The lesson each step of the run was narrated with, by the process's role. */
function narration(demoId: string, variantId: string, recorded: Recorded, lang: Lang): Told[] {
  const { demo, variant } = demoAndVariant(demoId, variantId);
  const writer = transcript(demo, variant, lang);
  const roles = new Map<number, string>();
  const told: Told[] = [];
  for (const event of recorded.events) {
    if (event.kind === 'hello') roles.set(event.pid, event.role);
    const lines = writer.event(event);
    // A step is told as a blank line, the code line, and its lesson the first time the process meets it.
    if (event.kind === 'step' && lines[2] !== undefined) {
      told.push({ role: roles.get(event.pid) ?? '?', step: event.step, lesson: stripVTControlCharacters(lines[2]).trim() });
    }
  }
  return told;
}

/** What the learner reads in a run: the variant's summary and every lesson narrated. */
function everything(demoId: string, variantId: string, recorded: Recorded, lang: Lang): string[] {
  const { variant } = demoAndVariant(demoId, variantId);
  return [variant.summary[lang], ...narration(demoId, variantId, recorded, lang).map((t) => `${t.step}: ${t.lesson}`)];
}

async function run(demoId: string, variantId: string): Promise<Recorded> {
  const recorded = await recordRun(demoId, variantId);
  expectNothingLeft(recorded);
  return recorded;
}

describe('fifo: each program is told about its own close()', () => {
  it.each(LANGS)('%s', async (lang) => {
    const told = narration('fifo', 'basic', await run('fifo', 'basic'), lang);
    const close = (role: string) => told.find((t) => t.role === role && t.step === 'close')?.lesson;
    expect(close('writer')).toBeTruthy();
    expect(close('reader')).toBeTruthy();
    expect(close('reader')).not.toBe(close('writer'));
  });
});

describe('socket abstract: no lesson claims a file', () => {
  // What only a name in the file system has: a socket file, on disk, to be unlinked; ENOENT when it is missing.
  const FILE_CLAIM = { en: /socket file|on disk|ENOENT|unlink\(\) (removes|deletes)/i, zh: /套接字文件|磁盘|ENOENT|unlink\(\) 删/ };

  it('the check would see such a claim: the stream variant, on a path, makes it', async () => {
    const recorded = await run('socket', 'stream');
    for (const lang of LANGS) expect(everything('socket', 'stream', recorded, lang).filter((text) => FILE_CLAIM[lang].test(text))).not.toEqual([]);
  });

  it('abstract, in both languages', async () => {
    const recorded = await run('socket', 'abstract');
    for (const lang of LANGS) expect(everything('socket', 'abstract', recorded, lang).filter((text) => FILE_CLAIM[lang].test(text))).toEqual([]);
  });
});

describe('anon-mem: munmap() is told as it is in each variant', () => {
  it('memfd: the fd still holds the page, until close(); mmap: the mapping was the last reference', async () => {
    const memfd = await run('anon-mem', 'memfd');
    const mmap = await run('anon-mem', 'mmap');
    for (const lang of LANGS) {
      const munmap = (variantId: string, recorded: Recorded) => narration('anon-mem', variantId, recorded, lang).find((t) => t.step === 'munmap')?.lesson ?? '';
      expect(munmap('memfd', memfd)).not.toMatch(lang === 'en' ? /last reference/ : /最后一个引用/);
      expect(munmap('memfd', memfd)).toMatch(/close\(\)/);
      expect(munmap('mmap', mmap)).toMatch(lang === 'en' ? /last reference/ : /最后一个引用/);
    }
  });
});

describe('the screen tells the same lessons', () => {
  it('anon-mem mmap: the munmap() the parent ends on is the mmap variant’s', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ipc-lessons-'));
    // Ink renders nothing under CI=true: the program under test runs without it.
    const t = new Terminal(`env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} anon-mem --variant mmap --mode run`, 100, 30);
    try {
      // The narration wraps: read it as one line.
      const screen = await t.waitFor((s) => s.includes('parent exited 0') && /P parent · anon-mem\.c:\d+/.test(s), 'the run complete, the parent on munmap()');
      expect(screen.replace(/\s+/g, ' ')).toContain(demoAndVariant('anon-mem', 'mmap').demo.steps.munmap!.variants!.mmap!.en);
      t.keys('q');
      await t.waitFor((s) => /EXIT=0/.test(s), 'the shell after quitting');
      expect(runPids(base)).toEqual([]);
      expect(readdirSync(base)).toEqual([]);
    } finally {
      t.close();
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('shm: race and semaphore count the same additions, and say the counts they print', () => {
  /** The counts a text names: "2,000", and "2 × 2,000" as the 4,000 it is. */
  function countsNamed(text: string): number[] {
    return [...text.matchAll(/(?:(\d+) × )?(\d{1,3}(?:,\d{3})+)/g)].map(([, times, n]) => Number(times ?? 1) * Number(n!.replaceAll(',', '')));
  }

  it('both variants, both languages', async () => {
    const perProcess = new Map<string, number>();
    for (const variantId of ['race', 'semaphore']) {
      const recorded = await run('shm', variantId);
      const [a, b] = [pidsOf(recorded.events, 'a')[0]!, pidsOf(recorded.events, 'b')[0]!];
      const added = Number(/^b: added 1 (\d+) times$/.exec(outputOf(recorded.events, b).at(-1) ?? '')?.[1]);
      const expected = Number(/expected (\d+),/.exec(outputOf(recorded.events, a).at(-1) ?? '')?.[1]);
      expect(expected).toBe(2 * added);
      perProcess.set(variantId, added);
      for (const lang of LANGS) {
        const named = everything('shm', variantId, recorded, lang).flatMap(countsNamed);
        expect(named.length, `${variantId} ${lang}: the text names its counts`).toBeGreaterThan(0);
        expect(named.filter((n) => n !== added && n !== expected), `${variantId} ${lang}: counts the program never reaches`).toEqual([]);
      }
    }
    expect(perProcess.get('semaphore')).toBe(perProcess.get('race'));
  });
});

describe('--plain points at no pane (it has none): every variant, both languages', () => {
  const cases = demos.flatMap((demo) => demo.variants.map((variant) => [demo.id, variant.id] as const));
  it.each(cases)('%s %s', async (demoId, variantId) => {
    const recorded = await run(demoId, variantId);
    const { demo, variant } = demoAndVariant(demoId, variantId);
    for (const lang of LANGS) {
      // What runText prints: the header, then each event, with the kernel's snapshots fed as they came.
      const writer = transcript(demo, variant, lang);
      const lines = writer.header();
      for (const entry of recorded.entries) {
        if (entry.kind === 'kernel') writer.kernel(entry.snapshot);
        else lines.push(...writer.event(entry));
      }
      const pointing = lines.map((line) => stripVTControlCharacters(line)).filter((line) => SCREEN_WORDS[lang].test(line));
      expect(pointing, lang).toEqual([]);
    }
  }, 60_000);
});
