// The native runtime's object (ipc-trace.o), compiled once and kept, per user, keyed by what it
// is made of: its compile was most of the wait before a learner's first frame (bench/native.js:
// the runtime's ~3,000 lines take cc about three times as long as a 100-line program), and it is
// the same for every program. Kept in $XDG_CACHE_HOME/ipc-demo/native (default ~/.cache), a 0700
// directory of the user's own; a cached object is used only when it is a regular file of ours
// that no one else can write. Without a usable cache directory the runtime is compiled each time.
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, realpathSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The cache's directory, or undefined when the user has none (no home, no XDG_CACHE_HOME). */
function cacheDir(): string | undefined {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && xdg.startsWith('/')) return join(xdg, 'ipc-demo', 'native');
  try {
    const home = homedir();
    return home ? join(home, '.cache', 'ipc-demo', 'native') : undefined;
  } catch {
    return undefined;
  }
}

/** The `cc` execvp() would run: its real path, size and time, so that a new compiler is a new key. */
function compilerIdentity(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      const path = realpathSync(join(dir || '.', 'cc'));
      const st = statSync(path);
      return `${path} ${st.size} ${st.mtimeMs}`;
    } catch {
      // not in this directory
    }
  }
  return 'cc';
}

/** The key: the runtime's files, the flags and the compiler. */
export function runtimeKey(files: Readonly<Record<string, string>>, flags: readonly string[]): string {
  const hash = createHash('sha256');
  for (const [name, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) hash.update(`${name}\0${text}\0`);
  hash.update(`${flags.join(' ')}\0${compilerIdentity()}\0${process.arch}`);
  return hash.digest('hex').slice(0, 32);
}

/** A regular file of ours that no one else can write. */
const ours = (path: string): boolean => {
  const st = lstatSync(path);
  return st.isFile() && st.uid === process.getuid?.() && (st.mode & 0o022) === 0;
};

/** A directory of ours that no one else can enter. */
const privateDir = (path: string): boolean => {
  const st = lstatSync(path);
  return st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o077) === 0;
};

/** The cached object for `key`, copied to `target`: true when there was one. */
export function takeCached(key: string, target: string): boolean {
  const dir = cacheDir();
  if (!dir) return false;
  try {
    const object = join(dir, `${key}.o`);
    if (!privateDir(dir) || !ours(object)) return false;
    copyFileSync(object, target);
    return true;
  } catch {
    return false;
  }
}

/**
 * `dir` and its parents, one level at a time, 0700 when made here: mkdirSync's own recursive
 * mode spins for ever on a parent the kernel refuses with ENOENT (under /proc), as seen.
 */
function makeDirs(dir: string): boolean {
  const parts = dir.split('/').filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    try {
      mkdirSync(`/${parts.slice(0, i).join('/')}`, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
  }
  return true;
}

/** Keeps `object` (just compiled) as the one for `key`: written whole under another name, then renamed, so that a reader never sees half. */
export function keep(key: string, object: string): void {
  const dir = cacheDir();
  if (!dir) return;
  try {
    if (!makeDirs(dir) || !privateDir(dir)) return;
    const partial = join(dir, `${key}.${process.pid}.partial`);
    copyFileSync(object, partial);
    chmodSync(partial, 0o600);
    renameSync(partial, join(dir, `${key}.o`));
  } catch {
    // A cache that cannot be written is no cache: the next run compiles again.
  }
}
