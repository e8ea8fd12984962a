// FIFOs and socket files a C program made outside its run's directory (/tmp/myfifo: the
// learner's own path, not the run's). The native runtime records each one it made as a
// `path <dev> <ino> <path>` line in the run's objects file (src/native/ipc-trace-state.c);
// one still there at the end, the same file and ours, is removed and named, as a leaked
// System V object is. Paths inside the run's directory go with the directory.
import { lstatSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { OBJECTS_FILE } from './run-dir.js';

interface RecordedPath {
  readonly dev: number;
  readonly ino: number;
  readonly path: string;
}

const PATH_LINE = /^path (\d+) (\d+) (\/.*)$/;

function readPaths(dir: string): RecordedPath[] {
  let text: string;
  try {
    text = readFileSync(join(dir, OBJECTS_FILE), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    const match = PATH_LINE.exec(line);
    return match ? [{ dev: Number(match[1]), ino: Number(match[2]), path: match[3]! }] : [];
  });
}

/** What the recorded path is now, if it is still the FIFO or socket the program made: 'fifo' or 'socket'. */
function stillThere({ dev, ino, path }: RecordedPath): 'fifo' | 'socket' | null {
  try {
    const st = lstatSync(path);
    if (st.dev !== dev || st.ino !== ino || st.uid !== process.getuid?.()) return null;
    return st.isFIFO() ? 'fifo' : st.isSocket() ? 'socket' : null;
  } catch {
    return null;
  }
}

export function recordedPathsLeft(dir: string): boolean {
  return readPaths(dir).some((recorded) => stillThere(recorded) !== null);
}

/** Removes the recorded paths still there: a line for each removed (`fifo /tmp/myfifo`), and for each that could not be. */
export function removeRecordedPaths(dir: string): { removed: string[]; failed: string[] } {
  const removed: string[] = [];
  const failed: string[] = [];
  const seen = new Set<string>();
  for (const recorded of readPaths(dir)) {
    const kind = stillThere(recorded);
    if (kind === null || seen.has(recorded.path)) continue;
    seen.add(recorded.path);
    try {
      unlinkSync(recorded.path);
      removed.push(`${kind} ${recorded.path}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') failed.push(`${kind} ${recorded.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { removed, failed };
}
