// The CLI driven in a real terminal, as a learner drives it: start, step, see
// the child's line marked, switch language, quit (q, Ctrl-C, kill -TERM), and
// find the terminal restored and nothing left behind.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, runPids, Terminal, WAIT_MS } from '../helpers/terminal.js';

let base = '';
let terminal: Terminal | null = null;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-e2e-'));
});

afterEach(() => {
  terminal?.close();
  terminal = null;
  rmSync(base, { recursive: true, force: true });
});

/**
 * Ink renders nothing under CI=true: the program under test runs without it.
 * These tests step; the questions, which stop a step until answered, have their own (questions-terminal).
 */
function start(args: string, columns = 80, rows = 24): Terminal {
  terminal = new Terminal(`echo BEFORE; env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} ${args} --no-questions`, columns, rows);
  return terminal;
}

function expectNothingLeft(): void {
  expect(readdirSync(base), 'run directories left').toEqual([]);
  expect(runPids(base), 'processes of the run left').toEqual([]);
}

const restored = (screen: string) => screen.includes('BEFORE') && /EXIT=\d+/.test(screen);
const exitCode = (screen: string) => Number(/EXIT=(\d+)/.exec(screen)?.[1]);

/** The listing's line marked for a process tag: "17 C►  ...". */
const marked = (screen: string, tag: string, code: string) => screen.split('\n').some((line) => line.includes(`${tag}►`) && line.includes(code));

