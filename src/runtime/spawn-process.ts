// A process of a run, started with node:child_process alone. execa's chunk (its modules,
// and the ES module facades of a dozen of Node's) cost ~20 ms of the controller's main
// thread before the first runner could start, at every start of the screen; a runner
// needs none of what execa adds: no shell, no output but a tail of stderr.
import { spawn } from 'node:child_process';

/** How a process ended, once its stderr has closed too (a forked child holds it as well). */
export interface ProcessResult {
  readonly exitCode?: number;
  readonly signal?: string;
  /** The end of what it wrote to stderr (the controller shows the last lines when it fails). */
  readonly stderr: string;
}

/** A started process: its pid and state now, and a promise of how it ended (never rejected). */
export interface LaunchedProcess extends PromiseLike<ProcessResult> {
  readonly pid?: number;
  /** null while it runs. */
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
}

const STDERR_KEPT = 16 * 1024;

/** Killed when the controller exits by any way that runs exit handlers (execa's `cleanup`). */
const live = new Set<() => void>();
let exitHandler = false;

/**
 * Starts `file` in a process group of its own (detached), stdin and stdout to nowhere,
 * stderr piped. Synchronous: the process exists when this returns (see StartProcess).
 */
export function spawnProcess(file: string, args: readonly string[], env: NodeJS.ProcessEnv): LaunchedProcess {
  const child = spawn(file, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEPT);
  });
  const kill = () => child.kill();
  live.add(kill);
  if (!exitHandler) {
    exitHandler = true;
    process.on('exit', () => {
      for (const killOne of live) killOne();
    });
  }
  const ended = new Promise<ProcessResult>((resolve) => {
    const end = (result: ProcessResult) => {
      live.delete(kill);
      resolve(result);
    };
    child.once('close', (code, signal) => end({ exitCode: code ?? undefined, signal: signal ?? undefined, stderr }));
    // Not started at all (EAGAIN under a process limit…): no 'close' may follow.
    child.once('error', (error) => {
      if (child.pid === undefined) end({ stderr: `${stderr}${error.message}\n` });
    });
  });
  return Object.defineProperties(ended, {
    pid: { get: () => child.pid },
    exitCode: { get: () => child.exitCode },
    signalCode: { get: () => child.signalCode },
  }) as Promise<ProcessResult> & LaunchedProcess;
}
