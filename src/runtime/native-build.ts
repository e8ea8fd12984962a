// Compiling a C program with ipc-demo's runtime (src/native/ipc-trace.{c,h}) so it can be
// stepped: the runtime's two files are written into the run's private directory and the
// program is compiled there with `-include ipc-trace.h`, its own source unchanged.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import traceSource from '../native/ipc-trace.c';
import traceHeader from '../native/ipc-trace.h';

/** Warnings are errors, as the built-in listings are built (`cc -Wall -Werror`). */
export const NATIVE_CFLAGS = ['-Wall', '-Wextra', '-Werror', '-O0', '-g'] as const;

export type NativeBuild =
  | { readonly ok: true; readonly binary: string }
  /** The compiler's own text (file:line: error: …), or why it could not run. */
  | { readonly ok: false; readonly output: string; readonly missingCompiler: boolean };

function cc(args: readonly string[], cwd: string): Promise<{ code: number; output: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile('cc', args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`, missing });
    });
  });
}

/**
 * Compiles `sourcePath` into `dir` (the run's 0700 directory) as `name`, linked with the runtime.
 * The runtime is compiled on its own first: the program's macros must not apply to it.
 */
export async function compileNative(sourcePath: string, dir: string, name = 'program'): Promise<NativeBuild> {
  const header = join(dir, 'ipc-trace.h');
  writeFileSync(header, traceHeader, { mode: 0o600 });
  writeFileSync(join(dir, 'ipc-trace.c'), traceSource, { mode: 0o600 });
  const runtime = await cc([...NATIVE_CFLAGS, '-c', '-o', 'ipc-trace.o', 'ipc-trace.c'], dir);
  if (runtime.code !== 0) {
    const output = runtime.missing ? 'cc: not found on PATH (install a C compiler: gcc or clang)' : runtime.output;
    return { ok: false, output, missingCompiler: runtime.missing };
  }
  const binary = join(dir, name);
  const program = await cc([...NATIVE_CFLAGS, '-include', header, '-o', binary, sourcePath, join(dir, 'ipc-trace.o')], dir);
  if (program.code !== 0) return { ok: false, output: program.output, missingCompiler: false };
  return { ok: true, binary };
}
