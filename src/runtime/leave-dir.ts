// How a controller leaves its run's directory at the end. The last one out (in lab mode two
// terminals share it) removes the System V objects recorded in it, then the directory.
import { lockLab, release, removeRunDir } from './run-dir.js';
import { recordedObjectsLeft, removeRecordedObjects } from './sysv-cleanup.js';

/** Lab mode's lock on the shared directory; a holder stuck past 10 s does not stop the removal. */
function lock(dir: string, lab: boolean): () => void {
  return (lab ? lockLab(dir) : null) ?? (() => undefined);
}

/**
 * Leaves `dir`; if no other controller still uses it, removes its objects and then the
 * directory. Out first, then look: of two terminals ending at once, one at least finds the other
 * gone (looking first, each could find the other still there, and leave it all to it). Under the
 * lab's lock: a terminal joining now waits until the directory has gone, and makes a new one.
 * What could not be removed keeps its record, for `ipc-demo clean` and the next start's sweep.
 */
export async function leaveRunDir(dir: string, lab: boolean): Promise<{ readonly removed: readonly string[]; readonly failed: readonly string[] }> {
  const unlock = lock(dir, lab);
  try {
    if (!release(dir)) return { removed: [], failed: [] };
    const result = await removeRecordedObjects(dir);
    if (result.failed.length === 0) removeRunDir(dir);
    return result;
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
