// The interactive screen ships as dist/ui-script.js with a V8 code cache made by the
// build (src/ui/load-interactive.ts), and as an ES module chunk. The CLI built here must
// use the cache; without one that belongs to this V8 and this script, it imports the chunk.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageCopyPerTest } from './helpers/package-copy.js';
import { runPids, Terminal } from './helpers/terminal.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = packageCopyPerTest('ipc-ui-script');

const cacheLine = (dir: string) =>
  execFileSync(process.execPath, [join(dir, 'bin/ipc-demo.js'), 'doctor'], { encoding: 'utf8', env: { ...process.env, TMPDIR: pkg.runs } })
    .split('\n')
    .find((line) => line.includes('screen code cache'));

/** Opens the pipe demo's screen from `dir`, takes a step, quits with q. */
async function openScreen(dir: string): Promise<void> {
  const terminal = (pkg.terminal = new Terminal(`env -u CI TMPDIR=${pkg.runs} node ${join(dir, 'bin/ipc-demo.js')} pipe --lang en`));
  await terminal.waitFor((s) => s.includes('─ pipe.c ') && /P► .*pipe\(fd\)/.test(s), 'the first frame');
  await terminal.press(' ', (s) => !/P► .*pipe\(fd\)/.test(s), 'the next step');
  await terminal.press('q', (s) => /EXIT=\d+/.test(s), 'the shell');
  expect(/EXIT=(\d+)/.exec(terminal.screen())?.[1]).toBe('0');
  expect(runPids(pkg.runs)).toEqual([]);
  expect(readdirSync(pkg.runs), 'run directories left by doctor or the screen').toEqual([]);
}

describe('the screen’s script and its code cache', () => {
  it('is used by the CLI as built', () => {
    expect(cacheLine(root)).toMatch(/^ok +screen code cache: in use/);
  });

  it('made for another build of the script (same length, as V8 alone would let through): not used, the screen loads as a module', async () => {
    const script = join(pkg.dir, 'dist/ui-script.js');
    const source = readFileSync(script, 'utf8');
    const changed = source.replace('__ipcExports) {\n', '__ipcExports) { ');
    expect(changed).not.toBe(source);
    expect(changed.length).toBe(source.length);
    writeFileSync(script, changed);
    expect(cacheLine(pkg.dir)).toMatch(/^warn +screen code cache: the cache was made by another Node or for another build of the script, or is damaged/);
    await openScreen(pkg.dir);
  });

  it('missing: the screen loads as a module', async () => {
    unlinkSync(join(pkg.dir, 'dist/ui-script.js.cache'));
    expect(cacheLine(pkg.dir)).toMatch(/^warn +screen code cache: no cache file/);
    await openScreen(pkg.dir);
  });

  it('damaged: not used (V8 would take it and crash), the screen loads as a module', async () => {
    const cache = join(pkg.dir, 'dist/ui-script.js.cache');
    const bytes = readFileSync(cache);
    bytes.fill(0x55, 32 + 64); // V8's own header stays whole, the code after it is garbage
    writeFileSync(cache, bytes);
    expect(cacheLine(pkg.dir)).toMatch(/^warn +screen code cache: the cache was made by another Node or for another build of the script, or is damaged/);
    await openScreen(pkg.dir);
  });
});
