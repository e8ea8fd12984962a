// The command line's side of C programs (issue 12): `ipc-demo my-pipe.c [-- args]`,
// `ipc-demo writer.c reader.c`, `ipc-demo pipe --native`. Checks what it is given, compiles
// before any screen opens (the compiler's text stays in the terminal), and says why not.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Lang } from '../demos/types.js';
import type { LearnerPrograms } from '../runtime/learner-program.js';
import type { ThreadCall } from '../runtime/native-threads.js';
import { nativeText } from './native-text.js';

/** The status a program that does not compile ends ipc-demo with (documented in the README). */
export const COMPILE_FAILED = 1;
/** No compiler: the machine lacks something, as for the other environment checks. */
export const NO_COMPILER = 3;

export const isCProgram = (arg: string): boolean => arg.endsWith('.c');

/** Whether `cc` is on PATH, looked up as execvp() would, without running it. */
export function ccOnPath(path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', 'cc'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Why these files cannot be run, if they cannot: missing, or not regular files. */
export function programProblem(paths: readonly string[], lang: Lang): string | undefined {
  const t = nativeText[lang];
  for (const path of paths) {
    let file;
    try {
      file = statSync(path);
    } catch {
      return t.noFile(path);
    }
    if (!file.isFile()) return t.notFile(path);
  }
  return undefined;
}

/**
 * Compiles the learner's programs; on failure writes cc's own text (file:line:column: message)
 * to stderr, between a sentence that says what happened and one that says what to do, and
 * gives the status to exit with. A program that starts threads is refused the same way, with the
 * same status (refuseThreads).
 */
export async function buildPrograms(paths: readonly string[], args: readonly string[], lang: Lang, json = false): Promise<LearnerPrograms | { readonly exit: number }> {
  const t = nativeText[lang];
  if (!ccOnPath()) {
    process.stderr.write(`ipc-demo: ${t.noCompiler}\n`);
    return { exit: NO_COMPILER };
  }
  const [{ buildLearnerPrograms }, { NativeBuildError, ThreadsRefusedError }] = await Promise.all([import('../runtime/learner-program.js'), import('../runtime/launch.js')]);
  try {
    const built = await buildLearnerPrograms(paths, args);
    if (built.warnings.trim()) process.stderr.write(`ipc-demo: ${t.warnings}\n${built.warnings.trimEnd()}\n`);
    return built;
  } catch (error) {
    if (error instanceof ThreadsRefusedError) return refuseThreads(error.found, paths, lang, json);
    if (!(error instanceof NativeBuildError)) throw error;
    if (error.missingCompiler) {
      process.stderr.write(`ipc-demo: ${t.noCompiler}\n`);
      return { exit: NO_COMPILER };
    }
    const files = paths.join(' ');
    process.stderr.write(`ipc-demo: ${t.compileFailed(files)}\n\n${error.output.trimEnd()}\n\n${t.compileHint(files)}\n`);
    return { exit: COMPILE_FAILED };
  }
}

/** `file:line: call`, as cc names a line; the call alone when no line was found for it. */
const threadLine = (found: ThreadCall): string => (found.file && found.line ? `${found.file}:${found.line}: ${found.call}` : found.call);

/**
 * Threads, refused as a compile error is: what was found, file:line, and what to do, on stderr
 * (the screen never opens), exit 1; with --json also one `refused` object on stdout for a script.
 */
function refuseThreads(found: readonly ThreadCall[], paths: readonly string[], lang: Lang, json: boolean): { readonly exit: number } {
  const t = nativeText[lang];
  const files = paths.join(' ');
  const lines = found.map((f) => `  ${threadLine(f)}`).join('\n');
  process.stderr.write(`ipc-demo: ${t.threadsRefused(files)}\n${lines}\n\n${t.threadsHint(files)}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ kind: 'refused', reason: 'threads', found, text: `${t.threadsRefused(files)}\n${lines}\n${t.threadsHint(files)}` })}\n`);
  return { exit: COMPILE_FAILED };
}
