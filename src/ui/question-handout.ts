// --plain with questions: a handout. Each question is printed where its process reaches the
// step, before the line runs; the answer follows as soon as the run has shown it.
import chalk from 'chalk';
import { forMedium } from '../demos/lesson.js';
import type { DemoMeta, Lang, VariantMeta } from '../demos/types.js';
import type { RunEvent } from '../runtime/events.js';
import type { Entry } from './model.js';
import { questionText } from './question-strings.js';
import { CHOICE_KEYS, outcomeOf, questionAt, reveal, type Asked, type Outcome } from './questions.js';

export interface Handout {
  /** The lines to print after this event's own: a question, an answer. */
  event(event: RunEvent): string[];
  /** At the end of the run: the answers only the end shows (what /proc/sysvipc still held), or that none came. */
  end(): string[];
}

export function handout(demo: DemoMeta, variant: VariantMeta, lang: Lang): Handout {
  const t = questionText[lang];
  const entries: Entry[] = [];
  const ids = new Set<string>();
  let pending: Asked[] = [];

  const questionLines = (asked: Asked): string[] => {
    const q = asked.question;
    const choices = q.choices ? q.choices.map((c, i) => `        ${CHOICE_KEYS[i]}) ${c.text[lang]}`) : [`        ${t.aNumber}`];
    return [chalk.bold(`    ? ${t.question}${q.prompt[lang]}`), ...choices];
  };
  const answerLines = (asked: Asked, outcome: Outcome | undefined): string[] => {
    if (!outcome) return [`    → ${t.handoutAnswer}${t.noOutcome}`];
    const r = reveal(asked.question, outcome, null, lang);
    return [
      chalk.bold(`    → ${t.handoutAnswer}${r.answer}`) + ` — ${r.result}`,
      ...(r.why ? [chalk.dim(`      ${forMedium(r.why, 'plain')}`)] : []),
      ...(r.racy ? [chalk.dim(`      ${t.otherRuns}${r.racy}`)] : []),
    ];
  };
  const settle = (ended: boolean): string[] => {
    const lines: string[] = [];
    pending = pending.filter((asked) => {
      const outcome = outcomeOf(asked, entries, ended);
      if (!outcome && !ended) return true;
      lines.push(...answerLines(asked, outcome));
      return false;
    });
    return lines;
  };

  return {
    event(event) {
      entries.push(event);
      const lines = settle(false);
      if (event.kind !== 'step') return lines;
      const question = questionAt(demo, variant, entries, entries.length - 1, ids);
      if (!question) return lines;
      ids.add(question.id);
      const asked = { question, pid: event.pid, at: entries.length - 1 };
      pending.push(asked);
      return [...lines, ...questionLines(asked)];
    },
    end: () => settle(true),
  };
}
