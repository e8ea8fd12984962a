// What a user gets from the registry: the packed tarball, run with npx in an
// empty folder. Only koffi is installed with it, and no install script runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNothingLeftOf, RunTrace } from './helpers/leftovers.js';
import { runPids, Terminal } from './helpers/terminal.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let work = '';
let tarball = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ipc-pack-'));
  const packed = spawnSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
  expect(packed.status, packed.stderr).toBe(0);
  tarball = join(work, packed.stdout.trim().split('\n').at(-1)!);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the bundles and the launcher, no sources, tests or node_modules', () => {
    const files = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(files).toContain('package/bin/ipc-demo.js');
    expect(files).toContain('package/dist/cli.js');
    expect(files).toContain('package/dist/runner.cjs');
    expect(files).toContain('package/dist/yoga.wasm');
    expect(files).toContain('package/dist/ui-script.js');
    expect(files).toContain('package/dist/ui-script.js.cache');
    expect(files.filter((f) => !/^package\/(bin\/|dist\/|package\.json$|README\.md$|LICENSE)/.test(f))).toEqual([]);
  });

  it('runs with npx in an empty folder: a demo of each section, to the end, nothing left', () => {
    const empty = join(work, 'empty');
    const runs = join(work, 'tmp');
    mkdirSync(empty);
    mkdirSync(runs);
    const trace = new RunTrace();
    for (const demo of ['pipe', 'shm']) {
      const r = spawnSync('npx', ['--yes', '--package', tarball, 'ipc-demo', demo, '--plain'], {
        cwd: empty,
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: runs, XDG_RUNTIME_DIR: '', npm_config_ignore_scripts: 'true' },
        timeout: 120_000,
      });
      trace.addTranscript(r.stdout);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/exited 0 · \S+: exited 0\n$/);
    }
    expect(readdirSync(empty)).toEqual([]);
    // The transcript names every process and the ids shmget and semget returned: none of them is left.
    expect(trace.ids.shm.size + trace.ids.sem.size).toBeGreaterThanOrEqual(2);
    expectNothingLeftOf(trace, runs, (n) => n.startsWith('ipc-demo-'));
  }, 2 * 120_000 + 30_000);

  it('opens the screen from the tarball in a real terminal: Ink, React and Yoga’s WebAssembly come from dist', async () => {
    const empty = join(work, 'empty-screen');
    const runs = join(work, 'tmp-screen');
    mkdirSync(empty);
    mkdirSync(runs);
    const t = new Terminal(`cd ${empty} && env -u CI TMPDIR=${runs} XDG_RUNTIME_DIR= npm_config_ignore_scripts=true npx --yes --package ${tarball} ipc-demo pipe`);
    try {
      const first = await t.waitFor((s) => (s.includes('Anonymous pipe') && s.includes('─ pipe.c ')) || /EXIT=\d+/.test(s), 'the first frame', 120_000);
      expect(first, 'the program ended before its first frame').not.toMatch(/EXIT=\d+/);
      await t.press(' ', (s) => /P►\s+if \(fork|P►\s+pid_t pid = fork/.test(s) || / step [2-9] /.test(s.split('\n')[0]!), 'a step');
      const s = await t.press('q', (x) => /EXIT=\d+/.test(x), 'the shell');
      expect(Number(/EXIT=(\d+)/.exec(s)?.[1])).toBe(0);
    } finally {
      t.close();
    }
    expect(readdirSync(empty)).toEqual([]);
    expect(readdirSync(runs).filter((n) => n.startsWith('ipc-demo-'))).toEqual([]);
    expect(runPids(runs)).toEqual([]);
  }, 240_000);
});
