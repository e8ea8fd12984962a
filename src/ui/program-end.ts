// How a C program run for real ended, told as what the learner's program did — a segfault
// is their program's, never "a runner failed" — with the line it was last seen at. Used by
// the screen and the transcript for runs whose steps are line numbers (line-narration.ts).
import type { Lang, Text } from '../demos/types.js';
import type { NoteEvent } from '../runtime/events.js';
import type { WaitStatus } from '../runtime/protocol.js';
import type { Entry, ProcView } from './model.js';
import { roleLabel } from './strings.js';

const SIGNALS: Readonly<Record<string, Text>> = {
  SIGSEGV: { en: 'segmentation fault: it touched memory it does not own, through a NULL or stray pointer or past the end of an array', zh: '段错误：它访问了不属于它的内存，比如空指针、野指针或数组越界' },
  SIGBUS: { en: 'bus error: a bad memory access, such as a mapping read past the end of its file', zh: '总线错误：非法的内存访问，比如读到了映射文件末尾之外' },
  SIGFPE: { en: 'arithmetic error: an integer division by zero', zh: '算术错误：整数除以零' },
  SIGILL: { en: 'illegal instruction', zh: '非法指令' },
  SIGABRT: { en: 'abort(): an assert() failed, or the C library found its memory corrupted', zh: 'abort()：某个 assert() 失败，或 C 库发现内存被破坏' },
  SIGPIPE: { en: 'it wrote to a pipe or socket that no process reads any more', zh: '它向一个已经没有进程读取的管道或套接字写入' },
  SIGKILL: { en: 'killed outright, by kill -9 or by the out-of-memory killer', zh: '被直接杀死，比如 kill -9 或内存不足时内核的 OOM killer' },
  SIGTERM: { en: 'asked to end by kill, with no handler for it', zh: '被 kill 要求结束，而它没有处理函数' },
};

const words = {
  en: {
    killed: (who: string, signal: string, meaning: string) => `Your program's ${who} was killed by ${signal}${meaning ? ` (${meaning})` : ''}`,
    exited: (who: string, code: number) => `Your program's ${who} exited with status ${code}`,
    at: (where: string) => ` after ${where}, before its next traced call.`,
    nowhere: ' before its first traced call.',
    hung: (where: string) => `A process of your program ran 10 s without a traced call${where ? ` after ${where}` : ''}: does it loop? ipc-demo ended the run.`,
  },
  zh: {
    killed: (who: string, signal: string, meaning: string) => `你的程序的${who} 被 ${signal} 终止${meaning ? `（${meaning}）` : ''}`,
    exited: (who: string, code: number) => `你的程序的${who} 以状态 ${code} 退出`,
    at: (where: string) => `，发生在${where}之后、下一个被跟踪的调用之前。`,
    nowhere: '，发生在第一个被跟踪的调用之前。',
    hung: (where: string) => `你的程序有一个进程运行了 10 秒都没有进行被跟踪的调用${where ? `（在${where}之后）` : ''}：是不是死循环了？ipc-demo 结束了这次运行。`,
  },
} as const;

/**
 * The line each process last stood at by its own steps; a child with none yet stands at the
 * fork() that made it (its hello can come after its parent has gone on to another line).
 */
export function lastLines(entries: readonly Entry[]): Map<number, number> {
  const lines = new Map<number, number>();
  for (const entry of entries) {
    if (entry.kind === 'step' && /^\d+$/.test(entry.step)) lines.set(entry.pid, Number(entry.step));
    if (entry.kind === 'return' && entry.name === 'fork' && typeof entry.value === 'number' && entry.value > 0 && /^\d+$/.test(entry.step ?? '') && !lines.has(entry.value)) {
      lines.set(entry.value, Number(entry.step));
    }
  }
  return lines;
}

/** "line 17 (crash.c)" / "第 17 行（crash.c）". */
export function lineWhere(file: string | undefined, line: number | undefined, lang: Lang): string {
  if (line === undefined) return '';
  return lang === 'zh' ? `第 ${line} 行（${file ?? ''}）` : `line ${line} (${file ?? ''})`;
}

/** How a process of the program ended, if it is worth a sentence (a signal, a non-zero status); undefined for exit 0. */
export function programEnd(status: WaitStatus, who: string, where: string, lang: Lang): string | undefined {
  const w = words[lang];
  const place = where ? w.at(where) : w.nowhere;
  if (status.signal !== null) return `${w.killed(who, status.signal, SIGNALS[status.signal]?.[lang] ?? '')}${place}`;
  if (status.code !== null && status.code !== 0) return `${w.exited(who, status.code)}${place}`;
  return undefined;
}

/** Notes that tell what happened without anything having gone wrong: the note colour, not the error's. */
export const INFORMATIVE_NOTES: ReadonlySet<string> = new Set(['leak-removed', 'stuck', 'waiting-outside', 'peer-finished']);

/** After these notes ipc-demo itself ends the processes (a stuck run in run mode too): a SIGKILL or SIGTERM then is its own, not the program's end. */
export const RUN_ENDED_BY_TOOL: ReadonlySet<string> = new Set(['hung', 'timeout', 'stopped', 'stuck']);
const TOOL_SIGNALS = new Set(['SIGKILL', 'SIGTERM']);

/** Whether an end is worth telling as the program's: not one ipc-demo caused by ending the run. */
export function programsOwnEnd(status: WaitStatus, runEndedByTool: boolean): boolean {
  return !(runEndedByTool && status.signal !== null && TOOL_SIGNALS.has(status.signal));
}

/** The watchdog's `hung` note, for a program of the learner's: their loop, not ipc-demo's bug. */
export function programHung(where: string, lang: Lang): string {
  return words[lang].hung(where);
}

/**
 * The screen's notes for a run of C programs: the controller's notes with a crash told by how
 * each process ended (not "a runner failed") and a loop as the program's, then each process
 * that died of a signal or exited non-zero. `error` says which are failures.
 */
export function programNotes(
  notes: readonly NoteEvent[],
  procs: readonly ProcView[],
  whereOf: (proc: ProcView) => string,
  noteText: (note: NoteEvent) => string,
  lang: Lang,
): { text: string; error: boolean }[] {
  const told = notes.flatMap((note) => {
    if (note.code === 'runner-failed') return [];
    const proc = procs.find((p) => p.pid === Number(note.detail));
    if (note.code === 'hung') return [{ text: programHung(proc ? whereOf(proc) : '', lang), error: true }];
    return [{ text: noteText(note), error: !INFORMATIVE_NOTES.has(note.code) }];
  });
  const endedByTool = notes.some((note) => RUN_ENDED_BY_TOOL.has(note.code));
  const ends = procs.flatMap((proc) => {
    const text = proc.exit && programsOwnEnd(proc.exit, endedByTool) ? programEnd(proc.exit, `${roleLabel(proc.role, lang)} ${proc.pid}`, whereOf(proc), lang) : undefined;
    return text ? [{ text, error: true }] : [];
  });
  // One note for all: the screen shows its last two notes, and the end of the run is one of them.
  return [...told, ...(ends.length > 0 ? [{ text: ends.map((end) => end.text).join(' '), error: true }] : [])];
}
