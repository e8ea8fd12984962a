// A learner's program that starts threads is refused when it is built, before it runs (issue 12).
// The runtime stops a *process* at each step and reconnects after fork(): a second thread would
// share the process's trace connection and step gate, and run its calls beside the stepped one,
// half traced. Looked for in the compiled object's undefined symbols, not in the source text: that
// sees every spelling (a macro, a function pointer, `(pthread_create)(…)`) and no comment; the line
// of each call comes from the object's own line table (-g), as a debugger would find it.
import { execFile } from 'node:child_process';
import { isAbsolute, relative } from 'node:path';

/** The libc entries that start a thread (clone: a thread or a process sharing memory; either is beyond the runtime). */
export const THREAD_CALLS = ['pthread_create', 'thrd_create', 'clone', 'clone3'] as const;

export interface ThreadCall {
  /** The function the program calls, as the learner wrote it. */
  readonly call: string;
  /** Where, as `objdump -l` finds it in the line table; absent when there is no line for it (a pointer in data). */
  readonly file?: string;
  readonly line?: number;
}

function run(command: string, args: readonly string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => resolve(error ? null : stdout));
  });
}

/** A path as the learner would write it: relative to the directory they ran ipc-demo in, when it is under it. */
function shown(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * The thread calls in `disassembly` (`objdump -d -l -r`): each relocation to one of `calls`, at
 * the last `file:line` objdump printed before it. Pure, for the unit test.
 */
export function threadCallsIn(disassembly: string, calls: ReadonlySet<string>, cwd: string): ThreadCall[] {
  const found: ThreadCall[] = [];
  let at: { file: string; line: number } | undefined;
  for (const text of disassembly.split('\n')) {
    const where = /^(\S.*):(\d+)(?: \(discriminator \d+\))?$/.exec(text);
    if (where) at = { file: where[1]!, line: Number(where[2]) };
    const reloc = /^\s+[0-9a-f]+: R_\S+\s+([A-Za-z_]\w*)/.exec(text);
    if (!reloc || !calls.has(reloc[1]!)) continue;
    const call = { call: reloc[1]!, ...(at ? { file: shown(at.file, cwd), line: at.line } : {}) };
    if (!found.some((f) => f.call === call.call && f.file === call.file && f.line === call.line)) found.push(call);
  }
  return found;
}

/**
 * The thread calls of the compiled (not yet linked) `object`, with their file:line; [] when it
 * makes none. Without nm (binutils) the check cannot be made and the program runs as before.
 */
export async function threadCalls(object: string, cwd: string): Promise<ThreadCall[]> {
  const undefinedSymbols = await run('nm', ['-u', object]);
  if (undefinedSymbols === null) return [];
  const wanted: ReadonlySet<string> = new Set(THREAD_CALLS);
  const used = new Set(undefinedSymbols.split('\n').map((s) => s.trim().split(/\s+/).pop() ?? '').filter((s) => wanted.has(s)));
  if (used.size === 0) return [];
  const disassembly = await run('objdump', ['-d', '-l', '-r', '--no-show-raw-insn', object]);
  const located = disassembly === null ? [] : threadCallsIn(disassembly, used, cwd);
  // A use objdump placed at no line (an address taken in a static initializer) is still told, by name.
  const unplaced = [...used].filter((call) => !located.some((f) => f.call === call)).map((call) => ({ call }));
  return [...located, ...unplaced];
}
