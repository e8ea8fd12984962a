// Every run gets one private directory (0700): the trace socket, FIFOs and
// sockets of the demo, the ftok key file, and a record of the System V objects
// the run created, so that a later start can remove what a killed run left.
// In lab mode two terminals of one user share one such directory.
import { appendFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Text } from '../demos/types.js';
import { parseSysvTable, type SysvRow } from './kernel/sysvipc.js';

export const RUN_PREFIX = 'ipc-demo-';
export const OBJECTS_FILE = 'objects';
export const KEY_FILE = 'ipc.key';

/** Each controller using a directory leaves a file naming itself: owner-<pid>.json. */
const OWNER_PATTERN = /^owner-(\d+)\.json$/;

export interface Owner {
  readonly pid: number;
  /** Field 22 of /proc/<pid>/stat: tells a live controller from a reused pid. */
  readonly startTime: string;
}

/** Where run directories live: $XDG_RUNTIME_DIR when it is ours, else the temp dir. */
export function runBase(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg && existsSync(xdg)) {
    try {
      const st = statSync(xdg);
      if (st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o077) === 0) return xdg;
    } catch {
      // fall through to the temp dir
    }
  }
  return env.TMPDIR && existsSync(env.TMPDIR) ? env.TMPDIR : tmpdir();
}

export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: fields start after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function isAlive(owner: Owner): boolean {
  return processStartTime(owner.pid) === owner.startTime;
}

function uid(): number {
  return process.getuid?.() ?? 0;
}

/** This controller's trace socket in a run directory (lab directories hold one per terminal). */
export function traceSocketPath(dir: string): string {
  return join(dir, `trace-${process.pid}.sock`);
}

function claim(dir: string): void {
  const owner: Owner = { pid: process.pid, startTime: processStartTime(process.pid) ?? '' };
  // Written whole under another name, then renamed: a sweep by another start that reads a
  // half-written owner file takes the directory for a dead run's and removes it.
  const partial = join(dir, `.owner-${process.pid}.partial`);
  try {
    writeFileSync(partial, JSON.stringify(owner), { mode: 0o600 });
  } catch (error) {
    // A full disk (ENOSPC) lets the file be made but not written: it goes too.
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, join(dir, `owner-${process.pid}.json`));
  makeKeyFile(dir);
}

/** What ftok(3) takes from a file: the low 8 bits of its device and the low 16 of its inode (the key's low 24 bits). */
export function ftokBits(path: string): number {
  const st = statSync(path);
  return ((st.dev & 0xff) << 16) | (st.ino & 0xffff);
}

/** The low 24 bits of the key of every System V object on the machine (/proc/sysvipc is readable by all). */
function keyBitsInUse(): Set<number> {
  const bits = new Set<number>();
  for (const kind of ['shm', 'msg', 'sem']) {
    let rows: SysvRow[];
    try {
      rows = parseSysvTable(readFileSync(`/proc/sysvipc/${kind}`, 'utf8'));
    } catch {
      continue;
    }
    for (const { key } of rows) if (key) bits.add(key & 0xffffff);
  }
  return bits;
}

/**
 * The run's key file, made once: ftok() keeps only 16 bits of a file's inode, so the key files of
 * two runs can give one key, and the second run would meet the first one's objects (EACCES for
 * another user's, silently shared for one's own). Candidates are made until one gives bits no
 * object on the machine has (each kept until the end, so each has an inode of its own); the one
 * chosen is linked into place, never replaced: a second terminal in lab mode may already use it.
 */
function makeKeyFile(dir: string): void {
  const keyFile = join(dir, KEY_FILE);
  if (existsSync(keyFile)) return;
  const inUse = keyBitsInUse();
  const candidates: string[] = [];
  try {
    for (let i = 0; ; i++) {
      const candidate = join(dir, `.${KEY_FILE}-${process.pid}-${i}`);
      writeFileSync(candidate, '', { mode: 0o600, flag: 'wx' });
      candidates.push(candidate);
      if (inUse.has(ftokBits(candidate)) && i < 15) continue;
      try {
        linkSync(candidate, keyFile);
      } catch (error) {
        // EEXIST: the other terminal of a lab made it first, and it is the one both use. A
        // filesystem without hard links gets the candidate renamed into place instead.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' && !existsSync(keyFile)) renameSync(candidate, keyFile);
      }
      return;
    }
  } finally {
    for (const candidate of candidates) rmSync(candidate, { force: true });
  }
}

/** The run cannot have its private directory: says where and what to do, in both languages. */
export class RunDirError extends Error {
  override readonly name = 'RunDirError';
  readonly text: Text;

  constructor(text: Text) {
    super(text.en);
    this.text = text;
  }
}

