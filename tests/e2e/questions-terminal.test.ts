// Predict, then reveal, in a real terminal: stepping the pipe demo, the question comes up
// before the child's read() runs; the learner answers (a number, then a letter); the line runs
// and the screen reveals the answer the run gave — the byte count read() returned, the same
// count the child's own output line prints.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDemo } from '../../src/demos/registry.js';
import { CLI, runPids, Terminal, WAIT_MS } from '../helpers/terminal.js';

let base = '';
let terminal: Terminal | null = null;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-questions-'));
});

afterEach(() => {
  terminal?.close();
  terminal = null;
  rmSync(base, { recursive: true, force: true });
});

const pipe = findDemo('pipe')!;
const prompt = (id: string, lang: 'en' | 'zh') => pipe.questions!.find((q) => q.id === id)!.prompt[lang];
/** The screen as one line of words, borders gone: the panel and the narration wrap where the width says. */
const flat = (screen: string) => screen.replace(/[│╭╮╰╯─]/g, ' ').replace(/\s+/g, ' ');
const stepOf = (screen: string) => Number(/(?:step|步骤) (\d+)/.exec(screen.split('\n')[0] ?? '')?.[1] ?? 0);

/** Space until the question is on screen: each press takes a step, and a question's step asks instead. */
async function stepToQuestion(t: Terminal, text: string): Promise<string> {
  let screen = t.screen();
  for (let presses = 0; !flat(screen).includes(text); presses++) {
    expect(presses, `presses before the question "${text}"`).toBeLessThan(20);
    const before = screen;
    screen = await t.press(' ', (s) => s !== before && (flat(s).includes(text) || stepOf(s) > stepOf(before) || s.includes('blocked in')), 'the next step or the question');
  }
  return screen;
}

describe('questions in step mode, in a real terminal', () => {
  it('asks before the line runs, takes the answer, and reveals what the run returned', { timeout: 6 * WAIT_MS }, async () => {
    terminal = new Terminal(`env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} pipe --lang en`, 100, 30);
    const t = terminal;
    await t.waitFor((s) => s.includes('Anonymous pipe') && stepOf(s) > 0, 'the first step');

    let screen = await stepToQuestion(t, prompt('first-read', 'en'));
    expect(screen).toContain('pipe.c:27');
    expect(screen).toContain('type a number, then Enter');
    // Asked before the line runs: the child has read nothing yet.
    expect(screen).not.toMatch(/child: read \d+ bytes/);
    t.keys('1', '7');
    await t.waitFor((s) => /your answer: 17/.test(s), 'the number typed');
    screen = await t.press('Enter', (s) => /The run: read\(\) = \d+ → answer: \d+\./.test(flat(s)) && /child: read \d+ bytes/.test(s), 'the reveal');
    const revealed = /The run: read\(\) = (\d+) → answer: (\d+)\./.exec(flat(screen))!;
    const printed = /child: read (\d+) bytes/.exec(screen)![1];
    // The answer shown is the count read() returned in this run, the one the child printed too.
    expect(revealed[1]).toBe(printed);
    expect(revealed[2]).toBe(printed);
    expect(flat(screen)).toContain('✓ right.');

    // In Chinese, the second question, answered with a letter that is not the run's answer.
    await t.press('l', (s) => s.includes('匿名管道'), 'Chinese');
    screen = await stepToQuestion(t, prompt('read-again', 'zh'));
    expect(screen).toMatch(/a\) 再次返回 17/);
    // The read() runs now; it returns once no write end is left: if the parent has not closed its
    // own yet (which process space moved first decides), the learner steps it there first.
    const revealedZh = (s: string) => /这次运行：read\(\) = 0 → 答案：b\) 返回 0：文件结束。/.test(flat(s));
    screen = await t.press('a', (s) => revealedZh(s) || s.includes('答案已记下'), 'the answer taken, in Chinese');
    for (let presses = 0; !revealedZh(screen); presses++) {
      expect(presses, 'steps of the parent before the reveal').toBeLessThan(10);
      const before = screen;
      screen = await t.press(' ', (s) => s !== before, 'the next step');
    }
    expect(flat(screen)).toContain('✗ 这次没猜中。');

    await t.press('q', (s) => /EXIT|\$ $/.test(s) || !s.includes('匿名管道'), 'the program gone');
    await t.waitFor(() => runPids(base).length === 0 && readdirSync(base).length === 0, 'nothing of the run left');
  });

  it('a key pressed before any process waits is kept, and does not also let the asked process go on', { timeout: 3 * WAIT_MS }, async () => {
    terminal = new Terminal(`env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} fifo --lang en`, 100, 30);
    const t = terminal;
    // Pressed while the programs are still starting: kept for the first one to stop at a line.
    await t.waitFor((s) => s.includes('Named pipe') && s.includes('starting'), 'the screen, the programs starting');
    const question = findDemo('fifo')!.questions!.find((q) => q.id === 'who-makes-it')!.prompt.en;
    // Keys, one every tenth of a second, until the question is up: the first ones kept, a later one
    // pressed while the first process has stopped but before the screen has caught up.
    let screen = '';
    for (let presses = 0; !flat(screen).includes(question); presses++) {
      expect(presses, 'keys before the question').toBeLessThan(150);
      t.keys(' ');
      screen = await t.waitFor((s) => flat(s).includes(question), 'the question', 100).catch(() => '');
    }
    const where = /[WR] (?:writer|reader) · fifo-(?:writer|reader)\.c:\d+ {2}if \(mkfifo/.exec(screen)?.[0];
    expect(where, 'asked at mkfifo').toBeDefined();
    // More keys, and renders (help on and off): the asked process stays at its line until answered.
    t.keys(' ');
    await t.press('?', (s) => !flat(s).includes(question), 'the help');
    screen = await t.press('Escape', (s) => flat(s).includes(question), 'the question again');
    expect(screen, 'still at mkfifo, not run past').toContain(where!);
    screen = await t.press('a', (s) => /The run: mkfifo\(\) = /.test(flat(s)), 'the reveal');
    expect(flat(screen)).toMatch(/The run: mkfifo\(\) = (0 → answer: a\)|-1 EEXIST → answer: b\))/);
    await t.press('q', (s) => !s.includes('Named pipe'), 'the program gone');
    await t.waitFor(() => runPids(base).length === 0 && readdirSync(base).length === 0, 'nothing of the run left');
  });

  it('--no-questions steps past the same line without asking', { timeout: 3 * WAIT_MS }, async () => {
    terminal = new Terminal(`env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} pipe --lang en --no-questions`, 100, 30);
    const t = terminal;
    await t.waitFor((s) => s.includes('Anonymous pipe') && stepOf(s) > 0, 'the first step');
    let screen = t.screen();
    for (let presses = 0; !/child: end of file/.test(screen); presses++) {
      expect(presses, 'presses to the end of the child').toBeLessThan(20);
      expect(screen).not.toContain('Predict');
      const before = screen;
      screen = await t.press(' ', (s) => s !== before, 'the next step');
    }
    await t.press('q', (s) => !s.includes('Anonymous pipe'), 'the program gone');
    await t.waitFor(() => runPids(base).length === 0 && readdirSync(base).length === 0, 'nothing of the run left');
  });
});
