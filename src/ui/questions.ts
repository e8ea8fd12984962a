// Predict, then reveal: which question to ask before a process runs a step, and what the run
// then shows its answer to be. The answer is read from the run's own record (a call's return,
// a signal that ended it, the memory the process reported, what /proc/sysvipc held at the end),
// never from the question: a choice only says what the run must show for it to be true.
import type { DemoMeta, Lang, Match, Question, VariantMeta } from '../demos/types.js';
import type { TraceValue } from '../runtime/protocol.js';
import { formatValue } from './format.js';
import type { Entry } from './model.js';
import { questionText } from './question-strings.js';

/** A question put to one process, at the step event `at` (its index in the run's entries). */
export interface Asked {
  readonly question: Question;
  readonly pid: number;
  readonly at: number;
}

export type Outcome =
  | { readonly kind: 'returned'; readonly call: string; readonly value: TraceValue | undefined; readonly errno?: string }
  | { readonly kind: 'blocked'; readonly call: string }
  | { readonly kind: 'killed'; readonly signal: string }
  | { readonly kind: 'exited'; readonly code: number | null }
  | { readonly kind: 'count'; readonly step: string; readonly count: number }
  | { readonly kind: 'memory'; readonly text: string; readonly int: number }
  | { readonly kind: 'leak'; readonly leaked: boolean };

/** The role whose listing `pid` runs (a forked child runs its parent's), from the hellos before `upTo`. */
function listingRole(entries: readonly Entry[], pid: number, upTo: number): string | undefined {
  const roles = new Map<number, string>();
  for (let i = 0; i < upTo; i++) {
    const entry = entries[i]!;
    if (entry.kind !== 'hello' || roles.has(entry.pid)) continue;
    roles.set(entry.pid, entry.role === 'child' ? (roles.get(entry.ppid) ?? entry.role) : entry.role);
  }
  return roles.get(pid);
}

/**
 * The question for the process whose step event is `entries[at]`, if one is asked there and
 * has not been asked yet in this run (`asked` holds question ids): each is asked once, of the
 * first process of its role to reach the step its n-th time.
 */
export function questionAt(demo: DemoMeta, variant: VariantMeta, entries: readonly Entry[], at: number, asked: ReadonlySet<string>): Question | undefined {
  const entry = entries[at];
  if (entry?.kind !== 'step') return undefined;
  let occurrence = 0;
  for (let i = 0; i <= at; i++) {
    const e = entries[i]!;
    if (e.kind === 'step' && e.pid === entry.pid && e.step === entry.step) occurrence++;
  }
  const role = listingRole(entries, entry.pid, at);
  return demo.questions?.find(
    (q) =>
      !asked.has(q.id) &&
      q.step === entry.step &&
      (q.occurrence ?? 1) === occurrence &&
      (q.variants === undefined || q.variants.includes(variant.id)) &&
      (q.role === undefined || q.role === role),
  );
}

/** The value at a dotted path of an object value (`status.signal`). */
function at(value: TraceValue | undefined, path: string | undefined): TraceValue | undefined {
  if (path === undefined) return value;
  let here: TraceValue | undefined = value;
  for (const key of path.split('.')) {
    if (here === null || typeof here !== 'object' || Array.isArray(here)) return undefined;
    here = (here as Record<string, TraceValue>)[key];
  }
  return here;
}

/** How the process left the line if it did not return: killed, or exited, or stuck in it. */
function leftWithout(entry: Entry, pid: number, call: string): Outcome | undefined {
  if (entry.kind === 'exit' && entry.pid === pid) return entry.status.signal ? { kind: 'killed', signal: entry.status.signal } : { kind: 'exited', code: entry.status.code };
  if (entry.kind === 'note' && entry.code === 'stuck') return { kind: 'blocked', call };
  return undefined;
}

