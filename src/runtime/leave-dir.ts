// How a controller leaves its run's directory at the end. The last one out (in lab mode two
// terminals share it) removes the System V objects recorded in it, then the directory.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { leaveWord } from './lab-word.js';
import { lockLab, namesIn, release, removeRunDir } from './run-dir.js';
import { recordedObjectsLeft, removeRecordedObjects } from './sysv-cleanup.js';

/**
 * Lab mode's lock on the shared directory. Leaving goes on without it when it cannot be had: a
 * holder stuck past 10 s, or a disk too full for the lock's file, must not keep the removal back.
 */
function lock(dir: string, lab: boolean): () => void {
  if (!lab) return () => undefined;
  try {
    return lockLab(dir) ?? (() => undefined);
  } catch {
    return () => undefined;
  }
}

export interface RemovedPath {
  readonly path: string;
  readonly type: 'fifo' | 'socket';
}

export interface Left {
  /** The System V objects removed: `<kind> <id> (key 0x…)`. */
  readonly removed: readonly string[];
  /** Those that could not be, with why. */
  readonly failed: readonly string[];
  /** The FIFOs and sockets the demo's programs left in the directory, removed with it. */
  readonly paths: readonly RemovedPath[];
  /** Lab mode: the other terminal still uses the directory, which stays to it with what is in it. */
  readonly sharedKept: boolean;
}

/** The FIFOs and sockets in `dir` that are the demo's: the controllers' trace sockets are not. */
function demoPaths(dir: string): RemovedPath[] {
  return namesIn(dir)
    .filter((name) => !/^trace-\d+\.sock$/.test(name))
    .flatMap((name): RemovedPath[] => {
      const path = join(dir, name);
      try {
        const st = lstatSync(path);
        if (st.isFIFO()) return [{ path, type: 'fifo' }];
        return st.isSocket() ? [{ path, type: 'socket' }] : [];
      } catch {
        return [];
      }
    });
}

/**
 * Leaves `dir`; if no other controller still uses it, removes its objects and then the
 * directory. Out first, then look: of two terminals ending at once, one at least finds the other
 * gone (looking first, each could find the other still there, and leave it all to it). Under the
 * lab's lock: a terminal joining now waits until the directory has gone, and makes a new one.
 * What could not be removed keeps its record, for `ipc-demo clean` and the next start's sweep.
 * `finished`: this terminal's roles, when its programs ran to their end (lab-word.ts).
 */
export async function leaveRunDir(dir: string, lab: boolean, finished: readonly string[] | null = null): Promise<Left> {
  const unlock = lock(dir, lab);
  try {
    if (!release(dir)) return { removed: [], failed: [], paths: [], sharedKept: true };
    const { removed, failed } = await removeRecordedObjects(dir);
    if (failed.length > 0) return { removed, failed, paths: [], sharedKept: false };
    const paths = demoPaths(dir);
    if (lab && finished) leaveWord(dir, finished);
    removeRunDir(dir);
    return { removed, failed, paths, sharedKept: false };
  } finally {
    unlock();
  }
}

/**
 * Leaves `dir` on an exit that cannot wait (the objects' removal loads libc): the last one out
 * removes the directory only if no recorded object is left in it; else the record stays for the
 * next start's sweep.
 */
export function leaveRunDirNow(dir: string, lab: boolean, keepObjects: boolean): void {
  if (keepObjects && recordedObjectsLeft(dir)) return;
  const unlock = lock(dir, lab);
  try {
    if (release(dir)) removeRunDir(dir);
  } finally {
    unlock();
  }
}
