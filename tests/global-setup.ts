// The tests run the real runner bundle (dist/runner.cjs): build it once first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
  // The learner's progress (demos seen, questions answered) goes to a directory of the tests'
  // own, never into the home of whoever runs them; every process the tests start inherits it.
  const state = mkdtempSync(join(tmpdir(), 'ipc-tests-state-'));
  process.env.XDG_STATE_HOME = state;
  // The native runtime's compiled object is cached the same way (src/runtime/native-cache.ts).
  const cache = mkdtempSync(join(tmpdir(), 'ipc-tests-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  return () => {
    rmSync(state, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  };
}
