// Keys typed ahead, in one burst (one send-keys with several keys: one write to the pty, as a
// fast typist or a loaded SSH server delivers them), act as if each came after the screen had
// caught up with the one before: nothing is lost, nothing is read with the screen of before.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, runPids, Terminal, WAIT_MS } from '../helpers/terminal.js';

let base = '';
let state = '';
let terminal: Terminal | null = null;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-ahead-'));
  // A new learner's progress of its own: the tour starts at the first demo.
  state = mkdtempSync(join(tmpdir(), 'ipc-ahead-state-'));
});

afterEach(() => {
  terminal?.close();
  terminal = null;
  rmSync(base, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

function start(args: string): Terminal {
  terminal = new Terminal(`echo BEFORE; env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= XDG_STATE_HOME=${state} node ${CLI} ${args} --no-questions --lang en`);
  return terminal;
}

const restored = (screen: string) => screen.includes('BEFORE') && /EXIT=\d+/.test(screen);
const header = (screen: string) => screen.split('\n')[0] ?? '';
const stepOf = (screen: string) => Number(/· step (\d+)/.exec(header(screen))?.[1] ?? 0);

function expectNothingLeft(): void {
  expect(readdirSync(base), 'run directories left').toEqual([]);
  expect(runPids(base), 'processes of the run left').toEqual([]);
}

describe('keys typed ahead, in one burst', () => {
  it('n then r at the end of a demo: the r runs the next demo', { timeout: 6 * WAIT_MS }, async () => {
    const t = start('');
    await t.waitFor((s) => header(s).includes('ipc-demo 1/7 Anonymous pipe') && stepOf(s) > 0, 'the first demo');
    await t.press('r', (s) => s.includes('Run complete') && s.includes('Next in the tour'), 'the end of the first demo');
    t.keys('n', 'r');
    await t.waitFor((s) => header(s).includes('ipc-demo 2/7 Anonymous shared memory') && header(s).includes('· run ·') && s.includes('Run complete'), 'the second demo run to its end by the r');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it('v then ↓: the ↓ moves in the variant menu', { timeout: 5 * WAIT_MS }, async () => {
    const t = start('pipe');
    await t.waitFor((s) => stepOf(s) > 0, 'the first step');
    t.keys('v', 'Down');
    await t.waitFor((s) => /› unclosed/.test(s), 'the second variant highlighted');
    await t.press('Enter', (s) => header(s).includes('variant unclosed') && stepOf(s) > 0, 'the variant run');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });

  it('? then space: the space turns the help’s page, and steps nothing', { timeout: 5 * WAIT_MS }, async () => {
    const t = start('pipe');
    const first = await t.waitFor((s) => stepOf(s) > 0, 'the first step');
    t.keys('?', ' ');
    const s = await t.waitFor((x) => x.includes('Help 2/'), 'the help’s second page');
    expect(stepOf(s)).toBe(stepOf(first));
    await t.press('Escape', (x) => !x.includes('Help '), 'the help closed');
    await t.press('q', restored, 'the shell');
    expectNothingLeft();
  });
});
