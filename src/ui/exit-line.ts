// The line said on stderr when ipc-demo ends: what ending the run(s) removed, from what the
// controller reports it removed (RunResult.removed), in the learner's language.
import type { Lang } from '../demos/types.js';
import type { RunResult } from '../runtime/controller.js';
import { strings } from './strings.js';

type S = (typeof strings)[Lang];

const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

/** `msg 32802 (key 0x…)` as the learner names it: message queue 32802. */
function objectName(object: string, s: S): string {
  const [, kind, id] = /^(shm|msg|sem) (\d+)/.exec(object) ?? [];
  const template = kind === 'shm' ? s.exitShm : kind === 'msg' ? s.exitMsg : kind === 'sem' ? s.exitSem : '{id}';
  return fill(template, { id: id ?? object });
}

export function exitLine(results: readonly RunResult[], lang: Lang): string {
  const s = strings[lang];
  const sep = lang === 'zh' ? '、' : ', ';
  const all = results.map((r) => r.removed);
  const processes = all.reduce((n, r) => n + r.processes.length, 0);
  const parts = [
    ...all.flatMap((r) => r.objects.map((o) => objectName(o, s))),
    ...all.flatMap((r) => r.paths.map((p) => fill(p.type === 'fifo' ? s.exitFifo : s.exitSocket, { path: p.path }))),
    ...(processes === 0 ? [] : [processes === 1 ? s.exitProcess : fill(s.exitProcesses, { n: processes })]),
  ];
  const failed = all.flatMap((r) => r.failed);
  const clauses = [
    // "Nothing left" would be untrue beside an object that could not be removed.
    ...(parts.length > 0 ? [fill(s.exitRemoved, { what: parts.join(sep) })] : failed.length > 0 ? [] : [s.exitNothing]),
    ...(all.some((r) => r.sharedKept) ? [s.exitShared] : []),
    ...(failed.length > 0 ? [fill(s.exitFailed, { what: failed.join(sep) })] : []),
  ];
  const line = `${clauses.join(lang === 'zh' ? '；' : '; ')}${lang === 'zh' ? '。' : '.'}`;
  return line.startsWith('ipc-demo') ? line : `ipc-demo${lang === 'zh' ? '：' : ': '}${line}`;
}
