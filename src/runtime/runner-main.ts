// The runner: the Node twin of one C program, run synchronously from top to
// bottom like main(). Started by the controller as
//   node --single-threaded runner.cjs <demo> <role> <trace-socket> <step|free> [args…]
import { roles as registry } from 'virtual:demo-roles';
import { ErrnoError } from '../ffi/libc.js';
import { resetSignalsLikeC } from '../ffi/fork.js';
import { SIGKILL } from '../ffi/signal.js';
import { setParentDeathSignal } from '../ffi/sys-prctl.js';
import { RuntimeProc } from './process.js';
import { milestone } from '../milestones.js';

function main(argv: readonly string[]): never {
  milestone('runner loaded');
  const [demoId, role, tracePath, gate, ...args] = argv;
  if (!demoId || !role || !tracePath || (gate !== 'step' && gate !== 'free')) {
    process.stderr.write('usage: runner.cjs <demo> <role> <trace-socket> <step|free> [args…]\n');
    process.exit(64);
  }
  const roleFn = registry.get(demoId)?.[role];
  if (!roleFn) {
    process.stderr.write(`runner: no role ${role} in demo ${demoId}\n`);
    process.exit(64);
  }
  setParentDeathSignal(SIGKILL);
  resetSignalsLikeC();
  const proc = new RuntimeProc({ tracePath, free: gate === 'free', args }, role);
  try {
    roleFn(proc);
  } catch (error) {
    if (error instanceof ErrnoError) proc.perror(error);
    proc.crash(error);
  }
  return proc.exit(0);
}

main(process.argv.slice(2));