/** How to start it elsewhere: TMPDIR, and for $XDG_RUNTIME_DIR (which comes first) an empty one. */
function elsewhere(base: string, env: NodeJS.ProcessEnv = process.env): string {
  const start = env.XDG_RUNTIME_DIR && base === env.XDG_RUNTIME_DIR ? 'XDG_RUNTIME_DIR= TMPDIR=$HOME/tmp' : 'TMPDIR=$HOME/tmp';
  // A TMPDIR that does not exist is not used: the command makes it first.
  return `mkdir -p $HOME/tmp && ${start}`;
}

/**
 * The room a run needs under its base: a few small files (owner, key, port, the record of its
 * System V objects). Less than this and it would fail later, in a runner, halfway through.
 */
const ROOM = 64 * 1024;

/** Throws ENOSPC, before anything is made, when `base` has less than ROOM free (a filesystem with no block count says nothing). */
function ensureRoom(base: string): void {
  const fs = statfsSync(base);
  if (fs.blocks > 0 && fs.bavail * fs.bsize < ROOM) throw Object.assign(new Error(`less than ${ROOM} bytes free in ${base}`), { code: 'ENOSPC', free: fs.bavail * fs.bsize });
}

/**
 * Throws RunDirError when runs cannot have their directory under `base` for lack of room: what
 * the interactive screen asks before it opens, so that the message is not lost behind it.
 */
export function checkRoom(base = runBase()): void {
  try {
    ensureRoom(base);
  } catch (error) {
    throw runDirFailure(base, error);
  }
}

/** A run directory that could not be made or written, told as what happened and what to do. */
function runDirFailure(base: string, error: unknown): RunDirError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error';
  const other = elsewhere(base);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const free = (error as { free?: number }).free;
    const kib = free ? ` ${Math.floor(free / 1024)} KiB` : '';
    return new RunDirError({
      en: `ipc-demo cannot make its private directory under ${base}: ${kib ? `only${kib} of space is left there` : 'no space is left there'} (${code}). Nothing was left behind. Free some space there, or start ipc-demo with another directory: ${other} ipc-demo …`,
      zh: `ipc-demo 无法在 ${base} 下建立它的私有目录：${kib ? `那里只剩${kib} 空间了` : '那里已经没有空间了'}（${code}）。没有留下任何东西。请在那里腾出一些空间，或者换一个目录启动 ipc-demo：${other} ipc-demo …`,
    });
  }
  return new RunDirError({
    en: `ipc-demo cannot create its private directory under ${base} (${code}). Start it with a directory you can write: ${other} ipc-demo …`,
    zh: `ipc-demo 无法在 ${base} 下创建它的私有目录（${code}）。请换一个你能写入的目录启动它：${other} ipc-demo …`,
  });
}

export function createRunDir(base = runBase()): string {
  let dir: string;
  try {
    ensureRoom(base);
    dir = mkdtempSync(join(base, `${RUN_PREFIX}${uid()}-`));
  } catch (error) {
    throw runDirFailure(base, error);
  }
  try {
    claim(dir);
  } catch (error) {
    removeRunDir(dir);
    throw runDirFailure(base, error);
  }
  return dir;
}

export class UnsafeDirectoryError extends RunDirError {}


/**
 * Lab mode: two terminals of one user meet in one directory, named by user,
 * demo and variant. It must be ours, a real directory, and 0700: another
 * user's look-alike in a shared /tmp is refused, never used.
 */
export function joinLabDir(demo: string, variant: string, base = runBase()): string {
  const dir = join(base, `${RUN_PREFIX}${uid()}-lab-${demo}-${variant}`);
  let unlock: (() => void) | null;
  try {
    unlock = lockLab(dir);
  } catch (error) {
    throw runDirFailure(base, error); // a full or read-only base: said as for the directory itself
  }
  if (!unlock) {
    throw new RunDirError({
      en: `another ipc-demo holds ${labLockPath(dir)} and does not let go; end it (or remove the file if none runs) and try again`,
      zh: `另一个 ipc-demo 占着 ${labLockPath(dir)} 不放；请结束它（若没有在运行，就删除该文件）后再试`,
    });
  }
  try {
    return joinLocked(dir, base);
  } finally {
    unlock();
  }
}

function joinLocked(dir: string, base: string): string {
  try {
    ensureRoom(base);
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw runDirFailure(base, error);
  }
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== uid() || (st.mode & 0o777) !== 0o700) {
    throw new UnsafeDirectoryError({
      en: `${dir} exists but is not a 0700 directory of yours; remove it and try again`,
      zh: `${dir} 已经存在，但不是属于你的 0700 目录；请删除它后再试`,
    });
  }
  try {
    claim(dir);
  } catch (error) {
    // Ours alone, it goes; the other terminal's, if it is there and running, stays to it.
    if (release(dir)) removeRunDir(dir);
    throw runDirFailure(base, error);
  }
  return dir;
}

/** The lock file of a lab directory: beside it, so that it outlives the directory's removal. */
export function labLockPath(dir: string): string {
  return `${dir}.lock`;
}

const LOCK_WAIT_MS = 10_000;

