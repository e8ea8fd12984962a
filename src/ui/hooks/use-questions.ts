// Predict, then reveal, on the interactive screen: before a process runs a line that has a
// question, the key that would let it go asks instead; the answer lets it go, and the run's
// own record then reveals what really happened.
import type { Key } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { forMedium } from '../../demos/lesson.js';
import type { DemoMeta, Lang, Question, VariantMeta } from '../../demos/types.js';
import type { Run } from '../../runtime/controller.js';
import { updateProgress, withAnswer } from '../../runtime/progress.js';
import type { Entry } from '../model.js';
import { questionText } from '../question-strings.js';
import { CHOICE_KEYS, outcomeOf, questionAt, reveal, type Pick } from '../questions.js';

/** A question put to a process at the run's n-th step event (n counts from 1, in any record of the run). */
interface Put {
  readonly question: Question;
  readonly pid: number;
  readonly stepNo: number;
}

export interface QuestionsState {
  /** The question on screen, waiting for an answer, and the number typed so far. */
  readonly asking: Put | null;
  readonly typed: string;
  /** The space bar in step mode: true if it asked a question, or keeps the key for the next process to stop (a question may be asked there). */
  readonly press: (preferred: number | undefined) => boolean;
  /** A key while a question is asked: true if it was the question's. */
  readonly onKey: (input: string, key: Key) => boolean;
  /** The last answered question's reveal, once the run shows it (or that it is on its way). */
  readonly note: (lang: Lang) => string | null;
}

/** Where the n-th step event is in `entries` (-1: not there yet). */
function stepIndex(entries: readonly Entry[], stepNo: number): number {
  let seen = 0;
  for (let i = 0; i < entries.length; i++) if (entries[i]!.kind === 'step' && ++seen === stepNo) return i;
  return -1;
}

export function useQuestions(run: Run, demo: DemoMeta, variant: VariantMeta, entries: readonly Entry[], ended: boolean, enabled: boolean, go: (pid: number) => void): QuestionsState {
  const [asking, setAsking] = useState<Put | null>(null);
  const [typed, setTypedState] = useState('');
  // Read by the key handler: "17" and Enter in one chunk are three keys in one render.
  const typedRef = useRef('');
  const setTyped = (change: (was: string) => string) => {
    typedRef.current = change(typedRef.current);
    setTypedState(typedRef.current);
  };
  const [answered, setAnswered] = useState<{ readonly put: Put; readonly pick: Pick } | null>(null);
  // Refs, not state: two keys in one chunk must see what the first did.
  const askedIds = useRef(new Set<string>());
  const askingRef = useRef<Put | null>(null);
  /** A key pressed while no process waited at a line: kept for the next one that does (as the controller keeps it without questions). */
  const held = useRef<{ preferred: number | undefined } | null>(null);

  /** Ask `pid` its question at the line it waits on, if it has one. The run's own record is read: it is never behind the screen's. */
  const ask = (pid: number): boolean => {
    const events = run.events;
    let at = -1;
    for (let i = events.length - 1; i >= 0 && at === -1; i--) if (events[i]!.kind === 'step' && events[i]!.pid === pid) at = i;
    const question = at === -1 ? undefined : questionAt(demo, variant, events, at, askedIds.current);
    if (!question) return false;
    askedIds.current.add(question.id);
    const put = { question, pid, stepNo: events.slice(0, at + 1).filter((e) => e.kind === 'step').length };
    askingRef.current = put;
    setAsking(put);
    return true;
  };

  const press = (preferred: number | undefined): boolean => {
    if (!enabled) return false;
    if (askingRef.current) return true;
    const pid = run.nextToAdvance(preferred);
    if (pid === null) {
      held.current = { preferred };
      return true;
    }
    // This key is the one that moves on: one held before it must not let the process go on as well.
    held.current = null;
    return ask(pid);
  };

  // A held key goes to the first process that stops at a line: asked first, if its line has a question.
  useEffect(() => {
    if (!enabled || askingRef.current) held.current = null;
    if (!held.current) return;
    const pid = run.nextToAdvance(held.current.preferred);
    if (pid === null) return;
    held.current = null;
    if (!ask(pid)) go(pid);
  });

  const answer = (pick: Pick) => {
    const put = askingRef.current;
    if (!put) return;
    askingRef.current = null;
    setAsking(null);
    setTyped(() => '');
    setAnswered({ put, pick });
    go(put.pid);
  };

  const onKey = (input: string, key: Key): boolean => {
    const put = askingRef.current;
    if (!put) return false;
    if (key.escape) answer(null);
    else if (put.question.choices) {
      const choice = CHOICE_KEYS.indexOf(input.toLowerCase() as (typeof CHOICE_KEYS)[number]);
      if (choice !== -1 && choice < put.question.choices.length) answer({ choice });
    } else if (/^[0-9]$/.test(input) || (input === '-' && typedRef.current === '')) setTyped((t) => (t.length < 12 ? t + input : t));
    else if (key.backspace || key.delete) setTyped((t) => t.slice(0, -1));
    else if (key.return && /^-?\d+$/.test(typedRef.current)) answer({ number: Number(typedRef.current) });
    // The language and the help still work; every other key belongs to the question.
    return input !== 'l' && input !== '?';
  };

  /** What the run showed of the answered question's line, once it has. */
  const outcomeNow = () => {
    if (!answered) return undefined;
    const at = stepIndex(entries, answered.put.stepNo);
    return at === -1 ? undefined : outcomeOf({ question: answered.put.question, pid: answered.put.pid, at }, entries, ended);
  };

  // A question answered right counts in the learner's progress (kept between runs; a failure to save is not theirs).
  const counted = useRef(new Set<string>());
  useEffect(() => {
    if (!answered || answered.pick === null || counted.current.has(answered.put.question.id)) return;
    const outcome = outcomeNow();
    if (!outcome || reveal(answered.put.question, outcome, answered.pick, 'en').right !== true) return;
    counted.current.add(answered.put.question.id);
    updateProgress((p) => withAnswer(p, answered.put.question.id));
  });

  const note = (lang: Lang): string | null => {
    if (!answered) return null;
    const t = questionText[lang];
    const outcome = outcomeNow();
    if (!outcome) return ended ? t.theRunEnded : t.waiting;
    const r = reveal(answered.put.question, outcome, answered.pick, lang);
    const verdict = answered.pick === null ? t.skipped : r.right === undefined ? '' : r.right ? t.right : t.wrong;
    const space = lang === 'en' ? ' ' : '';
    return [t.revealed(r.result, r.answer), verdict, r.why === undefined ? undefined : forMedium(r.why, 'screen'), r.racy ? `${t.otherRuns}${r.racy}` : undefined].filter(Boolean).join(space);
  };

  return { asking, typed, press, onKey, note };
}