describe('in a real terminal', () => {
  it('steps through the pipe demo, marks the child’s line, speaks both languages, quits with q', { timeout: 7 * WAIT_MS + 15_000 }, async () => {
    const t = start('pipe');
    await t.waitFor((s) => s.includes('Anonymous pipe') && marked(s, 'P', 'pipe(fd)'), 'the parent marked on pipe(fd)');
    // The parent runs pipe() and fork(): the child appears, waiting at its first line.
    await t.press(' ', (s) => marked(s, 'P', 'fork()'), 'the parent on fork()');
    await t.press(' ', (s) => /C child \d+/.test(s), 'the child in the processes pane');
    await t.press('Tab', (s) => marked(s, 'C', 'close(fd[1])') && /▸C child/.test(s), 'the child selected, its line marked');
    let s = await t.press('l', (x) => x.includes('匿名管道') && x.includes('子进程'), 'Chinese');
    expect(s).toContain('进程');
    await t.press('l', (x) => x.includes('Anonymous pipe') && x.includes('processes'), 'English again');
    s = await t.press('q', restored, 'the shell after quitting');
    expect(exitCode(s)).toBe(0);
    expect(s).not.toContain('Anonymous pipe'); // the alternate screen is gone
    // On stderr, one line: what quitting removed (the parent and the child, both waiting at a line).
    expect(s).toContain('ipc-demo: removed 2 processes.\nEXIT=0');
    expectNothingLeft();
  });

  it('two keys typed faster than the screen reads them are two steps, not none', async () => {
    const t = start('pipe');
    await t.waitFor((s) => marked(s, 'P', 'pipe(fd)') && / step 1 /.test(s.split('\n')[0]!), 'the first step');
    // One write of two spaces: the program reads them as one chunk.
    t.keys('-l', '  ');
    // pipe() and fork() both run: the parent stands after fork() (a forked child adds its own first step).
    await t.waitFor((s) => marked(s, 'P', 'if (pid == -1)') || Number(/ step (\d+) /.exec(s.split('\n')[0]!)?.[1]) >= 3, 'two steps taken');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it('Ctrl-C mid-run: exits 130, terminal restored, nothing left', { timeout: 4 * WAIT_MS + 15_000 }, async () => {
    const t = start('pipe --lang zh');
    await t.waitFor((s) => s.includes('匿名管道'), 'the demo');
    await t.press(' ', (s) => marked(s, 'P', 'fork()'), 'a step');
    await t.press(' ', (s) => /子进程 \d+/.test(s), 'the child');
    const s = await t.press('C-c', restored, 'the shell');
    // As a shell reports a program ended by SIGINT, and as the README's table says.
    expect(exitCode(s)).toBe(130);
    expect(s).toContain('ipc-demo 已删除：2 个进程。\nEXIT=130');
    expectNothingLeft();
  });

  it('kill -TERM of the controller mid-run: exit 143, terminal restored, nothing left', { timeout: 4 * WAIT_MS + 15_000 }, async () => {
    const t = start('pipe');
    await t.waitFor((s) => s.includes('Anonymous pipe'), 'the demo');
    await t.press(' ', (s) => marked(s, 'P', 'fork()'), 'a step');
    await t.press(' ', (s) => /C child \d+/.test(s), 'the child');
    const controller = readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .find((pid) => {
        try {
          const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
          return argv[0]!.endsWith('node') && argv[1] === CLI && readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`TMPDIR=${base}`);
        } catch {
          return false;
        }
      });
    expect(controller).toBeDefined();
    process.kill(Number(controller), 'SIGTERM');
    const s = await t.waitFor(restored, 'the shell');
    expect(exitCode(s)).toBe(143);
    expect(s).toContain('ipc-demo: removed 2 processes.\nEXIT=143');
    expectNothingLeft();
  });

  it.each(['basic', 'unclosed', 'reader-gone', 'reader-gone-ignore', 'fill'])('variant %s runs to its end in Chinese', async (variant) => {
    const t = start(`pipe --variant ${variant} --lang zh`);
    await t.waitFor((s) => s.includes(`变体 ${variant}`), 'the variant in the header');
    const s = await t.press('r', (x) => x.includes('运行结束') || x.includes('卡住了'), 'the end of the run');
    if (variant === 'unclosed') expect(s).toContain('卡住了');
    if (variant === 'reader-gone') expect(s).toContain('被杀死： SIGPIPE');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it.each([
    ['en', 'Nothing can move now: ← replay  v another variant  q quit', 'Nothing can move, not even with space: ← replay'],
    ['zh', '现在谁也动不了：← 回放  v 换个变体  q 退出', '按空格也没用，谁都动不了：← 回放'],
  ])('%s: a stuck run says in the key bar what is left to do, and what space did', { timeout: 4 * WAIT_MS + 15_000 }, async (lang, lead, nudged) => {
    const t = start(`pipe --variant unclosed --mode play --delay 50 --lang ${lang}`);
    const keyBar = (s: string) => s.trimEnd().split('\n').at(-1) ?? '';
    const stuck = await t.waitFor((s) => keyBar(s).includes(lead), 'the stuck key bar');
    // The screen's lesson points at its kernel pane, in the pane's own words (--plain has no pane and says it without).
    expect(stuck.replace(/\s+/g, '')).toContain(lang === 'en' ? '`Cfds:…wpipe`' : '`C文件描述符:…wpipe`');
    await t.press(' ', (s) => keyBar(s).includes(nudged), 'space answered');
    // ← still replays the recording: the bar is for the live run.
    await t.press('Left', (s) => / (REPLAY|回放) \d+\/\d+/.test(s.split('\n')[0]!) && !keyBar(s).includes(nudged), 'the replay');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it.each([
    ['en', 'This variant: unclosed', 'Help 1/', 'pipe:77 ⇄ Pr Pw Cr Cw'],
    ['zh', '本变体：unclosed', '帮助 1/', 'pipe:77 ⇄ Pr Pw Cr Cw'],
  ])('%s: ? shows the variant’s goal after the start is gone, then pages on to the kernel legend', { timeout: 6 * WAIT_MS + 15_000 }, async (lang, goal, first, legend) => {
    const t = start(`pipe --variant unclosed --lang ${lang}`);
    await t.waitFor((s) => marked(s, 'P', 'pipe(fd)'), 'the first step');
    // One step on, the narration is the line's lesson: the goal shows no more.
    const summary = (s: string) => s.replace(/\s+/g, '').includes('anon_pipe_read');
    const stepped = await t.press(' ', (s) => marked(s, 'P', 'fork()'), 'the next step');
    expect(summary(stepped)).toBe(false);
    let s = await t.press('?', (x) => x.includes(goal) && x.includes(first), 'the goal on the help’s first page');
    expect(summary(s)).toBe(true);
    const pages = Number(new RegExp(`${first.replace('/', '')}/(\\d+)`).exec(s)?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let page = 2; page <= pages && !s.includes(legend); page++) s = await t.press('?', (x) => x.includes(` ${page}/${pages} `), `page ${page}`);
    expect(s).toContain(legend);
    // ? on the last page closes the help: the listing is back.
    for (let page = Number(/ (\d+)\/\d+ /.exec(s)?.[1]); page < pages; page++) t.keys('?');
    await t.press('?', (x) => marked(x, 'P', 'fork()'), 'the listing again');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it('v opens the variants; enter restarts with the chosen one', { timeout: 5 * WAIT_MS + 15_000 }, async () => {
    const t = start('pipe');
    await t.waitFor((s) => s.includes('variant basic'), 'the demo');
    await t.press('v', (s) => s.includes('Variants'), 'the variant menu');
    await t.press('Down', (s) => /› unclosed/.test(s), 'unclosed highlighted');
    await t.press('Enter', (s) => s.includes('variant unclosed') && marked(s, 'P', 'pipe(fd)'), 'the new variant, from its start');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it.each([
    ['q', ['q']],
    ['q then ^D', ['q', 'C-d']],
  ])('%s typed before the screen is up still quits', async (_, keys) => {
    // The shell holds the program back until the keys sit in the terminal's input queue.
    const gate = join(base, 'go');
    terminal = new Terminal(`echo BEFORE; until [ -e ${gate} ]; do sleep 0.05; done; rm ${gate}; env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} pipe`);
    await terminal.waitFor((s) => s.includes('BEFORE'), 'the shell');
    await terminal.press('q', (s) => s.split('\n')[1]!.startsWith('q'), 'q echoed by the terminal');
    if (keys.includes('C-d')) terminal.keys('C-d');
    writeFileSync(gate, '');
    const s = await terminal.waitFor(restored, 'the shell after quitting');
    expect(exitCode(s)).toBe(0);
    expectNothingLeft();
  });

  it('too small a terminal: a message that names the minimum, not a garbled screen', async () => {
    const t = start('pipe', 79, 24);
    const s = await t.waitFor((x) => x.includes('too small'), 'the message');
    expect(s.replaceAll('\n', ' ')).toContain('at least 80×24');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it('at 80×24 the lines around the parent are whole (== 0 is not != 0), and so is the kernel’s shm row', { timeout: 60 * WAIT_MS }, async () => {
    /** Space until `predicate` holds, as a learner steps. */
    const stepTo = async (t: Terminal, predicate: (screen: string) => boolean, what: string): Promise<string> => {
      let screen = t.screen();
      for (let rounds = 0; !predicate(screen); rounds++) {
        expect(rounds, `key presses to reach ${what}`).toBeLessThan(40);
        const before = screen;
        screen = await t.press(' ', (x) => x !== before, 'the effect of the key');
      }
      return screen;
    };
    let t = start('pipe');
    await t.waitFor((s) => marked(s, 'P', 'pipe(fd)'), 'the first step');
    // pipe.c:73, under line 72's `if (strncmp(variant, "reader-gone", 11) != 0)` (line 58's is `== 0`).
    let s = await stepTo(t, (x) => marked(x, 'P', 'report(pid)') && x.includes('▸P parent'), 'the parent at report(pid)');
    expect(s).toContain('"reader-gone", 11) != 0)');
    await t.press('q', restored, 'the shell');
    t.close();
    t = start('shm --variant basic');
    await t.waitFor((x) => x.includes('System V shared memory') && / step [1-9]/.test(x.split('\n')[0]!), 'the first step');
    // The kernel's row, whole, nattch and all (the output's own "nattch 2" is the reader's printf).
    // The pane shows what /proc said at its last read: stepped past before a read came (a loaded
    // machine), the moment is still in the run's record, and ← replays each step's view.
    // The side pane's lines joined: the row wraps where its ids' lengths put the break, each token whole.
    const side = (x: string) => x.split('\n').map((line) => (line.split('││')[1] ?? '').replace(/│\s*$/, '').trim()).join(' ');
    const bothAttached = (x: string) => /shm id \d+ size 4096 nattch 2 key 0x[0-9a-f]{8}/.test(side(x));
    s = await stepTo(t, (x) => bothAttached(x) || x.includes('Run complete'), 'both programs attached, in the kernel pane, or the end');
    for (let presses = 0; !bothAttached(s); presses++) {
      expect(presses, 'steps back to both programs attached').toBeLessThan(40);
      const before = s;
      s = await t.press('Left', (x) => x !== before, 'the step before');
    }
    // The key whole, on whichever line the wrap put it.
    expect(side(s)).toMatch(/(^| )key 0x[0-9a-f]{8}( |$)/);
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it('draws the first screens without ICU, in both languages (its data takes 10–30 ms to load)', async () => {
    const spy = fileURLToPath(new URL('../fixtures/intl-spy.mjs', import.meta.url));
    const log = join(base, 'intl.log');
    writeFileSync(log, '');
    for (const lang of ['en', 'zh']) {
      terminal = new Terminal(`echo BEFORE; env -u CI TMPDIR=${base} INTL_SPY_LOG=${log} node --import ${spy} ${CLI} pipe --lang ${lang}`);
      await terminal.waitFor((s) => marked(s, 'P', 'pipe(fd)'), 'the first step');
      await terminal.press(' ', (s) => !marked(s, 'P', 'pipe(fd)'), 'the next step');
      await terminal.press('q', restored, 'the shell');
      terminal.close();
    }
    expect(readFileSync(log, 'utf8'), 'Intl objects made, and where').toBe('');
    rmSync(log);
    expectNothingLeft();
  });

  it('the output pane pages back to the first line a process printed, and forward again', { timeout: 6 * WAIT_MS + 15_000 }, async () => {
    const t = start('msgq --mode run');
    // The first line printed: the sender's or the receiver's "queue ready", whichever ran first.
    const first = (s: string) => /[SR] │ (?:sender|receiver): pid \d+, queue ready/.test(s);
    const end = await t.waitFor((s) => s.includes('Run complete'), 'the end of the run');
    // msgq prints a dozen lines; the pane holds three, the newest.
    expect(first(end)).toBe(false);
    const total = Number(/output \d+–\d+\/(\d+)/.exec(end)?.[1]);
    expect(total).toBeGreaterThan(6);
    for (let page = 0; page * 3 < total; page++) t.keys('[');
    let s = await t.waitFor((x) => first(x) && /output 1–3\//.test(x), 'the first lines printed');
    s = await t.press('PPage', (x) => x === s || /output 1–3\//.test(x), 'still at the top');
    await t.press(']', (x) => /output 4–6\//.test(x) && !first(x), 'the next page');
    for (let page = 0; page * 3 < total; page++) t.keys('NPage');
    await t.waitFor((x) => new RegExp(`output ${total - 2}–${total}/${total}`).test(x), 'the newest lines again');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it('the guided tour opens on the first demo', async () => {
    // A new learner's (the tests' shared progress may hold demos other tests ran to their end).
    const state = mkdtempSync(join(tmpdir(), 'ipc-e2e-state-'));
    try {
      const t = (terminal = new Terminal(`echo BEFORE; env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= XDG_STATE_HOME=${state} node ${CLI} --no-questions`));
      await t.waitFor((s) => /ipc-demo \S+ Anonymous pipe/.test(s), 'the first demo');
      await t.press('q', restored, 'the shell');
      expectNothingLeft();
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
