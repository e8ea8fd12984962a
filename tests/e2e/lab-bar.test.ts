// Lab mode's line under the header, in two tmux panes: whether the other terminal is there (not
// yet, here, has left), live, and where the two programs meet (the FIFO's path; the key file and
// the message queue it names, as the kernel has it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sysvRows } from '../helpers/kernel.js';
import { expectNothingLeftOf, RunTrace, runsEnded } from '../helpers/leftovers.js';
import { CLI, Terminal, WAIT_MS } from '../helpers/terminal.js';

let base = '';
let terminal: Terminal | null = null;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-labbar-'));
});

afterEach(async () => {
  terminal?.close();
  terminal = null;
  await runsEnded(base);
  rmSync(base, { recursive: true, force: true });
});

const PANES = ['main:0.0', 'main:0.1'] as const;
const uid = process.getuid?.() ?? 0;
const command = (args: string) => `env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} ${args}; echo "EXIT=$?"; sleep 600`;

/** Two panes side by side, the first started now, the second by `second()`. */
function panes(first: string) {
  const t = new Terminal(command(first), 260, 30);
  terminal = t;
  const trace = new RunTrace();
  const screen = (i: number) => t.tmux('capture-pane', '-p', '-t', PANES[i]!);
  const waitFor = async (i: number, ok: (s: string) => boolean, what: string) => {
    const deadline = Date.now() + WAIT_MS;
    for (let s = screen(i); Date.now() < deadline; s = screen(i)) {
      trace.watch(base);
      if (ok(s)) return s;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}:\n${screen(0)}\n────\n${screen(1)}`);
  };
  const second = (args: string) => t.tmux('split-window', '-h', '-t', 'main', command(args));
  const keys = (i: number, ...k: string[]) => t.tmux('send-keys', '-t', PANES[i]!, ...k);
  return { trace, screen, waitFor, second, keys };
}

/** The lab line: the row under the header. */
const labLine = (screen: string) => screen.split('\n')[1] ?? '';

describe('lab mode’s line', () => {
  it('fifo: the FIFO’s path, and the other terminal not yet there, there, then gone', { timeout: 8 * WAIT_MS }, async () => {
    const p = panes('fifo --role reader');
    const fifo = join(base, `ipc-demo-${uid}-lab-fifo-basic`, 'fifo');
    let s = await p.waitFor(0, (x) => labLine(x).includes('writer (other terminal): not here yet'), 'the reader alone');
    expect(labLine(s)).toContain(`writer (other terminal): not here yet · FIFO ${fifo}`);
    p.second('fifo --role writer --lang zh');
    s = await p.waitFor(1, (x) => labLine(x).includes('读者（另一个终端）：已加入'), 'the writer sees the reader');
    expect(labLine(s)).toContain(`读者（另一个终端）：已加入 · FIFO ${fifo}`);
    await p.waitFor(0, (x) => labLine(x).includes('writer (other terminal): here'), 'the reader sees the writer');
    p.keys(1, 'q');
    s = await p.waitFor(1, (x) => /EXIT=\d+/.test(x), 'the writer’s shell');
    expect(s).toContain('共享目录保留：另一个终端还在使用它');
    await p.waitFor(0, (x) => labLine(x).includes('writer (other terminal): has left'), 'the reader sees the writer gone');
    p.keys(0, 'q');
    await p.waitFor(0, (x) => /EXIT=0/.test(x), 'the reader’s shell');
    expectNothingLeftOf(p.trace, base);
  });

  it('msgq: the key file, then the queue it names, with the kernel’s id and key', { timeout: 8 * WAIT_MS }, async () => {
    const p = panes('msgq --role receiver');
    const keyFile = join(base, `ipc-demo-${uid}-lab-msgq-types`, 'ipc.key');
    let s = await p.waitFor(0, (x) => labLine(x).includes('sender (other terminal): not here yet'), 'the receiver alone');
    expect(labLine(s)).toContain(`sender (other terminal): not here yet · no object yet · key file ${keyFile}`);
    p.second('msgq --role sender');
    await p.waitFor(1, (x) => labLine(x).includes('receiver (other terminal): here'), 'the sender sees the receiver');
    // The sender runs to its end: it makes the queue and leaves its messages there.
    p.keys(1, 'r');
    s = await p.waitFor(0, (x) => /message queue \d+ \(key 0x[0-9a-f]{8}\) · key file /.test(labLine(x)), 'the queue on the receiver’s line');
    const [, id, key] = /message queue (\d+) \(key 0x([0-9a-f]{8})\)/.exec(labLine(s))!;
    expect(sysvRows('msg').some((row) => row.msqid === Number(id) && (row.key! >>> 0) === parseInt(key!, 16)), `queue ${id} with key 0x${key} in /proc/sysvipc/msg`).toBe(true);
    p.keys(0, 'q');
    p.keys(1, 'q');
    await p.waitFor(0, (x) => /EXIT=\d+/.test(x), 'the receiver’s shell');
    await p.waitFor(1, (x) => /EXIT=\d+/.test(x), 'the sender’s shell');
    expectNothingLeftOf(p.trace, base);
  });
});
