// What dead runs left: a controller killed with SIGKILL cannot clean up after
// itself. Its directory names the controller; if that process is gone, the
// directory's recorded System V objects and the directory itself are removed.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { removeOldWords } from './lab-word.js';
import { deadRuns, removeRunDir, removeStaleLabLocks, runBase } from './run-dir.js';
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
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((name) => !/^owner-\d+\.json$/.test(name) && name !== 'objects');
    } catch {
      // already gone
    }
    const { removed, failed } = await removeRecordedObjects(dir);
    if (failed.length === 0) removeRunDir(dir);
    swept.push({ dir: basename(dir), files, objects: removed, failed });
  }
  return swept;
}
