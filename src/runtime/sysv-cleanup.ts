// System V objects outlive their processes. The runtime records each one a run
// creates (kind, id, key); whatever still exists at the end, with the same id
// and key and owned by us, is removed here and reported.
import { readFileSync } from 'node:fs';
import { readObjects, type RecordedObject } from './run-dir.js';
import { parseSysvTable } from './kernel/sysvipc.js';

const ID_COLUMN = { shm: 'shmid', msg: 'msqid', sem: 'semid' } as const;

function stillThere(object: RecordedObject): boolean {
  let text: string;
  try {
    text = readFileSync(`/proc/sysvipc/${object.kind}`, 'utf8');
  } catch {
    return false;
  }
  const uid = process.getuid?.() ?? 0;
  return parseSysvTable(text).some((row) => row[ID_COLUMN[object.kind]] === object.id && row.key === object.key && row.uid === uid);
}

/** Whether any object the run recorded is still there (synchronous, for exit paths). */
export function recordedObjectsLeft(dir: string): boolean {
  return readObjects(dir).some(stillThere);
}

/** Removes the run's leftover objects; returns a line for each one removed. */
export async function removeRecordedObjects(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const seen = new Set<string>();
  for (const object of readObjects(dir)) {
    const name = `${object.kind} ${object.id}`;
    if (seen.has(name) || !stillThere(object)) continue;
    seen.add(name);
    try {
      // Loaded only when there is something to remove: the controller otherwise never loads libc.
      const { removeSysvObject } = await import('../ffi/sys-ipc.js');
      removeSysvObject(object.kind, object.id);
      removed.push(`${name} (key 0x${(object.key >>> 0).toString(16).padStart(8, '0')})`);
    } catch {
      // gone between the check and the removal: nothing left to do
    }
  }
  return removed;
}
