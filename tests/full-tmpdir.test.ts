// A full $TMPDIR: the run cannot make its private directory. It says so, in the learner's
// language, with what to do; exits 1; and leaves nothing there, not even an empty owner file
// or a lab directory (which `clean` would not touch for a minute). The full filesystem is real:
// a 64 KiB tmpfs, filled. Mounting needs root (CI runs as root); elsewhere this is skipped.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../bin/ipc-demo.js');
let mountPoint = '';
let notMounted = '';

/** Writes until the filesystem says ENOSPC. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk = Buffer.alloc(4096, 1); ; ) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

function run(args: readonly string[]): { code: number | null; stderr: string; stdout: string } {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: mountPoint };
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

beforeAll(() => {
  mountPoint = mkdtempSync(join(tmpdir(), 'ipc-full-'));
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=1777', 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mount.status !== 0) {
    notMounted = `cannot mount a tmpfs here (${(mount.stderr || mount.error?.message || '').trim()}): needs root`;
    return;
  }
  fill(join(mountPoint, 'fill'));
});

afterAll(() => {
  if (!notMounted) spawnSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe('a full $TMPDIR', () => {
  it.for([
    ['a run', ['pipe', '--plain'], 'en'],
    ['a run in Chinese', ['pipe', '--json', '--lang', 'zh'], 'zh'],
    ['lab mode', ['fifo', '--role', 'reader', '--plain'], 'en'],
    ['lab mode with a port', ['socket', '--variant', 'tcp', '--role', 'server', '--json', '--lang', 'zh'], 'zh'],
  ] as const)('%s: says there is no space and what to do, exits 1, leaves nothing', ([, args, lang], ctx) => {
    if (notMounted) return ctx.skip(notMounted);
    expect(statfsSync(mountPoint).bavail, 'the filesystem is full').toBe(0);
    const r = run(args);
    const expected = lang === 'zh' ? /^ipc-demo 无法在 .* 下建立它的私有目录：那里已经没有空间了（ENOSPC）。.*腾出一些空间.*TMPDIR=/ : /^ipc-demo cannot make its private directory under .*: no space is left there \(ENOSPC\)\. .*Free some space.*TMPDIR=/;
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(mountPoint), 'what the run left').toEqual(['fill']);
  });
});
