// Every way out of the controller ends the run's processes and removes its
// directory: a normal end, q, Ctrl-C, SIGTERM, SIGHUP, an uncaught error.
import { writeSync } from 'node:fs';
import type { Run, RunResult } from './controller.js';

const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

interface Lifecycle {
  readonly active: Set<Run>;
  installed: boolean;
  /** What the screen must do before the process exits on a signal (Ink: restore the terminal). */
  beforeExit: () => void;
  /** A signal is ending the controller: the runs are being stopped, which takes a moment. */
  leaving: boolean;
  /** What the screen says on stderr once the runs a signal ended have removed everything (the exit line). */
  exitReport?: (results: readonly RunResult[]) => string | undefined;
  /** A run watched over ended as a failure (runFailed): the screen's exit status says so. */
  failed?: boolean;
}

// One per process, not one per copy of this module: the CLI's bundle starts the first run
// before the screen's script (a bundle of its own, with its own copy) has loaded, and the
// screen takes it over. Two copies would each install handlers, and one with no run left
// would exit on a signal before the other had removed anything.
const SHARED = Symbol.for('ipc-demo.lifecycle');
const state: Lifecycle = ((globalThis as { [SHARED]?: Lifecycle })[SHARED] ??= { active: new Set(), installed: false, beforeExit: () => undefined, leaving: false });
const { active } = state;

function killEverything(): void {
  for (const run of active) {
    run.killAll();
    run.removeDir(true);
  }
}

function onSignal(signal: NodeJS.Signals): void {
  state.leaving = true;
  state.beforeExit();
  const runs = [...active];
  for (const run of runs) run.killAll();
  void Promise.all(runs.map((run) => run.stop('stopped')))
    .then(
      (results) => {
        // A hangup has no terminal left to say it on.
        if (signal !== 'SIGHUP') sayOnStderr(state.exitReport?.(results));
      },
      () => undefined,
    )
    .finally(async () => {
      if (signal === 'SIGHUP') {
        // The terminal is gone: Node's own exit would restore its modes, fail (EIO) and abort
        // (a core dump where those are on). Everything is removed by now: end without atexit.
        const { exit } = await import('../ffi/unistd.js');
        exit(SIGNAL_EXIT.SIGHUP!);
      }
      process.exit(SIGNAL_EXIT[signal] ?? 1);
    });
}

function install(): void {
  if (state.installed) return;
  state.installed = true;
  for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) process.on(signal, () => onSignal(signal));
  process.on('exit', killEverything);
  process.on('uncaughtException', (error) => {
    // The terminal went away (its window closed): writes to it fail, before or after the SIGHUP
    // that comes with it. Either way it is a hangup, and must not cut short the stop that
    // removes the run's System V objects.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EIO' || code === 'EPIPE') {
      if (!state.leaving) onSignal('SIGHUP');
      return;
    }
    killEverything();
    process.stderr.write(`ipc-demo: internal error: ${error.stack ?? String(error)}\n`);
    process.exit(70);
  });
}

function sayOnStderr(line: string | undefined): void {
  try {
    if (line) writeSync(2, `${line}\n`);
  } catch {
    // stderr is gone (a closed terminal, a closed pipe): nothing to say it on
  }
}

/** The line to say on stderr when a signal ends the runs, made from their results. */
export function reportOnSignalExit(report: (results: readonly RunResult[]) => string | undefined): void {
  state.exitReport = report;
}

/** Whether a signal is ending the controller: its handler says the exit line, no one else. */
export function endingOnSignal(): boolean {
  return state.leaving;
}

/** Ends every run still watched over (a quit), and gives what each removed. */
export function endAll(): Promise<RunResult[]> {
  return Promise.all([...active].map((run) => run.stop('stopped')));
}

/**
 * A run that failed, whatever ended it: it timed out, a runner failed or hung, a process of it was
 * killed from outside, the system refused a System V object, or one could not be removed. Exit 1.
 */
export function runFailed(result: Pick<RunResult, 'reason' | 'notes'>): boolean {
  return result.reason === 'timeout' || result.notes.some((code) => code === 'runner-failed' || code === 'hung' || code === 'killed' || code === 'sysv-error' || code === 'leak-left');
}

/** Whether a run watched over in this process has ended as a failure. */
export function someRunFailed(): boolean {
  return state.failed === true;
}

/** Watch over a run until it ends; on a signal, stop it cleanly, then exit with 128+n. */
export function guard(run: Run, onExit?: () => void): () => void {
  install();
  if (onExit) state.beforeExit = onExit;
  if (!active.has(run)) run.once('end', (result) => void (runFailed(result) && (state.failed = true)));
  active.add(run);
  return () => active.delete(run);
}
