// What the screen says at a step of a C program compiled with the native runtime, whose
// `step` is a source line number: a learner's program has no lessons, so the narration is
// what the process's last call did ("pipe() returned 0: fds 3 (read end) and 4 (write
// end)"); a built-in listing compiled (`--native`) tells the lesson of the line's marker.
import { stepLesson } from '../demos/lesson.js';
import { markerAt, stepLine, type Listing } from '../demos/listing.js';
import type { DemoMeta, Lang, VariantMeta } from '../demos/types.js';
import type { TraceValue, WaitStatus } from '../runtime/protocol.js';
import { formatCall, formatStatus, formatValue } from './format.js';
import type { ProcView } from './model.js';

const words = {
  en: {
    returned: 'returned',
    failed: 'failed:',
    fds: (r: number, w: number) => `fds ${r} (read end) and ${w} (write end)`,
    forkChild: 'this is the child',
    forkParent: "the child's pid",
    eof: 'end of file: no write end is open any more',
    bytesRead: (n: number) => `${n} byte${n === 1 ? '' : 's'} read`,
    bytesWritten: (n: number) => `${n} byte${n === 1 ? '' : 's'} written`,
    reaped: (pid: number, status: string) => `child ${pid} ${status}`,
    newFd: (fd: number) => `the new fd is ${fd}`,
    inCall: (call: string) => `${call} has not returned: the process waits in the kernel.`,
    about: (line: number) => `Stopped before line ${line} runs.`,
    start: 'Not started yet.',
  },
  zh: {
    returned: '返回',
    failed: '失败：',
    fds: (r: number, w: number) => `fd ${r}（读端）和 fd ${w}（写端）`,
    forkChild: '这里是子进程',
    forkParent: '子进程的 pid',
    eof: '读到文件末尾：已经没有打开的写端了',
    bytesRead: (n: number) => `读到 ${n} 个字节`,
    bytesWritten: (n: number) => `写入 ${n} 个字节`,
    reaped: (pid: number, status: string) => `子进程 ${pid} ${status}`,
    newFd: (fd: number) => `新的 fd 是 ${fd}`,
    inCall: (call: string) => `${call} 还没有返回：进程正在内核里等待。`,
    about: (line: number) => `停在第 ${line} 行之前，这一行还没有执行。`,
    start: '还没有开始。',
  },
} as const;

/** What a returned value means, for the calls whose value needs saying; undefined for the others. */
export function resultMeaning(name: string, value: TraceValue | undefined, lang: Lang): string | undefined {
  const w = words[lang];
  if (name === 'pipe' && Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') return w.fds(value[0], value[1]);
  if (typeof value === 'number' && value >= 0) {
    if (name === 'fork') return value === 0 ? w.forkChild : w.forkParent;
    if (name === 'read' || name === 'recv' || name === 'recvfrom' || name === 'msgrcv') return value === 0 && name === 'read' ? w.eof : w.bytesRead(value);
    if (name === 'write' || name === 'send' || name === 'sendto') return w.bytesWritten(value);
    if (name === 'open' || name === 'dup' || name === 'accept' || name === 'socket') return w.newFd(value);
  }
  if (name === 'waitpid' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { pid, status } = value as { pid?: number; status?: WaitStatus };
    if (typeof pid === 'number' && status) return w.reaped(pid, formatStatus(status, lang));
  }
  return undefined;
}

/** "pipe() returned 0: fds 3 (read end) and 4 (write end)", "read() failed: EINTR". */
export function resultText(ret: NonNullable<ProcView['lastReturn']>, lang: Lang): string {
  const w = words[lang];
  if (ret.errno) return `${ret.name}() ${w.failed}${lang === 'zh' ? '' : ' '}${ret.errno}`;
  // pipe() returns 0 and fills in the fds: the event's value is the fds.
  const value = ret.name === 'pipe' ? '0' : formatValue(ret.value);
  const meaning = resultMeaning(ret.name, ret.value, lang);
  return `${ret.name}() ${w.returned} ${value}${meaning ? `${lang === 'zh' ? '：' : ': '}${meaning}` : ''}`;
}

/** A process of a program with no lessons: its call under way, or its last call's result and the line it stands before. */
export function callNarration(proc: ProcView, lang: Lang): string {
  const w = words[lang];
  if (proc.call) return w.inCall(formatCall(proc.call.name, proc.call.args));
  const last = proc.lastReturn ? resultText(proc.lastReturn, lang) : '';
  const line = proc.step !== null && /^\d+$/.test(proc.step) ? Number(proc.step) : null;
  const about = proc.atStep && line !== null ? w.about(line) : '';
  const text = [last, about].filter(Boolean).join(lang === 'zh' ? '。' : '. ');
  return text || w.start;
}

/**
 * The narration at a line-number step: the lesson of the marker on that line when the listing
 * has one (a built-in listing compiled with --native), else what the process's calls did.
 */
export function lineNarration(demo: DemoMeta, variant: VariantMeta, listing: Listing | undefined, proc: ProcView, lang: Lang): string {
  const line = listing && proc.step !== null ? stepLine(listing, proc.step) : undefined;
  const marker = listing && line !== undefined ? markerAt(listing, line) : undefined;
  const lesson = marker === undefined ? undefined : stepLesson(demo, variant.id, proc.listingRole, marker)?.[lang];
  return lesson ?? callNarration(proc, lang);
}
