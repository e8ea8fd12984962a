// Stepping back through a recording in a real terminal: ← goes one step at a
// time, and the banner says truly what the real processes do meanwhile.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI, runPids, Terminal } from '../helpers/terminal.js';

let base = '';
let terminal: Terminal | null = null;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-replay-'));
});

afterEach(() => {
  terminal?.close();
  terminal = null;
  rmSync(base, { recursive: true, force: true });
});

/** Ink renders nothing under CI=true: the program under test runs without it. */
function start(args: string): Terminal {
  terminal = new Terminal(`env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} ${args}`, 100, 30);
  return terminal;
}

/** "REPLAY 11/12" in the top line: the step on screen, of how many. */
const position = (screen: string) => /(?:REPLAY|回放) (\d+)\/(\d+)/.exec(screen.split('\n')[0] ?? '')?.slice(1).map(Number);

describe('replay', () => {
  it('after the run: ← goes back one step at a time, and the banner says the processes are gone', async () => {
    const t = start('pipe --lang en');
    await t.waitFor((s) => s.includes('Anonymous pipe'), 'the pipe demo');
    await t.press('r', (s) => s.includes('Run complete.'), 'the run complete');
    let s = await t.press('Left', (x) => position(x) !== undefined, 'replay');
    const [at, of] = position(s) as [number, number];
    expect(at).toBe(of - 1);
    expect(s).toContain('recorded history: the run is over, its processes are gone');
    expect(s).not.toContain('wait where they are');
    s = await t.press('Left', (x) => position(x)?.[0] !== at, 'one more step back');
    expect(position(s)).toEqual([at - 1, of]);
    s = await t.press('l', (x) => x.includes('这是录下来的历史'), 'Chinese');
    expect(s).toContain('这次运行已经结束，进程都已不在');
    t.keys('q');
    await t.waitFor((x) => /EXIT=\d+/.test(x), 'the CLI ended');
    expect(readdirSync(base), 'run directories left').toEqual([]);
    expect(runPids(base), 'processes of the run left').toEqual([]);
  });
});
