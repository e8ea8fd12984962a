// What an exercise is (issue 13): a task, a starter program the learner fixes, hints, and a
// check that reads what the learner's program did — the calls it made and what they returned,
// how its processes ended, and the kernel's view while it ran — never its source text.
// Exercises live in their mechanism's folder (exercises.ts beside meta.ts), starters in its
// exercises/ folder; the runtime (src/runtime/lab-check.ts) runs the program and builds the
// evidence, so nothing here starts a process.
import type { Text } from './types.js';

/** One traced call of the learner's program, with its result if it returned. */
export interface CallRecord {
  readonly pid: number;
  /** 'main' for the program's first process, 'child' for a process it forked. */
  readonly role: string;
  readonly name: string;
  readonly args: readonly unknown[];
  /** The source line of the call. */
  readonly line: number | null;
  readonly returned: boolean;
  /** Where its return came among the run's events: calls in the order they returned, across processes. */
  readonly returnedAt?: number;
  readonly value?: unknown;
  readonly errno?: string;
}

export interface FdView {
  readonly fd: number;
  readonly kind: string;
  readonly inode: number | null;
  readonly access: 'r' | 'w' | 'rw' | null;
}

/** One process as the kernel showed it at one moment (/proc). */
export interface ProcessView {
  readonly pid: number;
  readonly role: string;
  readonly state: string | null;
  readonly fds: readonly FdView[];
  /** Its shared mappings: perms (`rw-s`) and what is mapped (`/dev/zero (deleted)`, `/memfd:…`, `/SYSV…`). */
  readonly maps: readonly { readonly perms: string; readonly name: string }[];
  readonly sigBlk: readonly string[];
}

export interface Evidence {
  /** Every traced call, in the order the calls were made. */
  readonly calls: readonly CallRecord[];
  /** Output lines, by the process that wrote them. */
  readonly output: readonly { readonly pid: number; readonly role: string; readonly text: string }[];
  /** How each process ended: an exit code, or the signal that killed it. */
  readonly exits: readonly { readonly pid: number; readonly role: string; readonly code: number | null; readonly signal: string | null }[];
  /** The run ended because every process was blocked in a call nothing would end. */
  readonly stuck: boolean;
  /** The run ended some other way than by its processes' own end (a timeout, the watchdog). */
  readonly abnormal: Text | null;
  /** The kernel's view before each step (in `run` mode: as the watch polled it), in order; the last is the view the run ended in. */
  readonly views: readonly (readonly ProcessView[])[];
  /** System V objects the program left behind (removed afterwards by ipc-demo): `shm 32802 (key 0x…)`. */
  readonly leftBehind: readonly string[];
  /** The paths `{dir}/name` of the exercise's argv became, by name. */
  readonly pathArgs: Readonly<Record<string, string>>;
  /** Which run of the program this is (1-based), of how many the exercise makes. */
  readonly run: number;
  readonly runs: number;
}

export type Verdict = { readonly pass: true; readonly evidence: Text } | { readonly pass: false; readonly evidence: Text };

export interface Exercise {
  /** `pipe-eof`: the mechanism's id, then what it is about. */
  readonly id: string;
  readonly title: Text;
  /** What to do, a few sentences, with how the check decides. */
  readonly task: Text;
  /** The starter's file name in the demo's exercises/ folder, as written into the learner's directory. */
  readonly file: string;
  readonly starter: string;
  /** Hints, gentlest first. */
  readonly hints: readonly Text[];
  /**
   * argv[1…] of the program. `{dir}/name` becomes a path in the run's private directory (given in
   * `Evidence.pathArgs` under `name`), which does not exist unless `setup` makes it.
   */
  readonly argv?: readonly string[];
  /** What is at a path before the program starts: `stale-socket` is a Unix socket file no one listens on. */
  readonly setup?: Readonly<Record<string, 'stale-socket'>>;
  /** Runs of the program, each checked: more than one for a property a race could make true by luck. */
  readonly runs?: number;
  /**
   * How the program runs under the check. `step` (the default): each process stops before every
   * traced call and the kernel is read there, so `Evidence.views` has the view before each step.
   * `run`: it runs as in a terminal, every call still recorded, the kernel read as often as the
   * watch can poll (each view one it took while the program ran). For a race, whose outcome
   * stepping would decide, and for thousands of calls: a step waits for a read of /proc.
   */
  readonly mode?: 'step' | 'run';
  readonly check: (evidence: Evidence) => Verdict;
}

export const pass = (evidence: Text): Verdict => ({ pass: true, evidence });
export const fail = (evidence: Text): Verdict => ({ pass: false, evidence });

/** The calls named `name` (of one role, if given). */
export function callsOf(evidence: Evidence, name: string | readonly string[], role?: string): CallRecord[] {
  const names = typeof name === 'string' ? [name] : name;
  return evidence.calls.filter((call) => names.includes(call.name) && (role === undefined || call.role === role));
}

/** Calls that do not return when they work. */
const NO_RETURN = /^(exit|_exit|_Exit|exec[lv]p?e?)$/;

/** The calls that never returned (blocked in them when the run ended), one per process at most. */
export function blockedCalls(evidence: Evidence): CallRecord[] {
  const last = new Map<number, CallRecord>();
  for (const call of evidence.calls) last.set(call.pid, call);
  return [...last.values()].filter((call) => !call.returned && !NO_RETURN.test(call.name));
}

/** `line 31` / `第 31 行`, or nothing when the call's line is not known. */
export function at(call: CallRecord | undefined): Text {
  return call?.line ? { en: ` at line ${call.line}`, zh: `（第 ${call.line} 行）` } : { en: '', zh: '' };
}

/** Every process ended with exit code 0: the failure, said, when one did not. */
export function cleanEnd(evidence: Evidence): Verdict | null {
  if (evidence.stuck) {
    const blocked = blockedCalls(evidence);
    const where = blocked.map((c) => `${c.name}()${at(c).en} (${c.role} ${c.pid})`).join(', ');
    const whereZh = blocked.map((c) => `${c.name}()${at(c).zh}（${c.role} ${c.pid}）`).join('、');
    return fail({ en: `Your program never finished: every process was blocked, in ${where || 'a call'}.`, zh: `你的程序没有结束：所有进程都被阻塞了，停在 ${whereZh || '某个调用'}。` });
  }
  if (evidence.abnormal) return fail({ en: `Your program did not end by itself: ${evidence.abnormal.en}.`, zh: `你的程序没有自己结束：${evidence.abnormal.zh}。` });
  const bad = evidence.exits.find((e) => e.code !== 0);
  if (bad) {
    const how = bad.signal ? { en: `was killed by ${bad.signal}`, zh: `被 ${bad.signal} 杀死` } : { en: `exited with ${bad.code}`, zh: `以退出码 ${bad.code} 结束` };
    return fail({ en: `Process ${bad.pid} (${bad.role}) ${how.en}; every process must exit with 0.`, zh: `进程 ${bad.pid}（${bad.role}）${how.zh}；每个进程都应以 0 退出。` });
  }
  return null;
}
