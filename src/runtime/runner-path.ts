// The runner bundle sits next to the controller bundle in dist/. Tests that
// import the controller from src/ use the same built file.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function runnerPath(): string {
  for (const candidate of ['./runner.cjs', '../../dist/runner.cjs']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('ipc-demo: dist/runner.cjs is missing; run `npm run build` first');
}
