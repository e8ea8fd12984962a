// The CLI and its interactive screen each ship as a script with a V8 code cache made by the build
// (src/script-cache.ts), and as ES modules. The CLI built here must use both caches; without a
// cache that belongs to this V8 and this script, the CLI starts as its ES module, and the screen
// loads as its ES module chunk (or, in the CLI's script, as its script compiled without the cache).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageCopyPerTest } from './helpers/package-copy.js';
import { runPids, Terminal } from './helpers/terminal.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = packageCopyPerTest('ipc-ui-script');

const cacheLine = (dir: string, name: string) =>
  execFileSync(process.execPath, [join(dir, 'bin/ipc-demo.js'), 'doctor'], { encoding: 'utf8', env: { ...process.env, TMPDIR: pkg.runs } })
    .split('\n')
    .find((line) => line.includes(`${name} code cache`));

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

it('both caches are used by the CLI as built', () => {
  expect(cacheLine(root, 'CLI')).toMatch(/^ok +CLI code cache: in use/);
  expect(cacheLine(root, 'screen')).toMatch(/^ok +screen code cache: in use/);
});

for (const [script, name, instead] of [
  ['cli-script.js', 'CLI', /the CLI starts as an ES module/],
  ['ui-script.js', 'screen', /the screen’s script compiles without it/],
] as const) {
  describe(`the ${name}’s script and its code cache`, () => {
    it('made for another build of the script (same length, as V8 alone would let through): not used', async () => {
      const file = join(pkg.dir, 'dist', script);
      const source = readFileSync(file, 'utf8');
      const changed = source.replace('__ipcExports) {\n', '__ipcExports) { ');
      expect(changed).not.toBe(source);
      expect(changed.length).toBe(source.length);
      writeFileSync(file, changed);
      expect(cacheLine(pkg.dir, name)).toMatch(new RegExp(`^warn +${name} code cache: the cache was made by another Node or for another build of the script, or is damaged.*${instead.source}`));
      await openScreen(pkg.dir);
    });

    it('missing: not used', async () => {
      unlinkSync(join(pkg.dir, 'dist', `${script}.cache`));
      expect(cacheLine(pkg.dir, name)).toMatch(new RegExp(`^warn +${name} code cache: no cache file.*${instead.source}`));
      await openScreen(pkg.dir);
    });

    it('damaged: not used (V8 would take it and crash)', async () => {
      const cache = join(pkg.dir, 'dist', `${script}.cache`);
      const bytes = readFileSync(cache);
      bytes.fill(0x55, 32 + 64); // V8's own header stays whole, the code after it is garbage
      writeFileSync(cache, bytes);
      expect(cacheLine(pkg.dir, name)).toMatch(new RegExp(`^warn +${name} code cache: the cache was made by another Node or for another build of the script, or is damaged`));
      await openScreen(pkg.dir);
    });
  });
}

it('with neither cache: the CLI starts as a module and the screen loads as one', async () => {
  for (const script of ['cli-script.js', 'ui-script.js']) unlinkSync(join(pkg.dir, 'dist', `${script}.cache`));
  expect(cacheLine(pkg.dir, 'screen')).toMatch(/^warn +screen code cache: no cache file next to the script: the screen loads as an ES module/);
  await openScreen(pkg.dir);
});
