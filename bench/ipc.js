// npm run bench, second part: `ipc-demo bench`, all seven mechanisms, the Node twin beside the
// C reference, its chart in this report. Arguments after `--` go to it (npm run bench -- --cpu different).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../bin/ipc-demo.js', import.meta.url));
const args = process.argv.slice(2);
console.log(`\nipc-demo bench ${args.join(' ')}`.trimEnd());
const { status, error } = spawnSync(process.execPath, [CLI, 'bench', ...args], { stdio: 'inherit' });
if (error) throw error;
process.exitCode = status ?? 1;
