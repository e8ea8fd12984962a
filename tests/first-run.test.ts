// The first demo's runners start before the screen's modules load (src/cli/first-run.ts).
// A screen that cannot load must leave nothing of them: no process, no run directory.
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPids, Terminal, WAIT_MS } from './helpers/terminal.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let copy = '';
let runs = '';
let terminal: Terminal | null = null;

/** The built package in a folder of its own, which the test breaks. */
beforeEach(() => {
  copy = mkdtempSync(join(tmpdir(), 'ipc-first-run-'));
  runs = mkdtempSync(join(tmpdir(), 'ipc-first-run-runs-'));
  for (const part of ['bin', 'dist', 'package.json']) cpSync(join(root, part), join(copy, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
});

afterEach(() => {
  terminal?.close();
  terminal = null;
  rmSync(copy, { recursive: true, force: true });
  rmSync(runs, { recursive: true, force: true });
});

describe('runners started before the screen', () => {
  it('are stopped when the screen fails to load: no process, no run directory', { timeout: WAIT_MS + 5000 }, async () => {
    // Yoga's WebAssembly is loaded by the screen's modules, as a script or as a module: without it they fail.
    unlinkSync(join(copy, 'dist/yoga.wasm'));
    terminal = new Terminal(`env -u CI -u XDG_RUNTIME_DIR TMPDIR=${runs} node ${join(copy, 'bin/ipc-demo.js')} pipe --lang en`);
    const screen = await terminal.waitFor((s) => /EXIT=\d+/.test(s), 'the CLI to end');
    expect(screen).toMatch(/yoga\.wasm/);
    expect(/EXIT=(\d+)/.exec(screen)?.[1]).not.toBe('0');
    expect(runPids(runs)).toEqual([]);
    expect(readdirSync(runs), 'run directories left').toEqual([]);
  });
});
