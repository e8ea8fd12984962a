// The first demo's runners start before the screen's modules load (src/cli/first-run.ts).
// A screen that cannot load must leave nothing of them: no process, no run directory; and
// once the screen has taken the run over, a signal must still stop every run it has.
import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageCopyPerTest } from './helpers/package-copy.js';
import { runPids, Terminal, WAIT_MS } from './helpers/terminal.js';

const pkg = packageCopyPerTest('ipc-first-run');

describe('runners started before the screen', () => {
  it('are stopped when the screen fails to load: no process, no run directory', { timeout: WAIT_MS + 5000 }, async () => {
    // Yoga's WebAssembly is loaded by the screen's modules, as a script or as a module: without it they fail.
    unlinkSync(join(pkg.dir, 'dist/yoga.wasm'));
    const terminal = (pkg.terminal = new Terminal(`env -u CI -u XDG_RUNTIME_DIR TMPDIR=${pkg.runs} node ${join(pkg.dir, 'bin/ipc-demo.js')} pipe --lang en`));
    const screen = await terminal.waitFor((s) => /EXIT=\d+/.test(s), 'the CLI to end');
    expect(screen).toMatch(/yoga\.wasm/);
    expect(/EXIT=(\d+)/.exec(screen)?.[1]).not.toBe('0');
    expect(runPids(pkg.runs)).toEqual([]);
    expect(readdirSync(pkg.runs), 'run directories left').toEqual([]);
  });
});

/** The controller started in the terminal: the node whose argv[1] is the copy's CLI. */
function controllerPid(cli: string): number {
  const pid = readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .find((n) => {
      try {
        return readFileSync(`/proc/${n}/cmdline`, 'utf8').split('\0')[1] === cli;
      } catch {
        return false;
      }
    });
  expect(pid, 'the controller').toBeDefined();
  return Number(pid);
}

/** The id of the message queue a run under `base` has made (its record in the run's directory), if any. */
function queueId(base: string): string | undefined {
  const dir = readdirSync(base).find((name) => existsSync(join(base, name, 'objects')));
  if (dir === undefined) return undefined;
  const records = readFileSync(join(base, dir, 'objects'), 'utf8').split('\n');
  return records.map((line) => line.split(' ')).find(([kind, id]) => kind === 'msg' && /^\d+$/.test(id ?? ''))?.[1];
}

describe('the run the screen took over, then another variant', () => {
  // The first run is guarded by the CLI's copy of lifecycle.ts, the next by the screen script's:
  // with a state each, the CLI's copy, whose run had ended, exited on SIGTERM at once, before
  // the screen's had removed the new run's message queue.
  it('SIGTERM: exit 143, the new run’s queue and directory removed', { timeout: 30 * WAIT_MS }, async () => {
    const cli = join(pkg.dir, 'bin/ipc-demo.js');
    const t = (pkg.terminal = new Terminal(`env -u CI -u XDG_RUNTIME_DIR TMPDIR=${pkg.runs} node ${cli} msgq --lang en`, 120, 36));
    await t.waitFor((s) => /variant types · .* step [1-9]/.test(s), 'the first run at its first step');
    await t.press('v', (s) => s.includes('Variants'), 'the variant menu');
    await t.press('Down', (s) => /› size-bug/.test(s), 'size-bug highlighted');
    await t.press('Enter', (s) => /variant size-bug · .* step [1-9]/.test(s), 'the new run at its first step');
    const step = (s: string) => Number(/· step (\d+)/.exec(s.split('\n')[0]!)?.[1]);
    for (let presses = 0; queueId(pkg.runs) === undefined; presses++) {
      expect(presses, 'steps until msgget').toBeLessThan(20);
      const before = step(t.screen());
      await t.press(' ', (s) => step(s) > before, 'the next step');
    }
    const id = queueId(pkg.runs);
    process.kill(controllerPid(cli), 'SIGTERM');
    const screen = await t.waitFor((s) => /EXIT=\d+/.test(s), 'the CLI to end');
    expect(/EXIT=(\d+)/.exec(screen)?.[1]).toBe('143');
    expect(runPids(pkg.runs)).toEqual([]);
    expect(readdirSync(pkg.runs), 'run directories left').toEqual([]);
    expect(readFileSync('/proc/sysvipc/msg', 'utf8').split('\n').slice(1).map((line) => line.trim().split(/\s+/)[1]), 'the queue').not.toContain(id);
  });
});
