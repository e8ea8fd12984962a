// The runtime's object is compiled once per user and kept, keyed by what it is made of
// (src/runtime/native-cache.ts): the next program's build takes it instead of compiling the
// runtime again, and an object someone else could have written is not taken. Real cc.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ccOnPath } from '../../src/cli/native.js';
import { runtimeKey } from '../../src/runtime/native-cache.js';
import { compileRuntime } from '../../src/runtime/native-build.js';

let base = '';
const saved = process.env.XDG_CACHE_HOME;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'ipc-demo-native-cache-'));
  process.env.XDG_CACHE_HOME = join(base, 'cache');
});

afterEach(() => {
  process.env.XDG_CACHE_HOME = saved;
  rmSync(base, { recursive: true, force: true });
});

const runDir = (name: string) => mkdtempSync(join(base, `${name}-`));
const cached = () => join(base, 'cache', 'ipc-demo', 'native');

describe.skipIf(!ccOnPath())('the runtime object’s cache', () => {
  it('is made on the first build (0700, the object 0600), and the second build takes the object from it, not from cc', async () => {
    const first = runDir('first');
    expect((await compileRuntime(first)).ok).toBe(true);
    const objects = readdirSync(cached());
    expect(objects).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.o$/)]);
    expect(statSync(cached()).mode & 0o777).toBe(0o700);
    expect(statSync(join(cached(), objects[0]!)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(first, 'ipc-trace.o'))).toEqual(readFileSync(join(cached(), objects[0]!)));
    // Marked, the cached object is what the next build gets: cc did not make it.
    writeFileSync(join(cached(), objects[0]!), Buffer.concat([readFileSync(join(first, 'ipc-trace.o')), Buffer.from('cached')]), { mode: 0o600 });
    const second = runDir('second');
    expect((await compileRuntime(second)).ok).toBe(true);
    expect(readFileSync(join(second, 'ipc-trace.o')).subarray(-6).toString()).toBe('cached');
  });

  it('an object others could write is not taken: the runtime is compiled again', async () => {
    expect((await compileRuntime(runDir('first'))).ok).toBe(true);
    const [object] = readdirSync(cached());
    writeFileSync(join(cached(), object!), 'not an object', { mode: 0o600 });
    chmodSync(join(cached(), object!), 0o666);
    const second = runDir('second');
    expect((await compileRuntime(second)).ok).toBe(true);
    expect(readFileSync(join(second, 'ipc-trace.o')).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  });

  it('a cache directory that cannot be made is no cache: the runtime is compiled, and nothing spins (recursive mkdir under /proc did)', async () => {
    process.env.XDG_CACHE_HOME = '/proc/ipc-demo-test-no-cache';
    const dir = runDir('run');
    expect((await compileRuntime(dir)).ok).toBe(true);
    expect(readFileSync(join(dir, 'ipc-trace.o')).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  }, 20_000);

  it('is keyed by the runtime’s text and the flags', () => {
    const files = { 'ipc-trace.c': 'int x;' };
    expect(runtimeKey(files, ['-O0'])).toBe(runtimeKey({ ...files }, ['-O0']));
    expect(runtimeKey(files, ['-O0'])).not.toBe(runtimeKey(files, ['-O2']));
    expect(runtimeKey(files, ['-O0'])).not.toBe(runtimeKey({ 'ipc-trace.c': 'int y;' }, ['-O0']));
  });
});
