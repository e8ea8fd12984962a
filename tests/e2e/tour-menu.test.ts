// The tour remembers: a returning learner's `ipc-demo` resumes at the first demo not yet seen in
// full, and m shows the seven demos with the progress kept in $XDG_STATE_HOME/ipc-demo (a ✓ per
// demo seen in full, the counts of the others), read again each time it opens.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDemo } from '../../src/demos/registry.js';
import { CLI, runPids, Terminal, WAIT_MS } from '../helpers/terminal.js';

let base = '';
let state = '';
let terminal: Terminal | null = null;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-tour-menu-'));
  state = mkdtempSync(join(tmpdir(), 'ipc-tour-menu-state-'));
});

afterEach(() => {
  terminal?.close();
  terminal = null;
  rmSync(base, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

const progressFile = () => join(state, 'ipc-demo', 'progress.json');

/** pipe seen in full, anon-mem's first variant (memfd) only. */
function writeProgress(text?: string): void {
  mkdirSync(join(state, 'ipc-demo'), { recursive: true });
  const pipe = findDemo('pipe')!.variants.map((v) => v.id);
  writeFileSync(progressFile(), text ?? JSON.stringify({ version: 1, seen: { pipe, 'anon-mem': ['memfd'] }, answered: [], exercises: {}, hints: {} }));
}

function start(lang: 'en' | 'zh'): Terminal {
  terminal = new Terminal(`echo BEFORE; env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= XDG_STATE_HOME=${state} node ${CLI} --no-questions --lang ${lang}`);
  return terminal;
}

const restored = (screen: string) => screen.includes('BEFORE') && /EXIT=\d+/.test(screen);
const header = (screen: string) => screen.split('\n')[0] ?? '';
const stepOf = (screen: string) => Number(/· (?:step|单步) · (?:step|步骤) (\d+)/.exec(header(screen))?.[1] ?? 0);
/** The menu's line of a demo. */
const row = (screen: string, title: string) => screen.split('\n').find((line) => line.includes(` ${title} `)) ?? '';

function expectNothingLeft(): void {
  expect(readdirSync(base), 'run directories left').toEqual([]);
  expect(runPids(base), 'processes of the run left').toEqual([]);
}

describe('the tour menu and a returning learner', () => {
  for (const [lang, words] of [
    ['en', { anonMem: 'Anonymous shared memory', pipe: 'Anonymous pipe', fifo: 'Named pipe (FIFO)', resumed: 'Resumed where you left off', menu: 'The tour, and your progress', keys: 'm menu' }],
    ['zh', { anonMem: '匿名共享内存', pipe: '匿名管道', fifo: '命名管道（FIFO）', resumed: '从上次停下的地方继续', menu: '导览，以及你的进度', keys: 'm 菜单' }],
  ] as const) {
    it(`${lang}: resumes at anon-mem's next variant; m shows pipe ✓ and anon-mem's counts; 4 goes to fifo`, { timeout: 6 * WAIT_MS }, async () => {
      writeProgress();
      const t = start(lang);
      // Up to its last line, the keys (a capture can come while a frame is half written).
      const first = await t.waitFor((s) => header(s).includes(`ipc-demo 2/7 ${words.anonMem}`) && stepOf(s) > 0 && s.includes(words.keys), 'anon-mem, resumed');
      expect(header(first)).toMatch(/(variant|变体) mmap/);
      expect(first).toContain(words.resumed);
      expect(first).toContain(words.keys);
      const menu = await t.press('m', (s) => s.includes(words.menu), 'the menu');
      expect(row(menu, words.pipe)).toMatch(/ 1 ✓ /);
      expect(row(menu, words.anonMem)).toMatch(/ 2 {3}\S.* 1\/4 +0\/3/);
      expect(row(menu, words.anonMem)).toMatch(/^│ ›/);
      expect(row(menu, words.fifo)).toMatch(/ 4 {3}\S.* 0\/5 /);
      await t.press('4', (s) => header(s).includes(`ipc-demo 4/7 ${words.fifo}`) && stepOf(s) > 0, 'fifo');
      await t.press('q', restored, 'the shell');
      expectNothingLeft();
    });
  }

  it('a demo run to its end shows in the menu at once; esc goes back to it as it was', { timeout: 6 * WAIT_MS }, async () => {
    writeProgress();
    const t = start('en');
    await t.waitFor((s) => header(s).includes('ipc-demo 2/7 Anonymous shared memory') && stepOf(s) > 0, 'anon-mem, resumed');
    await t.press('r', (s) => s.includes('Run complete'), 'the end of the run');
    const menu = await t.press('m', (s) => s.includes('The tour, and your progress'), 'the menu');
    expect(row(menu, 'Anonymous shared memory')).toMatch(/ 2\/4 /);
    // ↓ then enter: the next demo, as a digit would; first esc, back to the run as it was left.
    await t.press('Escape', (s) => s.includes('Run complete') && header(s).includes('2/7 Anonymous shared memory'), 'back to the finished run');
    await t.press('m', (s) => s.includes('The tour, and your progress'), 'the menu again');
    t.keys('Down', 'Enter');
    await t.waitFor((s) => header(s).includes('ipc-demo 3/7 Signals') && stepOf(s) > 0, 'signal, chosen with ↓ and enter');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it('a damaged progress file: the tour starts at the first demo and says the file was set aside', { timeout: 4 * WAIT_MS }, async () => {
    writeProgress('{"version": 1, "seen": ');
    const t = start('en');
    // Up to its last line, the keys (a capture can come while a frame is half written).
    const s = await t.waitFor((x) => header(x).includes('ipc-demo 1/7 Anonymous pipe') && stepOf(x) > 0 && x.includes('m menu'), 'the first demo');
    expect(s.replace(/\n/g, ' ')).toMatch(/Your progress file could not be read; it was set aside as/);
    const aside = readdirSync(join(state, 'ipc-demo')).filter((name) => name.startsWith('progress.json.damaged-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(state, 'ipc-demo', aside[0]!), 'utf8')).toBe('{"version": 1, "seen": ');
    expect(existsSync(progressFile())).toBe(false);
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });
});
