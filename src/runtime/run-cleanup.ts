// What the end of a run removed, as it removed it: the processes it had to kill, the FIFOs and
// sockets the demo left in the run's directory, the System V objects still there. The exit line
// ("removed message queue 32802, 2 processes") is said from this, not guessed.
import { readFileSync } from 'node:fs';
import { leaveRunDir, type RemovedPath } from './leave-dir.js';

export interface Removed {
  /** Processes of the run still alive when it was ended, killed (SIGKILL). */
  readonly processes: readonly number[];
  /** The FIFOs and sockets the demo's programs left in the run's directory, removed with it. */
  readonly paths: readonly RemovedPath[];
  /** System V objects still there at the end, removed: `<kind> <id> (key 0x…)`. */
  readonly objects: readonly string[];
  /** Objects still there that could not be removed, with why: their record stays for `ipc-demo clean`. */
  readonly failed: readonly string[];
  /** Lab mode: the other terminal still uses the shared directory, which stays to it with what is in it. */
  readonly sharedKept: boolean;
}

/** Those of `pids` still running: a zombie has already died, there is nothing of it to kill. */
export function living(pids: Iterable<number>): number[] {
  return [...new Set(pids)].filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  });
}

/** Leaves the run's directory (the last one out removes it, leave-dir.ts) and says what the end removed. */
export async function cleanUpRunDir(dir: string | null, lab: boolean, killed: readonly number[], finished: readonly string[] | null = null): Promise<Removed> {
  if (dir === null) return { processes: killed, paths: [], objects: [], failed: [], sharedKept: false };
  const { removed, failed, paths, sharedKept } = await leaveRunDir(dir, lab, finished);
  return { processes: killed, paths, objects: removed, failed, sharedKept };
}
