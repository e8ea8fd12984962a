// Compiling a C program with ipc-demo's runtime (src/native/ipc-trace.{c,h}) so it can be
// stepped: the runtime's two files are written into the run's private directory and the
// program is compiled there with `-include ipc-trace.h`, its own source unchanged.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import traceSource from '../native/ipc-trace.c';
import traceExec from '../native/ipc-trace-exec.c';
import traceFds from '../native/ipc-trace-fds.c';
import traceProcess from '../native/ipc-trace-process.c';
import traceSignals from '../native/ipc-trace-signals.c';
import traceSockets from '../native/ipc-trace-sockets.c';
import traceState from '../native/ipc-trace-state.c';
import traceSysv from '../native/ipc-trace-sysv.c';
import traceHeader from '../native/ipc-trace.h';
import { keep, runtimeKey, takeCached } from './native-cache.js';
import { threadCalls, type ThreadCall } from './native-threads.js';

/** The runtime's files: ipc-trace.c includes the others (one translation unit, its helpers kept static). */
const RUNTIME_FILES: Readonly<Record<string, string>> = {
  'ipc-trace.h': traceHeader,
  'ipc-trace.c': traceSource,
  'ipc-trace-state.c': traceState,
  'ipc-trace-fds.c': traceFds,
  'ipc-trace-process.c': traceProcess,
  'ipc-trace-exec.c': traceExec,
  'ipc-trace-signals.c': traceSignals,
  'ipc-trace-sysv.c': traceSysv,
  'ipc-trace-sockets.c': traceSockets,
};

/** Warnings are errors, as the built-in listings say they are built (`cc -Wall -Werror`; the contract adds -Wextra). */
export const NATIVE_CFLAGS = ['-Wall', '-Werror', '-O0', '-g'] as const;
/** The runtime holds itself to more. */
const RUNTIME_CFLAGS = [...NATIVE_CFLAGS, '-Wextra', '-Wpedantic'] as const;

export type NativeBuild =
  /** `warnings`: what the compiler said of a program it compiled (a learner's is built without -Werror). */
  | { readonly ok: true; readonly binary: string; readonly warnings?: string }
  /** The compiler's own text (file:line: error: …), or why it could not run. */
  | { readonly ok: false; readonly output: string; readonly missingCompiler: boolean }
  /** It compiled, and starts threads: refused before it is linked (native-threads.ts says why). */
  | { readonly ok: false; readonly output: ''; readonly missingCompiler: false; readonly threads: readonly ThreadCall[] };

function cc(args: readonly string[], cwd: string): Promise<{ code: number; output: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile('cc', args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`, missing });
    });
  });
}

/** Writes the runtime into `dir` and compiles it there, on its own: the program's macros must not apply to it. */
export async function compileRuntime(dir: string): Promise<NativeBuild> {
  writeRuntime(dir);
  return compileRuntimeObject(dir);
}

function writeRuntime(dir: string): void {
  for (const [name, text] of Object.entries(RUNTIME_FILES)) writeFileSync(join(dir, name), text, { mode: 0o600 });
}

/** The runtime's object in `dir`: the user's cached one for these files, flags and cc (native-cache.ts), else compiled and kept. */
async function compileRuntimeObject(dir: string): Promise<NativeBuild> {
  const object = join(dir, 'ipc-trace.o');
  const key = runtimeKey(RUNTIME_FILES, RUNTIME_CFLAGS);
  if (takeCached(key, object)) return { ok: true, binary: object };
  const runtime = await cc([...RUNTIME_CFLAGS, '-c', '-o', 'ipc-trace.o', 'ipc-trace.c'], dir);
  if (runtime.code === 0) {
    keep(key, object);
    return { ok: true, binary: object };
  }
  const output = runtime.missing ? 'cc: not found on PATH (install a C compiler: gcc or clang)' : runtime.output;
  return { ok: false, output, missingCompiler: runtime.missing };
}

/**
 * Compiles `sourcePath` into `dir` as `name`, linked with the runtime compileRuntime() left in `dir`.
 * The compiler runs in `cwd` (a learner's program: the directory it was named from, so that its
 * messages name the file as the learner wrote it).
 */
export async function compileProgram(sourcePath: string, dir: string, name = 'program', extraFlags: readonly string[] = [], cwd = dir): Promise<NativeBuild> {
  const binary = join(dir, name);
  const program = await cc([...NATIVE_CFLAGS, ...extraFlags, '-include', join(dir, 'ipc-trace.h'), '-o', binary, sourcePath, join(dir, 'ipc-trace.o')], cwd);
  if (program.code !== 0) return { ok: false, output: program.output, missingCompiler: program.missing };
  return { ok: true, binary, warnings: program.output };
}

/** Both: a program compiled into `dir` (the run's 0700 directory) as `name`, with the runtime. */
export async function compileNative(sourcePath: string, dir: string, name = 'program', extraFlags: readonly string[] = []): Promise<NativeBuild> {
  const runtime = await compileRuntime(dir);
  return runtime.ok ? compileProgram(sourcePath, dir, name, extraFlags) : runtime;
}

/**
 * Programs (`name` → source) compiled into `dir` with the runtime, each at the same time as the
 * runtime itself, then linked: on two cores that is about the runtime's own compile time less to
 * wait before the first frame. The runtime's failure first, else each program's build, by name.
 * A program that starts threads is not linked (`threads`: its calls, file:line).
 */
export async function compileTogether(programs: ReadonlyMap<string, string>, dir: string, extraFlags: readonly string[] = [], cwd = dir): Promise<NativeBuild | Map<string, NativeBuild>> {
  writeRuntime(dir);
  const header = join(dir, 'ipc-trace.h');
  const [runtime, ...objects] = await Promise.all([
    compileRuntimeObject(dir),
    ...[...programs].map(([name, source]) => cc([...NATIVE_CFLAGS, ...extraFlags, '-include', header, '-c', '-o', join(dir, `${name}.o`), source], cwd)),
  ]);
  if (!runtime.ok) return runtime;
  const builds = new Map<string, NativeBuild>();
  for (const [i, name] of [...programs.keys()].entries()) {
    const object = objects[i]!;
    if (object.code !== 0) {
      builds.set(name, { ok: false, output: object.output, missingCompiler: object.missing });
      continue;
    }
    const threads = await threadCalls(join(dir, `${name}.o`), cwd);
    if (threads.length > 0) {
      builds.set(name, { ok: false, output: '', missingCompiler: false, threads });
      continue;
    }
    // A link error (an undefined function) is the program's too, told as the compiler's text.
    const binary = join(dir, name);
    const link = await cc(['-o', binary, join(dir, `${name}.o`), join(dir, 'ipc-trace.o')], dir);
    builds.set(name, link.code === 0 ? { ok: true, binary, warnings: object.output } : { ok: false, output: link.output, missingCompiler: link.missing });
  }
  return builds;
}
