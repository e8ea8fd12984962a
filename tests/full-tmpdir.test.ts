// A full $TMPDIR (XDG_RUNTIME_DIR unset): the run cannot make its private directory. It says so,
// in the learner's language, with what to do; exits 1; and leaves nothing there, not even an empty
// owner file or a lab directory (which `clean` would not touch for a minute). The filesystems are
// real: small tmpfs mounts, filled. Mounting needs root (CI runs as root); elsewhere this is skipped.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, Terminal } from './helpers/terminal.js';

let root = '';
let notMounted = '';

/**
 * Three small filesystems, each full in its own way: no block left; 4 KiB left (the owner file
 * fits, then a port file or the record of a System V object would not, in the middle of the
 * run); and two inodes left (the directory and its owner file, then not the key file).
 */
const FILESYSTEMS = {
  full: { options: 'size=64k', leave: 'nothing' },
  nearly: { options: 'size=64k', leave: '4 KiB' },
  inodes: { options: 'size=1m,nr_inodes=8', leave: 'two inodes' },
  xdg: { options: 'size=64k,mode=0700', leave: 'nothing' },
} as const;
type Filesystem = keyof typeof FILESYSTEMS;

const at = (fs: Filesystem) => join(root, fs);

/** Writes until the filesystem says ENOSPC. */
function fillBlocks(path: string, leave: number): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk = Buffer.alloc(4096, 1); ; ) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  if (leave > 0) truncateSync(path, statSync(path).size - leave);
}

/** Makes files until no inode is left, then frees two. */
function fillInodes(dir: string): void {
  const made: string[] = [];
  try {
    for (let i = 0; ; i++) {
      closeSync(openSync(join(dir, `fill-${i}`), 'wx'));
      made.push(`fill-${i}`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  for (const name of made.slice(0, 2)) rmSync(join(dir, name));
}

function run(fs: Filesystem, args: readonly string[]): { code: number | null; stderr: string; stdout: string } {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: at(fs) };
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ipc-full-'));
  for (const [fs, { options }] of Object.entries(FILESYSTEMS)) {
    mkdirSync(at(fs as Filesystem));
    const mode = options.includes('mode=') ? '' : ',mode=1777';
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `${options}${mode}`, 'tmpfs', at(fs as Filesystem)], { encoding: 'utf8' });
    if (mount.status !== 0) {
      notMounted = `cannot mount a tmpfs here (${(mount.stderr || mount.error?.message || '').trim()}): needs root`;
      return;
    }
  }
  fillBlocks(join(at('full'), 'fill'), 0);
  fillBlocks(join(at('nearly'), 'fill'), 4096);
  fillInodes(at('inodes'));
  fillBlocks(join(at('xdg'), 'fill'), 0);
});

afterAll(() => {
  for (const fs of Object.keys(FILESYSTEMS)) spawnSync('umount', [at(fs as Filesystem)]);
  rmSync(root, { recursive: true, force: true });
});

const NO_SPACE = {
  en: /^ipc-demo cannot make its private directory under .*: (no space is left there|only 4 KiB of space is left there) \(ENOSPC\)\. Nothing was left behind\. Free some space there, or start ipc-demo with another directory: mkdir -p \$HOME\/tmp && TMPDIR=\$HOME\/tmp ipc-demo …\n$/,
  zh: /^ipc-demo 无法在 .* 下建立它的私有目录：(那里已经没有空间了|那里只剩 4 KiB 空间了)（ENOSPC）。没有留下任何东西。请在那里腾出一些空间，或者换一个目录启动 ipc-demo：mkdir -p \$HOME\/tmp && TMPDIR=\$HOME\/tmp ipc-demo …\n$/,
};

describe('a full $TMPDIR', () => {
  it.for([
    ['full', 'a run', ['pipe', '--plain'], 'en'],
    ['full', 'a run in Chinese', ['pipe', '--json', '--lang', 'zh'], 'zh'],
    ['full', 'lab mode', ['fifo', '--role', 'reader', '--plain'], 'en'],
    ['nearly', 'lab mode with a port', ['socket', '--variant', 'tcp', '--role', 'server', '--json', '--lang', 'zh'], 'zh'],
    ['nearly', 'a run that records System V objects', ['shm', '--plain'], 'en'],
    ['inodes', 'a run', ['pipe', '--plain'], 'en'],
    ['inodes', 'lab mode', ['msgq', '--role', 'receiver', '--plain'], 'en'],
  ] as const)('%s, %s: says there is no space and what to do, exits 1, leaves nothing', ([fs, , args, lang], ctx) => {
    if (notMounted) return ctx.skip(notMounted);
    const before = readdirSync(at(fs)).sort();
    const r = run(fs, args);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(NO_SPACE[lang]);
    expect(readdirSync(at(fs)).sort(), 'what the run left').toEqual(before);
  });

  it('a full $XDG_RUNTIME_DIR (which comes before TMPDIR): the command to start elsewhere empties it', (ctx) => {
    if (notMounted) return ctx.skip(notMounted);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_RUNTIME_DIR: at('xdg'), TMPDIR: root };
    const r = spawnSync(process.execPath, [CLI, 'pipe', '--plain'], { env, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`under ${at('xdg')}: no space is left there (ENOSPC)`);
    expect(r.stderr).toContain('mkdir -p $HOME/tmp && XDG_RUNTIME_DIR= TMPDIR=$HOME/tmp ipc-demo …');
    expect(readdirSync(at('xdg'))).toEqual(['fill']);
  });

  it('full, the interactive screen: says so before the screen opens, in a terminal, exits 1, leaves nothing', async (ctx) => {
    if (notMounted) return ctx.skip(notMounted);
    const t = new Terminal(`env -u CI -u XDG_RUNTIME_DIR TMPDIR=${at('full')} node ${CLI} pipe`, 200, 20);
    try {
      const screen = await t.waitFor((s) => s.includes('EXIT='), 'the program to end');
      expect(screen.replace(/\n(?!EXIT)/g, '')).toMatch(/ipc-demo cannot make its private directory under .*no space is left there \(ENOSPC\)\. Nothing was left behind\..*EXIT=1/s);
    } finally {
      t.close();
    }
    expect(readdirSync(at('full'))).toEqual(['fill']);
  });
});