/** Blocks the thread for `ms` (a lock is held for milliseconds: no event loop turn is worth it). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Lab mode's lock: a terminal joins (makes or finds the directory, claims it) and the last one
 * out leaves (releases, finds no one, removes the objects and the directory) each under it. A
 * terminal that joins while the other leaves so comes before the other looks (and the other is
 * not the last) or after the removal (and makes a new directory), never between: without it, it
 * claimed a directory about to go, and met objects about to be removed. The lock is a file beside
 * the directory, linked into place whole (EEXIST: held) and naming its holder; a dead holder's
 * (killed in those milliseconds) is taken over. Returns the unlock, or null after 10 s held by a
 * live process.
 */
export function lockLab(dir: string): (() => void) | null {
  const lock = labLockPath(dir);
  const mine = `${lock}.${process.pid}`;
  const owner: Owner = { pid: process.pid, startTime: processStartTime(process.pid) ?? '' };
  try {
    writeFileSync(mine, JSON.stringify(owner), { mode: 0o600 });
  } catch (error) {
    rmSync(mine, { force: true }); // a full disk lets the file be made, not written
    throw error;
  }
  try {
    for (let waited = 0; waited < LOCK_WAIT_MS; waited += 5) {
      try {
        linkSync(mine, lock);
        return () => rmSync(lock, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let holder: Owner | null = null;
      try {
        holder = JSON.parse(readFileSync(lock, 'utf8')) as Owner;
      } catch {
        continue; // let go this instant: try again at once
      }
      if (!isAlive(holder)) rmSync(lock, { force: true });
      else pause(5);
    }
    return null;
  } finally {
    rmSync(mine, { force: true });
  }
}

/**
 * Lab locks left by a controller killed while it held one (or was taking one): removed when
 * their holder is dead. Returns their names.
 */
export function removeStaleLabLocks(base = runBase()): string[] {
  return namesIn(base)
    .filter((name) => name.startsWith(`${RUN_PREFIX}${uid()}-lab-`) && /\.lock(\.\d+)?$/.test(name))
    .filter((name) => {
      const path = join(base, name);
      try {
        if (isAlive(JSON.parse(readFileSync(path, 'utf8')) as Owner)) return false;
      } catch {
        return false; // gone this instant, or a candidate being written
      }
      rmSync(path, { force: true });
      return true;
    });
}

/** The names in a directory; none when it cannot be read (gone, or never made). */
export function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The controllers that still use a directory. */
export function liveOwners(dir: string): Owner[] {
  return namesIn(dir)
    .filter((name) => OWNER_PATTERN.test(name))
    .flatMap((name) => {
      try {
        const owner = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Owner;
        return isAlive(owner) ? [owner] : [];
      } catch {
        return [];
      }
    });
}

/** This controller leaves the directory; true when no live controller is left in it. */
export function release(dir: string): boolean {
  rmSync(join(dir, `owner-${process.pid}.json`), { force: true });
  rmSync(traceSocketPath(dir), { force: true });
  return liveOwners(dir).length === 0;
}

export interface RecordedObject {
  readonly kind: 'shm' | 'msg' | 'sem';
  /**
   * The id the get call returned; null for an intent, recorded before the call by its key:
   * a process killed (SIGKILL) between the call's return and its record still leaves a trace.
   */
  readonly id: number | null;
  readonly key: number;
}

/** Appends one object to the run's record: a single short write, safe from several processes. */
export function recordObject(dir: string, kind: RecordedObject['kind'], id: number | null, key: number): void {
  appendFileSync(join(dir, OBJECTS_FILE), `${kind} ${id ?? '?'} ${key}\n`, { mode: 0o600 });
}

export function readObjects(dir: string): RecordedObject[] {
  let text: string;
  try {
    text = readFileSync(join(dir, OBJECTS_FILE), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f): f is [RecordedObject['kind'], string, string] => f.length === 3 && ['shm', 'msg', 'sem'].includes(f[0]!))
    .map(([kind, id, key]) => ({ kind, id: id === '?' ? null : Number(id), key: Number(key) }));
}

/** The run directories of this user under `base` whose controllers are all dead. */
export function deadRuns(base = runBase()): string[] {
  return namesIn(base)
    .filter((name) => name.startsWith(`${RUN_PREFIX}${uid()}-`))
    .map((name) => join(base, name))
    .filter(isDeadRun);
}

/** Whether `dir` is a run directory of ours whose controllers are all dead. */
export function isDeadRun(dir: string): boolean {
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory() || st.uid !== uid()) return false;
    if (liveOwners(dir).length > 0) return false;
    // A directory with no owner file at all may be a run being created this instant: leave young ones.
    const owned = readdirSync(dir).some((name) => OWNER_PATTERN.test(name));
    return owned || Date.now() - st.mtimeMs > 60_000;
  } catch {
    return false;
  }
}

/** Whether `dir` is a lab directory (two terminals share it, under lockLab). */
export function isLabDir(dir: string): boolean {
  return basename(dir).startsWith(`${RUN_PREFIX}${uid()}-lab-`);
}

export function removeRunDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
