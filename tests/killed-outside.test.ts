// A process of a run killed from outside (another terminal's kill -9, the OOM
// killer) is said to be so, and the run exits 1: it is not a lesson of the demo's.
// Lab mode, as it was seen: a msgq receiver in one terminal, its runner killed
// while it waits in msgrcv() for a sender that never comes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectNothingLeftOf, RunTrace, runsEnded } from './helpers/leftovers.js';
import { noteText } from '../src/ui/plain.js';
import { CLI, runPids, Terminal } from './helpers/terminal.js';

let base = '';

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-killed-'));
});

afterEach(async () => {
  await runsEnded(base);
  rmSync(base, { recursive: true, force: true });
});

interface Event {
  readonly kind: string;
  readonly pid: number;
  readonly name?: string;
  readonly code?: string;
  readonly detail?: string;
}

describe('a runner killed from outside the run', () => {
  it('is reported, and the run exits 1 with nothing left', async () => {
    const child = spawn(process.execPath, [CLI, 'msgq', '--variant', 'types', '--role', 'receiver', '--mode', 'run', '--json'], {
      env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: Event[] = [];
    const trace = new RunTrace();
    let killed = 0;
    for await (const line of createInterface({ input: child.stdout })) {
      const event = JSON.parse(line) as Event;
      events.push(event);
      trace.addEvents([event]);
      // Asleep in msgrcv() for a sender that is not there: a kill from another terminal.
      if (event.kind === 'call' && event.name === 'msgrcv' && killed === 0) {
        killed = event.pid;
        process.kill(killed, 'SIGKILL');
      }
    }
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(killed).toBeGreaterThan(0);
    expect(events.filter((e) => e.kind === 'note').map((e) => [e.code, e.detail])).toEqual([
      ['killed', `${killed} receiver SIGKILL`],
      ['leak-removed', expect.stringMatching(/^msg \d+/)],
    ]);
    expect(code).toBe(1);
    expectNothingLeftOf(trace, base);
  });
});

describe('on the screen', () => {
  it('the process killed from outside is said, and q exits 1, not 0', async () => {
    const terminal = new Terminal(`env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} pipe --no-questions --lang en; echo EXIT=$?`, 80, 24);
    try {
      await terminal.waitFor((s) => /P►.*pipe\(fd\)/.test(s), 'the first step');
      const runner = runPids(base).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('runner.cjs'));
      expect(runner, 'the parent’s runner').toBeDefined();
      process.kill(runner!, 'SIGKILL');
      await terminal.waitFor((s) => /killed|SIGKILL/.test(s), 'the kill said on screen');
      const screen = await terminal.press('q', (s) => /EXIT=\d+/.test(s), 'the shell');
      expect(/EXIT=(\d+)/.exec(screen)?.[1]).toBe('1');
      expect(runPids(base)).toEqual([]);
    } finally {
      terminal.close();
    }
  });
});

describe('the note', () => {
  it('names the process, its role and the signal, in both languages', () => {
    const en = noteText('killed', '4242 receiver SIGKILL', 'en');
    const zh = noteText('killed', '4242 receiver SIGKILL', 'zh');
    for (const text of [en, zh]) expect(text).toMatch(/4242.*receiver.*SIGKILL/);
    expect(en).toMatch(/no process of this run sent/);
    expect(zh).toMatch(/没有任何进程发送过这个信号/);
  });
});
