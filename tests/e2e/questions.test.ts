// Predict, then reveal, for real: every variant of every demo runs, and each question the run
// asks has its answer in that run's own events — the value a return event carried, the signal
// that ended the process, the memory it reported, the objects /proc/sysvipc held at the end.
import { describe, expect, it } from 'vitest';
import { demos } from '../../src/demos/registry.js';
import type { TraceValue } from '../../src/runtime/protocol.js';
import type { Entry } from '../../src/ui/model.js';
import { askedIn, outcomeOf, reveal, trueChoices, type Asked } from '../../src/ui/questions.js';
import { expectNothingLeft, recordRun } from '../helpers/run.js';

/**
 * What each question's answer must be in each variant: a choice index, or a number. A race
 * lists every answer it can give; the test then checks the one the run gave is among them.
 */
const EXPECTED: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number | readonly number[]>>>>>> = {
  pipe: {
    basic: { 'first-read': 17, 'read-again': 1 },
    unclosed: { 'read-again': 3 },
    'reader-gone': { 'no-reader': 2 },
    'reader-gone-ignore': { 'no-reader': 3 },
    fill: { capacity: 65536 },
  },
  'anon-mem': {
    memfd: { 'parent-sees': 0 },
    mmap: { 'parent-sees': 0 },
    private: { 'parent-sees': 1, 'child-sees': 0 },
    'no-wait': { 'read-early': [0, 1], 'parent-sees': 0 },
  },
  signal: {
    robust: { 'sigsuspend-returns': 1, 'kill-blocked': 0 },
    textbook: { 'child-ends': [0, 1, 2] },
    'textbook-race': { 'child-ends': [0, 1, 2] },
    sigwaitinfo: { 'kill-blocked': 0 },
    queueing: { 'handler-runs': 4 },
  },
  fifo: {
    basic: { 'who-makes-it': [0, 1], 'read-after-close': 1 },
    nonblock: { 'nonblock-open': 1 },
    'not-fifo': {},
    atomic: {},
    torn: {},
  },
  shm: {
    basic: { nattch: 2, 'after-last-shmdt': 0 },
    leak: { nattch: 2, 'after-last-shmdt': 1 },
    race: { count: [0, 1] },
    semaphore: { count: 0 },
  },
  msgq: {
    types: { 'negative-type': 2, nowait: 1, qnum: 1 },
    'size-bug': {},
  },
  socket: {
    stream: { 'stream-eof': 0 },
    stale: { 'stale-bind': 1, 'stream-eof': 0 },
    dgram: { 'dgram-first-connect': [0, 1], 'dgram-boundaries': 3 },
    abstract: { 'stream-eof': 0 },
    tcp: {},
  },
};

/** The return event of the asked line's call, found here by hand: what the answer must have come from. */
function returnOf(entries: readonly Entry[], asked: Asked): { value?: TraceValue; errno?: string } | undefined {
  const call = asked.question.reveal.from === 'return' ? asked.question.reveal.call : undefined;
  return entries.slice(asked.at + 1).find((e) => e.kind === 'return' && e.pid === asked.pid && e.name === call && e.step === asked.question.step) as
    | { value?: TraceValue; errno?: string }
    | undefined;
}

function field(value: TraceValue | undefined, path: string | undefined): TraceValue | undefined {
  return path === undefined ? value : path.split('.').reduce<TraceValue | undefined>((v, k) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, TraceValue>)[k] : undefined), value);
}

const cases = demos.flatMap((demo) => demo.variants.map((variant) => [`${demo.id} ${variant.id}`, demo, variant] as const));

describe('each question’s answer comes from the run', () => {
  it('every question is expected somewhere, and every expectation is a question', () => {
    for (const demo of demos) {
      const expected = new Set(Object.values(EXPECTED[demo.id] ?? {}).flatMap((byQuestion) => Object.keys(byQuestion)));
      expect([...expected].sort(), demo.id).toEqual((demo.questions ?? []).map((q) => q.id).sort());
      expect(Object.keys(EXPECTED[demo.id] ?? {}).sort(), `${demo.id}: every variant`).toEqual(demo.variants.map((v) => v.id).sort());
    }
  });

  it.each(cases)('%s', async (_name, demo, variant) => {
    const recorded = await recordRun(demo.id, variant.id, {}, (run, events) => {
      // No one is at the keys to quit a run that is stuck by design: it ends as --plain ends it.
      run.on('event', (event) => {
        if (event.kind === 'note' && event.code === 'stuck') void run.stop('stuck');
      });
      if (events.some((e) => e.kind === 'note' && e.code === 'stuck')) void run.stop('stuck');
    });
    const { entries, events } = recorded;
    const asked = askedIn(demo, variant, entries);
    const expected = EXPECTED[demo.id]![variant.id]!;
    expect(asked.map((a) => a.question.id).sort(), 'the questions this run asked').toEqual(Object.keys(expected).sort());
    for (const a of asked) {
      const where = `${a.question.id} (pid ${a.pid})`;
      const outcome = outcomeOf(a, entries, true);
      expect(outcome, `${where}: the run shows no answer`).toBeDefined();
      const want = expected[a.question.id]!;
      if (a.question.choices === undefined) {
        const shown = reveal(a.question, outcome!, null, 'en').answer;
        expect(shown, where).toBe(String(want));
        if (a.question.reveal.from === 'return') {
          // The number shown is the one the return event carried, not one stored anywhere.
          const ret = returnOf(entries, a);
          expect(ret, `${where}: its return event`).toBeDefined();
          expect(shown, `${where}: the number is the return event's`).toBe(String(field(ret!.value, a.question.reveal.field)));
        }
        continue;
      }
      const fits = trueChoices(a.question, outcome!);
      expect(fits, `${where}: exactly one choice is true of ${JSON.stringify(outcome)}`).toHaveLength(1);
      expect(typeof want === 'number' ? [want] : want, `${where}: the answer the run gave, ${JSON.stringify(outcome)}`).toContain(fits[0]);
      if (outcome!.kind === 'returned') {
        const ret = returnOf(entries, a);
        expect(ret?.errno, `${where}: errno from the return event`).toBe(outcome!.errno);
      }
      if (outcome!.kind === 'blocked') expect(events.some((e) => e.kind === 'note' && e.code === 'stuck'), `${where}: blocked, so the run was stuck`).toBe(true);
      if (outcome!.kind === 'killed') expect(events.some((e) => e.kind === 'exit' && e.pid === a.pid && e.status.signal === outcome!.signal), `${where}: killed, by its exit event`).toBe(true);
    }
    expectNothingLeft(recorded);
  });
});
