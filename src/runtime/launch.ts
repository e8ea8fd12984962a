// How a process of a run is started. The controller asks a launcher for one process per
// role and watches what it gets back the same way whatever runs in it: today the Node
// twin of the role's C program; a compiled C program is a second launcher (issue 12).
import type { ResultPromise } from 'execa';
import { FORK_NODE_FLAGS } from '../ffi/fork-flags.js';
import { runnerPath } from './runner-path.js';

export interface LaunchRequest {
  readonly demoId: string;
  readonly role: string;
  /** The controller's trace socket: the process connects to it and says hello. */
  readonly tracePath: string;
  /** 'step': wait for a go at every step; 'free': never wait (run mode). */
  readonly gate: 'step' | 'free';
  /** The C program's arguments (argv[1]…), placeholders filled in. */
  readonly argv: readonly string[];
}

/**
 * Starts one process, synchronously: a run stopped while it starts relies on it (nothing
 * starts after the stop is seen). Its own process group (detached), so that the run can
 * end all of it with one kill; stderr piped, for the note when it fails.
 */
export type StartProcess = (request: LaunchRequest) => ResultPromise;

/** Loads what starting needs (execa, ~20 ms: not at startup, the first frame does not wait for it). */
export type Launcher = () => Promise<StartProcess>;

/** The Node twin: `node runner.js <demo> <role> <trace-socket> <step|free> [args…]`. */
export const twinLauncher: Launcher = async () => {
  const { execa } = await import('execa');
  return ({ demoId, role, tracePath, gate, argv }) =>
    execa(process.execPath, [...FORK_NODE_FLAGS, runnerPath(), demoId, role, tracePath, gate, ...argv], {
      detached: true,
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: 'pipe',
      reject: false,
      cleanup: true,
      env: { NODE_OPTIONS: '' },
    });
};
