// Lab mode as two learners use it: each section-2 demo's two programs in two
// tmux panes, one in Chinese and one in English, each pane stepping its own
// side with the space bar until both runs are complete; then q in both, and
// nothing of either is left.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demos } from '../../src/demos/registry.js';
import { expectNothingLeftOf, RunTrace, runsEnded } from '../helpers/leftovers.js';
import { CLI, Terminal } from '../helpers/terminal.js';

let base = '';
let terminal: Terminal | null = null;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-lab-'));
});

afterEach(async () => {
  terminal?.close();
  terminal = null;
  // A test that failed mid-run: the programs, hung up on, are still removing what the runs made.
  await runsEnded(base);
  rmSync(base, { recursive: true, force: true });
});

const PANES = ['main:0.0', 'main:0.1'] as const;
const DONE = ['运行结束', 'Run complete'] as const;

/** The header's step count: how far a pane's run has gone. */
function stepCount(screen: string): number {
  const counts = [...(screen.split('\n')[0] ?? '').matchAll(/(?:step|步骤) (\d+)/g)];
  return Number(counts.at(-1)?.[1] ?? 0);
}

const unrelated = demos.filter((demo) => demo.section === 'unrelated');

describe('lab mode in two terminals', () => {
  it.each(unrelated.map((demo) => [demo.id, demo] as const))('%s: two panes meet, each steps its own side to the end', async (_id, demo) => {
    const variant = demo.variants[0]!;
    const roles = Object.keys(variant.listings);
    expect(roles).toHaveLength(2);
    const command = (role: string, lang: string) => `env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} ${demo.id} --role ${role} --lang ${lang} --no-questions; echo "EXIT=$?"; sleep 600`;
    const t = new Terminal(command(roles[0]!, 'zh'), 200, 40);
    terminal = t;
    t.tmux('split-window', '-h', '-t', 'main', command(roles[1]!, 'en'));
    const screens = () => PANES.map((pane) => t.tmux('capture-pane', '-p', '-t', pane));
    const wait = async (ok: (s: readonly string[]) => boolean, what: string) => {
      const deadline = Date.now() + 20_000;
      for (let s = screens(); Date.now() < deadline; s = screens()) {
        if (ok(s)) return s;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out waiting for ${what}:\n${screens().join('\n────\n')}`);
    };
    await wait((s) => s[0]!.includes(demo.title.zh) && s[1]!.includes(demo.title.en), 'both panes to start');
    const ended = (s: readonly string[]) => s.every((screen, i) => screen.includes(DONE[i]!));
    let s = screens();
    let rounds = 0;
    const trace = new RunTrace();
    while (!ended(s)) {
      trace.watch(base);
      expect(rounds++, 'rounds of key presses').toBeLessThan(200);
      // One key in each pane still running; a key pressed while its process
      // is blocked waits for that process's next line.
      const before = s.map(stepCount);
      PANES.forEach((pane, i) => s[i]!.includes(DONE[i]!) || t.tmux('send-keys', '-t', pane, ' '));
      s = await wait((now) => ended(now) || now.some((screen, i) => stepCount(screen) > before[i]!), 'a step in either pane');
    }
    // Both ran their whole program: every marked line of each listing was a step.
    for (const [i, role] of roles.entries()) expect(stepCount(s[i]!), role).toBeGreaterThan(1);
    expect(s.join('\n')).not.toMatch(/Stuck|卡住了|runner failed|运行器出错|took too long/);
    for (const pane of PANES) t.tmux('send-keys', '-t', pane, 'q');
    s = await wait((now) => now.every((screen) => /EXIT=\d+/.test(screen)), 'both shells');
    expect(s.map((screen) => Number(/EXIT=(\d+)/.exec(screen)?.[1]))).toEqual([0, 0]);
    // No lab or run directory, no process, and no object either run made or used (semaphores too:
    // seen under the lab directory's key while it was there) is left.
    if (Object.values(variant.listings).some((file) => /\b(shm|msg|sem)get\(/.test(demo.sources[file]!))) expect(trace.objectCount).toBeGreaterThan(0);
    expectNothingLeftOf(trace, base);
  }, 90_000);
});
