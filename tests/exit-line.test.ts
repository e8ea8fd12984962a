// On exit ipc-demo says on stderr, in one line, what it removed (processes, FIFOs and sockets,
// System V objects), from what the controller removed; SIGINT to a --plain or --json run exits
// 130 after removing everything; --json's stdout stays events alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectNothingLeftOf, RunTrace } from './helpers/leftovers.js';

const CLI = fileURLToPath(new URL('../bin/ipc-demo.js', import.meta.url));
const RUN_MS = 30_000;

let base = '';

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-exit-'));
});

afterEach(() => {
  rmSync(base, { recursive: true, force: true });
});

interface Ended {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI; `interrupt`, if given, says when (from stdout so far) to send it SIGINT. */
function cli(args: readonly string[], interrupt?: (stdout: string) => boolean): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, TMPDIR: base, XDG_RUNTIME_DIR: '', LANG: 'C.UTF-8', LC_ALL: '' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_MS);
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      if (interrupt && !sent && interrupt(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the exit line', () => {
  it('SIGINT to a --plain run: exit 130, the queue and both processes removed and named on stderr', { timeout: RUN_MS + 10_000 }, async () => {
    // Play mode, a step every 300 ms: the run is mid-way when the queue has been made.
    const r = await cli(['msgq', '--plain', '--mode', 'play', '--delay', '300'], (out) => /msgget\(\) = \d+/.test(out));
    const id = /msgget\(\) = (\d+)/.exec(r.stdout)?.[1];
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toBe(`ipc-demo: removed message queue ${id}, 2 processes.\n`);
    expectNothingLeftOf(new RunTrace().addTranscript(r.stdout), base);
  });

  it('SIGINT to a --json run: exit 130, stdout only JSON events, the line on stderr (in Chinese with --lang zh)', { timeout: RUN_MS + 10_000 }, async () => {
    const r = await cli(['fifo', '--json', '--lang', 'zh', '--mode', 'play', '--delay', '300'], (out) => /"name":"mkfifo"[^\n]*"value":0/.test(out));
    expect(r.code, r.stderr).toBe(130);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; pid?: number; name?: string; args?: unknown[] });
    const fifo = events.find((e) => e.kind === 'call' && e.name === 'mkfifo')?.args?.[0];
    expect(r.stderr).toMatch(new RegExp(`^ipc-demo 已删除：FIFO ${String(fifo)}、2 个进程。\\n$`));
    expectNothingLeftOf(new RunTrace().addEvents(events), base);
  });

  it('a run that ends by itself: the object its program leaked, named as removed', { timeout: RUN_MS + 10_000 }, async () => {
    const r = await cli(['shm', '--variant', 'leak', '--plain']);
    expect(r.code, r.stderr).toBe(0);
    const id = /shmget\(\) = (\d+)/.exec(r.stdout)?.[1];
    expect(r.stderr).toBe(`ipc-demo: removed shared memory segment ${id}.\n`);
    expectNothingLeftOf(new RunTrace().addTranscript(r.stdout), base);
  });

  it('a run that ended clean: it says so', { timeout: RUN_MS + 10_000 }, async () => {
    const r = await cli(['pipe', '--plain']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('ipc-demo: the run left nothing to remove.\n');
    expect(readdirSync(base)).toEqual([]);
  });
});