function returnOutcome(asked: Asked, entries: readonly Entry[], call: string, field?: string): Outcome | undefined {
  for (let i = asked.at + 1; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.kind === 'return' && entry.pid === asked.pid && entry.name === call && entry.step === asked.question.step) {
      return { kind: 'returned', call, value: at(entry.value, field), ...(entry.errno ? { errno: entry.errno } : {}) };
    }
    const left = leftWithout(entry, asked.pid, call);
    if (left) return left;
  }
  return undefined;
}

/** The steps `step` taken inside the line's call (a handler's), counted once the call has returned. */
function countOutcome(asked: Asked, entries: readonly Entry[], step: string): Outcome | undefined {
  let count = 0;
  for (let i = asked.at + 1; i < entries.length; i++) {
    const entry = entries[i]!;
    const left = leftWithout(entry, asked.pid, asked.question.step);
    if (left) return left;
    if (entry.kind === 'kernel' || entry.pid !== asked.pid) continue;
    if (entry.kind === 'step' && entry.step === step) count++;
    if (entry.kind === 'return' && entry.step === asked.question.step) return { kind: 'count', step, count };
  }
  return undefined;
}

function decodeMemory(hex: string): { text: string; int: number } {
  const bytes = Buffer.from(hex, 'hex');
  const nul = bytes.indexOf(0);
  return { text: bytes.subarray(0, nul === -1 ? bytes.length : nul).toString('utf8'), int: bytes.length >= 4 ? bytes.readInt32LE(0) : 0 };
}

/** The process's first mapping as it last reported it before it went on from the line (its next step, or its end). */
function memoryOutcome(asked: Asked, entries: readonly Entry[]): Outcome | undefined {
  let end = -1;
  for (let i = asked.at + 1; i < entries.length && end === -1; i++) {
    const entry = entries[i]!;
    if (entry.kind === 'exit' && entry.pid === asked.pid && entry.status.signal) return { kind: 'killed', signal: entry.status.signal };
    if ((entry.kind === 'step' || entry.kind === 'exit') && entry.pid === asked.pid) end = i;
  }
  if (end === -1) return undefined;
  for (let i = end - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (entry.kind === 'state' && entry.pid === asked.pid && entry.memory?.[0]) return { kind: 'memory', ...decodeMemory(entry.memory[0].hex) };
  }
  return undefined;
}

/** Whether the controller found an object of `kind` in /proc/sysvipc once the run was over. */
function leakOutcome(entries: readonly Entry[], kind: string, ended: boolean): Outcome | undefined {
  if (!ended) return undefined;
  const leaked = entries.some((e) => e.kind === 'note' && (e.code === 'leak-removed' || e.code === 'leak-left') && e.detail.startsWith(`${kind} `));
  return { kind: 'leak', leaked };
}

/** What the run shows for an asked question, once it shows it (undefined until then). */
export function outcomeOf(asked: Asked, entries: readonly Entry[], ended: boolean): Outcome | undefined {
  const reveal = asked.question.reveal;
  switch (reveal.from) {
    case 'return':
      return returnOutcome(asked, entries, reveal.call, reveal.field);
    case 'count':
      return countOutcome(asked, entries, reveal.step);
    case 'memory':
      return memoryOutcome(asked, entries);
    case 'leak':
      return leakOutcome(entries, reveal.kind, ended);
  }
}

/** The number or text an outcome stands for, where it has one. */
export function outcomeValue(question: Question, outcome: Outcome): TraceValue | undefined {
  switch (outcome.kind) {
    case 'returned':
      return outcome.value;
    case 'count':
      return outcome.count;
    case 'memory':
      return question.reveal.from === 'memory' && question.reveal.as === 'int' ? outcome.int : outcome.text;
    default:
      return undefined;
  }
}

