// `ipc-demo lab` and `ipc-demo progress` as a learner and an autograder use them: real files in a
// real working directory, real compiles and runs, progress in a real state directory.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/terminal.js';
import { runsEnded } from '../helpers/leftovers.js';
import solution from './solutions/pipe-eof.c';

let home = '';
let cwd = '';
let base = '';

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ipc-lab-cli-'));
  cwd = join(home, 'work');
  base = join(home, 'tmp');
  mkdirSync(cwd);
  mkdirSync(base);
});

afterEach(async () => {
  await runsEnded(base);
  expect(readdirSync(base), 'no run directory left').toEqual([]);
  rmSync(home, { recursive: true, force: true });
});

function ipcDemo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, XDG_STATE_HOME: join(home, 'state'), TMPDIR: base, XDG_RUNTIME_DIR: '', LANG: 'en_US.UTF-8' };
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function progress(): { exercises: Record<string, string>; hints: Record<string, number> } {
  return JSON.parse(ipcDemo('progress', '--json').stdout) as { exercises: Record<string, string>; hints: Record<string, number> };
}

describe('ipc-demo lab', () => {
  it('start writes the starter, and never over a file that is there', () => {
    const first = ipcDemo('lab', 'start', 'pipe-eof');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Wrote pipe-eof.c');
    expect(readFileSync(join(cwd, 'pipe-eof.c'), 'utf8')).toContain('int main(void)');
    writeFileSync(join(cwd, 'pipe-eof.c'), '/* my work */\n');
    const again = ipcDemo('lab', 'start', 'pipe-eof');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already here');
    expect(readFileSync(join(cwd, 'pipe-eof.c'), 'utf8')).toBe('/* my work */\n');
    expect(progress().exercises['pipe-eof']).toBe('started');
  });

  it('check fails the starter with the kernel\'s evidence, passes a fix, one JSON object each, exit 1 then 0', { skip: spawnSync('cc', ['--version']).status !== 0 }, () => {
    ipcDemo('lab', 'start', 'pipe-eof');
    const failed = ipcDemo('lab', 'check', 'pipe-eof', '--json');
    expect(failed.status).toBe(1);
    const verdict = JSON.parse(failed.stdout) as { pass: boolean; evidence: { en: string; zh: string } };
    expect(verdict.pass).toBe(false);
    expect(verdict.evidence.en).toMatch(/read\(\) at line \d+ never returned 0: the child itself \(\d+\) still holds fd 4, the pipe's write end/);
    expect(verdict.evidence.zh).toContain('写端');

    writeFileSync(join(cwd, 'mine.c'), solution);
    const passed = ipcDemo('lab', 'check', 'pipe-eof', 'mine.c');
    expect(passed.status, passed.stdout + passed.stderr).toBe(0);
    expect(passed.stdout).toContain('✓ pipe-eof: passed.');
    expect(progress().exercises['pipe-eof']).toBe('passed');
    expect(ipcDemo('lab').stdout).toMatch(/✓ pipe-eof .*\(passed\)/);
  });

  it('a program that does not compile is a failed check that shows the compiler\'s words, not a crash', { skip: spawnSync('cc', ['--version']).status !== 0 }, () => {
    writeFileSync(join(cwd, 'broken.c'), 'int main(void) { return undeclared; }\n');
    const result = ipcDemo('lab', 'check', 'pipe-eof', 'broken.c', '--json');
    expect(result.status).toBe(1);
    const verdict = JSON.parse(result.stdout) as { pass: boolean; compiled: boolean; compiler: string };
    expect(verdict).toMatchObject({ pass: false, compiled: false });
    expect(verdict.compiler).toMatch(/broken\.c:1:\d+: error: .*undeclared/);
  });

  it('a program that starts threads is a failed check that names the call and its line, not a half-traced run', { skip: spawnSync('cc', ['--version']).status !== 0 }, () => {
    writeFileSync(join(cwd, 'threads.c'), '#include <pthread.h>\nstatic void *f(void *a) { return a; }\nint main(void) {\n    pthread_t t;\n    pthread_create(&t, 0, f, 0);\n    return pthread_join(t, 0);\n}\n');
    const result = ipcDemo('lab', 'check', 'pipe-eof', 'threads.c', '--json');
    expect(result.status).toBe(1);
    const verdict = JSON.parse(result.stdout) as { pass: boolean; refused: string; found: unknown; evidence: { en: string; zh: string } };
    expect(verdict).toMatchObject({ pass: false, refused: 'threads', found: [{ call: 'pthread_create', file: 'threads.c', line: 5 }] });
    expect(verdict.evidence.zh).toContain('threads.c:5: pthread_create');
  });

  it('Ctrl-C during a check ends the program\'s processes and removes its run: exit 130, nothing left', { skip: spawnSync('cc', ['--version']).status !== 0 }, async () => {
    ipcDemo('lab', 'start', 'pipe-eof');
    const env = { ...process.env, XDG_STATE_HOME: join(home, 'state'), TMPDIR: base, XDG_RUNTIME_DIR: '' };
    const check = spawn(process.execPath, [CLI, 'lab', 'check', 'pipe-eof'], { cwd, env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => check.on('exit', (code) => resolve(code)));
    // The run is under way once its trace socket is there (the binaries' directory has none).
    for (let waited = 0; !readdirSync(base).some((name) => existsSync(join(base, name, `trace-${check.pid}.sock`))); waited += 10) {
      expect(waited, 'the check\'s run started').toBeLessThan(30_000);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    check.kill('SIGINT');
    expect(await exited).toBe(130);
  });

  it('lab | head: the reader leaving ends the listing quietly', () => {
    const env = { ...process.env, XDG_STATE_HOME: join(home, 'state'), TMPDIR: base };
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" lab | head -1`], { cwd, env, encoding: 'utf8' });
    expect(result.stdout).toMatch(/^Exercises/);
    expect(result.stderr).toBe('');
  });

  it('usage: an unknown exercise or a missing file is exit 2 with what to do', () => {
    const unknown = ipcDemo('lab', 'check', 'pipe-eo');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Did you mean 'pipe-eof'?");
    const missing = ipcDemo('lab', 'check', 'pipe-eof');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("ipc-demo lab start pipe-eof");
  });

  it('hint gives the next hint each time, and says when it was the last', () => {
    const hints = [1, 2, 3, 4].map(() => ipcDemo('lab', 'hint', 'pipe-eof').stdout);
    expect(hints[0]).toMatch(/^Hint 1 of 3:/);
    expect(hints[1]).toMatch(/^Hint 2 of 3:/);
    expect(hints[2]).toMatch(/^Hint 3 of 3:[^]*last hint/);
    expect(hints[3]).toBe(hints[2]);
    expect(ipcDemo('--lang', 'zh', 'lab', 'hint', 'pipe-eof').stdout).toMatch(/^提示 3\/3：/);
  });

  it('lab --json lists every exercise with its mechanism, titles in both languages and status', () => {
    const rows = JSON.parse(ipcDemo('lab', '--json').stdout) as { id: string; mechanism: string; title: { en: string; zh: string }; status: string }[];
    expect(new Set(rows.map((r) => r.mechanism))).toEqual(new Set(['pipe', 'anon-mem', 'signal', 'fifo', 'shm', 'msgq', 'socket']));
    for (const row of rows) expect(row).toMatchObject({ status: 'new', title: { en: expect.any(String), zh: expect.any(String) } });
  });
});

describe('ipc-demo progress', () => {
  it('a damaged progress file is set aside and named, and progress goes on', () => {
    mkdirSync(join(home, 'state', 'ipc-demo'), { recursive: true });
    writeFileSync(join(home, 'state', 'ipc-demo', 'progress.json'), '{"version": 1, "seen": ');
    const result = ipcDemo('lab', 'start', 'pipe-eof');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/set aside as .*progress\.json\.damaged-/);
    const aside = readdirSync(join(home, 'state', 'ipc-demo')).filter((name) => name.includes('damaged'));
    expect(aside).toHaveLength(1);
    expect(progress().exercises['pipe-eof']).toBe('started');
  });

  it('--reset asks first; without a terminal it needs --yes', () => {
    ipcDemo('lab', 'start', 'pipe-eof');
    const refused = ipcDemo('progress', '--reset');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(progress().exercises['pipe-eof']).toBe('started');
    expect(ipcDemo('progress', '--reset', '--yes').status).toBe(0);
    expect(progress().exercises).toEqual({});
    expect(existsSync(join(home, 'state', 'ipc-demo', 'progress.json'))).toBe(true);
  });
});
