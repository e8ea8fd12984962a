// The guided tour (`ipc-demo` alone) in a real terminal: n, b/N and the digits move between the
// demos; ? lists those keys; space on a finished demo leaves its end screen up.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, runPids, Terminal, WAIT_MS } from '../helpers/terminal.js';

let base = '';
let state = '';
let terminal: Terminal | null = null;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-tour-'));
  // A new learner: no progress (the tests' shared one may hold demos other tests ran), so the tour starts at the first demo.
  state = mkdtempSync(join(tmpdir(), 'ipc-tour-state-'));
});

afterEach(() => {
  terminal?.close();
  terminal = null;
  rmSync(base, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

function start(args = ''): Terminal {
  terminal = new Terminal(`echo BEFORE; env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= XDG_STATE_HOME=${state} node ${CLI} ${args}`);
  return terminal;
}

const restored = (screen: string) => screen.includes('BEFORE') && /EXIT=\d+/.test(screen);
/** The header: "ipc-demo 3/7 Signals · variant …". */
const header = (screen: string) => screen.split('\n')[0] ?? '';
const at = (position: string, title: string) => (screen: string) => header(screen).includes(`ipc-demo ${position} ${title}`);

function expectNothingLeft(): void {
  expect(readdirSync(base), 'run directories left').toEqual([]);
  expect(runPids(base), 'processes of the run left').toEqual([]);
}

describe('the tour', () => {
  it('n, b, N and a digit move between the demos; ? lists them', { timeout: 9 * WAIT_MS }, async () => {
    const t = start();
    await t.waitFor(at('1/7', 'Anonymous pipe'), 'the first demo');
    // The help comes in pages (space turns them): the tour's keys follow the others.
    let help = await t.press('?', (x) => x.includes('Help 1/'), 'the help');
    for (let page = 1; !help.includes('the tour: go to that demo') && page < 5; page++) {
      const before = help;
      help = await t.press(' ', (x) => x !== before, 'the next page of the help');
    }
    expect(help).toMatch(/n +the tour: next demo/);
    expect(help).toMatch(/b, N +the tour: the demo before/);
    expect(help).toMatch(/1 … 7 +the tour: go to that demo/);
    await t.press('Escape', (x) => !x.includes('Help '), 'the help closed');
    await t.press('n', at('2/7', 'Anonymous shared memory'), 'n: the second demo, before the first has ended');
    await t.press('b', at('1/7', 'Anonymous pipe'), 'b: back to the first');
    await t.press('6', at('6/7', 'System V message queue'), '6: the sixth demo');
    await t.press('N', at('5/7', 'System V shared memory'), 'N: back one');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it('space on a finished demo keeps its end screen; n goes on', { timeout: 6 * WAIT_MS }, async () => {
    const t = start();
    await t.waitFor(at('1/7', 'Anonymous pipe'), 'the first demo');
    await t.press('r', (s) => s.includes('Run complete') && s.includes('Next in the tour'), 'the end of the first demo');
    // A key with an effect after the space: once it shows, the space has been read too.
    t.keys(' ');
    const s = await t.press('l', (x) => x.includes('运行结束'), 'Chinese, after the space');
    expect(header(s)).toContain('1/7 匿名管道');
    let help = await t.press('?', (x) => x.includes('帮助 1/'), 'the help, in Chinese');
    for (let page = 1; !help.includes('导览：跳到该编号的演示') && page < 5; page++) {
      const before = help;
      help = await t.press(' ', (x) => x !== before, 'the next page of the help');
    }
    expect(help).toMatch(/b, N +导览：上一个演示/);
    await t.press('Escape', (x) => x.includes('运行结束') && !x.includes('帮助 '), 'the help closed');
    await t.press('n', at('2/7', '匿名共享内存'), 'n: the next demo');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });
});