export function matches(when: Match, question: Question, outcome: Outcome): boolean {
  if (when.blocked) return outcome.kind === 'blocked';
  if (when.killedBy !== undefined) return outcome.kind === 'killed' && outcome.signal === when.killedBy;
  if (when.leaked !== undefined) return outcome.kind === 'leak' && outcome.leaked === when.leaked;
  if (outcome.kind !== 'returned' && outcome.kind !== 'count' && outcome.kind !== 'memory') return false;
  const value = outcomeValue(question, outcome);
  if (when.value !== undefined && value !== when.value) return false;
  if (when.errno !== undefined && (outcome.kind !== 'returned' || outcome.errno !== when.errno)) return false;
  if (when.min !== undefined && !(typeof value === 'number' && value >= when.min)) return false;
  if (when.max !== undefined && !(typeof value === 'number' && value <= when.max)) return false;
  return true;
}

/** The choices (by index) the outcome makes true; for a number question, none. */
export function trueChoices(question: Question, outcome: Outcome): number[] {
  return (question.choices ?? []).flatMap((choice, i) => (matches(choice.when, question, outcome) ? [i] : []));
}

export const CHOICE_KEYS = ['a', 'b', 'c', 'd'] as const;

/** What the learner picked: a choice's index, or a number typed. */
export type Pick = { readonly choice: number } | { readonly number: number } | null;

export interface Revealed {
  /** What the run did, in words: `read() = 0`. */
  readonly result: string;
  /** The answer the run makes true: `b) 0: end of file`, or the number. */
  readonly answer: string;
  /** Whether the learner's pick was that answer (undefined: no pick, or no choice fits). */
  readonly right: boolean | undefined;
  readonly why: string | undefined;
  readonly racy: string | undefined;
}

export function describeOutcome(outcome: Outcome, lang: Lang, field?: string): string {
  const t = questionText[lang];
  switch (outcome.kind) {
    case 'returned':
      return `${outcome.call}()${field ? ` → ${field}` : ''} = ${formatValue(outcome.value ?? null)}${outcome.errno ? ` ${outcome.errno}` : ''}`;
    case 'blocked':
      return t.blocked(outcome.call);
    case 'killed':
      return t.killed(outcome.signal);
    case 'exited':
      return t.exited(outcome.code);
    case 'count':
      return t.count(outcome.step, outcome.count);
    case 'memory':
      return t.memory(JSON.stringify(outcome.text), outcome.int);
    case 'leak':
      return outcome.leaked ? t.leaked : t.notLeaked;
  }
}

export function reveal(question: Question, outcome: Outcome, pick: Pick, lang: Lang): Revealed {
  const t = questionText[lang];
  const field = question.reveal.from === 'return' ? question.reveal.field : undefined;
  const result = describeOutcome(outcome, lang, field);
  const racy = question.racy?.[lang];
  if (!question.choices) {
    const value = outcomeValue(question, outcome);
    const answer = typeof value === 'number' ? String(value) : t.noAnswer;
    const right = pick && 'number' in pick && typeof value === 'number' ? pick.number === value : undefined;
    return { result, answer, right, why: typeof value === 'number' ? question.why?.[lang] : undefined, racy };
  }
  const fits = trueChoices(question, outcome);
  const answer = fits.length === 0 ? t.noAnswer : fits.map((i) => `${CHOICE_KEYS[i]}) ${question.choices![i]!.text[lang]}`).join(` ${t.or} `);
  const right = pick && 'choice' in pick && fits.length === 1 ? pick.choice === fits[0] : undefined;
  const why = fits.length === 1 ? (question.choices[fits[0]!]!.why ?? question.why)?.[lang] : undefined;
  return { result, answer, right, why, racy };
}

/** Every question a run asks, in the order its processes reached them (the handout's, a test's view). */
export function askedIn(demo: DemoMeta, variant: VariantMeta, entries: readonly Entry[]): Asked[] {
  const asked: Asked[] = [];
  const ids = new Set<string>();
  entries.forEach((entry, i) => {
    if (entry.kind !== 'step') return;
    const question = questionAt(demo, variant, entries, i, ids);
    if (!question) return;
    ids.add(question.id);
    asked.push({ question, pid: entry.pid, at: i });
  });
  return asked;
}
