// System V objects outlive their processes. The runtime records each one a run
// creates (kind, id, key); whatever still exists at the end, with the same id
// and key and owned by us, is removed here and reported.
import { readFileSync } from 'node:fs';
import { readObjects, type RecordedObject } from './run-dir.js';
import { parseSysvTable } from './kernel/sysvipc.js';
import { recordedPathsLeft, removeRecordedPaths } from './path-cleanup.js';

const ID_COLUMN = { shm: 'shmid', msg: 'msqid', sem: 'semid' } as const;

/**
 * The ids of a recorded object still there, ours: by id and key, or for an intent (no id) by key
 * alone — the key is ftok() of a file in the run's private directory, so it is the run's own.
 */
function stillThere(object: RecordedObject): number[] {
  let text: string;
  try {
    text = readFileSync(`/proc/sysvipc/${object.kind}`, 'utf8');
  } catch {
    return [];
  }
  const uid = process.getuid?.() ?? 0;
  if (object.id === null && object.key === 0) return []; // IPC_PRIVATE: no key to find it by
  return parseSysvTable(text)
    .filter((row) => (object.id === null || row[ID_COLUMN[object.kind]] === object.id) && row.key === object.key && row.uid === uid)
    .map((row) => row[ID_COLUMN[object.kind]]!);
}

/** Whether any object the run recorded is still there (synchronous, for exit paths). */
export function recordedObjectsLeft(dir: string): boolean {
  return readObjects(dir).some((object) => stillThere(object).length > 0) || recordedPathsLeft(dir);
}

export interface Cleanup {
  /** A line for each object removed. */
  readonly removed: string[];
  /** A line for each object still there that could not be removed, with why. */
  readonly failed: string[];
}

/**
 * Removes the run's leftover objects, and says what it removed and what it could not: System V
 * objects, and the FIFOs and socket files a C program made outside the run's directory.
 */
export async function removeRecordedObjects(dir: string): Promise<Cleanup> {
  const { removed, failed } = removeRecordedPaths(dir);
  const seen = new Set<string>();
  for (const object of readObjects(dir)) {
    for (const id of stillThere(object)) {
      const name = `${object.kind} ${id} (key 0x${(object.key >>> 0).toString(16).padStart(8, '0')})`;
      if (seen.has(name)) continue;
      seen.add(name);
      try {
        // Loaded only when there is something to remove: the controller otherwise never loads libc.
        const { removeSysvObject } = await import('../ffi/sys-ipc.js');
        removeSysvObject(object.kind, id);
        removed.push(name);
      } catch (error) {
        // Gone between the check and the removal: nothing left to do. Anything else is said.
        const code = (error as { code?: unknown }).code;
        if (code !== 'EINVAL' && code !== 'EIDRM') failed.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return { removed, failed };
}
