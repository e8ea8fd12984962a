// ipc-demo doctor: does this machine have what the demos need, and if not,
// what to do about it. Each check is real: it makes the call the demos make.
import { existsSync, readFileSync } from 'node:fs';
import { execa } from 'execa';
import { createRunDir, removeRunDir, release } from './run-dir.js';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  /** What was found. */
  readonly detail: string;
  /** What to do when it is not ok. */
  readonly fix?: string;
  /** A warning does not stop the demos. */
  readonly warning?: boolean;
}

function readNumbers(path: string): number[] {
  try {
    return readFileSync(path, 'utf8').trim().split(/\s+/).map(Number);
  } catch {
    return [];
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

function countRows(kind: string): number {
  try {
    return readFileSync(`/proc/sysvipc/${kind}`, 'utf8').trim().split('\n').length - 1;
  } catch {
    return 0;
  }
}

function sysvChecks(): Check[] {
  const [msgmni] = readNumbers('/proc/sys/kernel/msgmni');
  const [msgmax] = readNumbers('/proc/sys/kernel/msgmax');
  const [shmmni] = readNumbers('/proc/sys/kernel/shmmni');
  const [shmmax] = readNumbers('/proc/sys/kernel/shmmax');
  const sem = readNumbers('/proc/sys/kernel/sem');
  const semmni = sem[3];
  const free = (limit: number | undefined, used: number) => (limit === undefined ? 0 : limit - used);
  const checks: Check[] = [
    { name: 'System V message queues', ok: free(msgmni, countRows('msg')) >= 2 && (msgmax ?? 0) >= 112, detail: `msgmni ${msgmni ?? '?'} (${countRows('msg')} in use), msgmax ${msgmax ?? '?'} bytes`, fix: 'remove leftover queues (ipcs -q, ipcrm -q ID) or raise kernel.msgmni; msgmax must be ≥ 112' },
    { name: 'System V shared memory', ok: free(shmmni, countRows('shm')) >= 2 && (shmmax ?? 0) >= 4096, detail: `shmmni ${shmmni ?? '?'} (${countRows('shm')} in use), shmmax ${readText('/proc/sys/kernel/shmmax') ?? '?'}`, fix: 'remove leftover segments (ipcs -m, ipcrm -m ID) or raise kernel.shmmni / kernel.shmmax' },
    { name: 'System V semaphores', ok: free(semmni, countRows('sem')) >= 2, detail: `semmni ${semmni ?? '?'} (${countRows('sem')} in use)`, fix: 'remove leftover semaphore sets (ipcs -s, ipcrm -s ID) or raise kernel.sem' },
  ];
  return checks;
}

async function memfdCheck(): Promise<Check> {
  try {
    const { memfdCreate } = await import('../ffi/sys-mman.js');
    const { close } = await import('../ffi/unistd.js');
    close(memfdCreate('ipc-demo-doctor', 1));
    return { name: 'memfd_create', ok: true, detail: 'allowed' };
  } catch (error) {
    return { name: 'memfd_create', ok: false, detail: error instanceof Error ? error.message : String(error), fix: 'a seccomp profile (containers) forbids memfd_create: run with a profile that allows it, e.g. docker --security-opt seccomp=unconfined' };
  }
}

async function compilerCheck(): Promise<Check> {
  const result = await execa('cc', ['--version'], { reject: false });
  const ok = result.exitCode === 0;
  return { name: 'C compiler', ok, detail: ok ? String(result.stdout).split('\n')[0]! : 'cc not found', fix: 'install one to step your own C programs (ipc-demo my.c), run --native, or build the listings yourself: sudo apt install gcc (Debian/Ubuntu), sudo dnf install gcc (Fedora)', warning: true };
}

function runDirCheck(): Check {
  try {
    const dir = createRunDir();
    release(dir);
    removeRunDir(dir);
    return { name: 'private run directory', ok: true, detail: `created and removed under ${dir.slice(0, dir.lastIndexOf('/'))}` };
  } catch (error) {
    return { name: 'private run directory', ok: false, detail: error instanceof Error ? error.message : String(error), fix: 'set TMPDIR (or XDG_RUNTIME_DIR) to a directory you can write' };
  }
}

function terminalChecks(): Check[] {
  const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  let raw = false;
  if (tty) {
    try {
      process.stdin.setRawMode(true);
      process.stdin.setRawMode(false);
      raw = true;
    } catch {
      raw = false;
    }
  }
  const columns = process.stdout.columns ?? 0;
  const rows = process.stdout.rows ?? 0;
  return [
    { name: 'terminal with raw mode', ok: raw, detail: tty ? (raw ? 'yes' : 'raw mode refused') : 'stdin or stdout is not a terminal', fix: 'step mode needs a terminal; without one use --plain or --json', warning: true },
    { name: 'terminal size', ok: columns >= 80 && rows >= 24, detail: tty ? `${columns}×${rows}` : 'no terminal', fix: 'make the window at least 80×24 (the screen needs it; --plain works in any)', warning: true },
  ];
}

/** The whole path, for real: a runner forks, a pipe carries a message, everything is removed. */
async function forkCheck(): Promise<Check> {
  const name = 'fork from Node (pipe demo)';
  const { findDemo } = await import('../demos/registry.js');
  const { Run } = await import('./controller.js');
  const demo = findDemo('pipe');
  if (!demo) return { name, ok: false, detail: 'the pipe demo is missing from this build', fix: 'reinstall ipc-demo' };
  const run = new Run({ demo, variant: demo.variants[0]!, mode: 'run', timeoutMs: 15_000 });
  const ended = new Promise<Awaited<ReturnType<typeof run.stop>>>((resolve) => run.once('end', resolve));
  try {
    await run.start();
  } catch (error) {
    await run.stop();
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error), fix: 'run ipc-demo pipe --plain to see the error' };
  }
  const result = await ended;
  const statuses = [...result.exits.values()];
  const ok = result.reason === 'done' && statuses.length === 2 && statuses.every((s) => s.code === 0);
  return { name, ok, detail: ok ? 'parent and child exited 0' : `run ended: ${result.reason}`, fix: 'run ipc-demo pipe --plain to see what happened' };
}

/**
 * `screenChecks`: what the screen (src/ui) knows of itself, given by the caller (the CLI):
 * the runtime does not reach up into the screen.
 */
export async function runDoctor(screenChecks: () => Promise<Check[]> = async () => []): Promise<Check[]> {
  const major = Number(process.versions.node.split('.')[0]);
  const checks: Check[] = [
    { name: 'Linux', ok: process.platform === 'linux', detail: process.platform, fix: 'ipc-demo shows Linux IPC and needs Linux (a VM or WSL 2 works)' },
    { name: '/proc', ok: existsSync('/proc/self/fd') && existsSync('/proc/sysvipc'), detail: existsSync('/proc/self/fd') ? 'mounted' : 'missing', fix: 'mount procfs: mount -t proc proc /proc' },
    { name: 'Node.js', ok: major >= 20, detail: process.versions.node, fix: 'install Node.js 20 or newer' },
  ];
  if (process.platform !== 'linux') return checks;
  checks.push(await memfdCheck(), ...sysvChecks(), runDirCheck(), await forkCheck(), ...terminalChecks(), ...(await screenChecks()), await compilerCheck());
  return checks;
}
