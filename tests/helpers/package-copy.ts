// The built package (bin, dist, package.json, its node_modules linked) copied into a folder of
// its own for each test, which the test may change or break, with a folder of its own for
// the runs' directories; both removed after the test, with the terminal it opened.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import type { Terminal } from './terminal.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface PackageCopy {
  /** The copy's folder. */
  readonly dir: string;
  /** The TMPDIR its runs use. */
  readonly runs: string;
  /** The test's terminal, closed after it. */
  terminal: Terminal | null;
}

/** Registers the per-test copy under `prefix`; the returned object is filled in before each test. */
export function packageCopyPerTest(prefix: string): PackageCopy {
  const state = { dir: '', runs: '', terminal: null as Terminal | null };
  beforeEach(() => {
    state.dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    state.runs = mkdtempSync(join(tmpdir(), `${prefix}-runs-`));
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(root, part), join(state.dir, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(state.dir, 'node_modules'));
  });
  afterEach(() => {
    state.terminal?.close();
    state.terminal = null;
    rmSync(state.dir, { recursive: true, force: true });
    rmSync(state.runs, { recursive: true, force: true });
  });
  return state;
}
