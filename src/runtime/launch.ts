// How a process of a run is started. The controller asks a launcher for one process per
// role and watches what it gets back the same way whatever runs in it: the Node twin of
// the role's C program, or the C program itself, compiled with the native runtime (issue 12).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { execa as Execa } from 'execa';
import type { DemoMeta, VariantMeta } from '../demos/types.js';
import { FORK_NODE_FLAGS } from '../ffi/fork-flags.js';
import type { ThreadCall } from './native-threads.js';
import { runnerPath } from './runner-path.js';
import { spawnProcess, type LaunchedProcess } from './spawn-process.js';

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
export type StartProcess = (request: LaunchRequest) => LaunchedProcess;

/** What every launcher's processes share (see StartProcess; the twin's are started alike, by spawn-process.ts). */
const PROCESS_OPTIONS = { detached: true, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe', reject: false, cleanup: true } as const;

/** Loads and prepares what starting needs, in the run's private directory `dir` (a compiler's run for a C program). */
export type Launcher = (dir: string) => Promise<StartProcess>;

/** The Node twin: `node runner.cjs <demo> <role> <trace-socket> <step|free> [args…]`, without execa (spawn-process.ts). */
export const twinLauncher: Launcher = () =>
  Promise.resolve(({ demoId, role, tracePath, gate, argv }) =>
    spawnProcess(process.execPath, [...FORK_NODE_FLAGS, runnerPath(), demoId, role, tracePath, gate, ...argv], { ...process.env, NODE_OPTIONS: '' }));

/** The C program could not be compiled: the compiler's own text, file:line first. */
export class NativeBuildError extends Error {
  constructor(
    readonly output: string,
    readonly missingCompiler: boolean,
  ) {
    super(output);
    this.name = 'NativeBuildError';
  }
}

/** The C program starts threads, which the runtime cannot step (native-threads.ts): refused before it runs. */
export class ThreadsRefusedError extends Error {
  constructor(readonly found: readonly ThreadCall[]) {
    super(found.map((f) => `${f.file ?? '?'}:${f.line ?? '?'}: ${f.call}`).join('\n'));
    this.name = 'ThreadsRefusedError';
  }
}

/**
 * C programs compiled with the native runtime (src/native): `programs(dir)` gives each role's
 * source file (it may write them into `dir`), each is compiled into `dir` as `<role>`, and
 * started with the trace socket, gate and role in its environment. Their `step` is a line number.
 */
export function nativeLauncher(programs: (dir: string) => ReadonlyMap<string, string>): Launcher {
  return async (dir) => {
    const [{ execa }, binaries] = await Promise.all([import('execa'), compileAll(programs(dir), dir)]);
    return startCompiled(execa, binaries);
  };
}

/**
 * Programs compiled already, by role (a learner's, compiled before the screen opens so that
 * the compiler's text is read in the terminal): each run starts them afresh.
 */
export function compiledLauncher(binaries: ReadonlyMap<string, string>): Launcher {
  return async () => startCompiled((await import('execa')).execa, binaries);
}

function startCompiled(execa: typeof Execa, binaries: ReadonlyMap<string, string>): StartProcess {
  return ({ role, tracePath, gate, argv }) => {
    const binary = binaries.get(role);
    if (!binary) throw new Error(`no C program for role ${role}`);
    return execa(binary, [...argv], {
      ...PROCESS_OPTIONS,
      extendEnv: false,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', IPC_DEMO_TRACE: tracePath, IPC_DEMO_GATE: gate, IPC_DEMO_ROLE: role },
    });
  };
}

async function compileAll(sources: ReadonlyMap<string, string>, dir: string): Promise<Map<string, string>> {
  // Loaded only for a native run: the runtime's C text and child_process stay out of a twin run's start.
  const { compileProgram, compileRuntime } = await import('./native-build.js');
  const binaries = new Map<string, string>();
  const runtime = await compileRuntime(dir);
  if (!runtime.ok) throw new NativeBuildError(runtime.output, runtime.missingCompiler);
  for (const [role, source] of sources) {
    const build = await compileProgram(source, dir, role);
    if (!build.ok) throw new NativeBuildError(build.output, build.missingCompiler);
    binaries.set(role, build.binary);
  }
  return binaries;
}

/** A built-in demo's own listings, written into the run's directory to be compiled there. */
export function builtinPrograms(demo: DemoMeta, variant: VariantMeta): (dir: string) => ReadonlyMap<string, string> {
  return (dir) =>
    new Map(
      Object.entries(variant.listings).map(([role, file]) => {
        const path = join(dir, file);
        writeFileSync(path, demo.sources[file] ?? '', { mode: 0o600 });
        return [role, path];
      }),
    );
}
