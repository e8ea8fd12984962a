// What dead runs left: a controller killed with SIGKILL cannot clean up after
// itself. Its directory names the controller; if that process is gone, the
// directory's recorded System V objects and the directory itself are removed.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { removeOldWords } from './lab-word.js';
import { deadRuns, isDeadRun, isLabDir, lockLab, removeRunDir, removeStaleLabLocks, runBase } from './run-dir.js';
import { removeRecordedObjects } from './sysv-cleanup.js';

export interface SweptRun {
  readonly dir: string;
  /** What was in it: FIFOs, sockets, key files. */
  readonly files: readonly string[];
  readonly objects: readonly string[];
  /** Objects still there that could not be removed, with why: the directory is kept, their record. */
  readonly failed: readonly string[];
}

/** `allWords`: lab words for a terminal still to come are removed whatever their age (`ipc-demo clean`). */
export async function sweepDeadRuns(base = runBase(), allWords = false): Promise<SweptRun[]> {
  const swept: SweptRun[] = [];
  removeStaleLabLocks(base);
  removeOldWords(base, process.getuid?.() ?? 0, allWords);
  for (const dir of deadRuns(base)) {
    const run = await sweepUnderLock(dir);
    if (run) swept.push(run);
  }
  return swept;
}

/**
 * A lab directory is swept under the lab's lock, and only if it is still dead then: a terminal
 * joining it (under the lock) claims it a moment after it was seen dead, and a sweep that went on
 * removed the directory under it (its trace socket gone, its `listen()` failed: an internal error).
 */
async function sweepUnderLock(dir: string): Promise<SweptRun | null> {
  if (!isLabDir(dir)) return sweepOne(dir);
  let unlock: (() => void) | null;
  try {
    unlock = lockLab(dir);
  } catch {
    return null; // no room for the lock's file: the next sweep
  }
  if (!unlock) return null; // held by a live terminal past 10 s: the next sweep
  try {
    return isDeadRun(dir) ? await sweepOne(dir) : null;
  } finally {
    unlock();
  }
}

async function sweepOne(dir: string): Promise<SweptRun> {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((name) => !/^owner-\d+\.json$/.test(name) && name !== 'objects');
  } catch {
    // already gone
  }
  const { removed, failed } = await removeRecordedObjects(dir);
  if (failed.length === 0) removeRunDir(dir);
  return { dir: basename(dir), files, objects: removed, failed };
}
