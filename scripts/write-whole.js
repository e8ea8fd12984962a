// A file written whole: under another name first, then renamed into place. A run that
// loads it meanwhile (a CLI, a runner, a test) reads the old file or the new one, never
// half of one. Used for everything the build puts in dist/.
import { renameSync, writeFileSync } from 'node:fs';

export function writeWhole(path, contents) {
  writeFileSync(`${path}.tmp-${process.pid}`, contents);
  renameSync(`${path}.tmp-${process.pid}`, path);
}
