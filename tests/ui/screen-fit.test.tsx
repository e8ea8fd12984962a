// Every step of every variant, as the screen draws it at 80×24 (the smallest size
// ipc-demo runs at) in both languages: the header says the step, the listing shows
// each marked line whole, the kernel pane every fact whole, the narration every
// word. The steps are real: each variant is stepped for real (tests/helpers/steps.ts)
// and the App draws what was recorded at each stop, as replay draws it.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import stringWidth from 'string-width';
import { describe, expect, it, vi } from 'vitest';
import { demos } from '../../src/demos/registry.js';
import { parseListing, type Listing } from '../../src/demos/listing.js';
import type { DemoMeta, Lang, VariantMeta } from '../../src/demos/types.js';
import type { RunResult } from '../../src/runtime/controller.js';
import { App } from '../../src/ui/components/app.js';
import { forMedium, stepLesson } from '../../src/demos/lesson.js';
import { kernelLines } from '../../src/ui/kernel-lines.js';
import { noteText } from '../../src/ui/plain.js';
import { foldEntries, type Entry, type ProcView, type ScreenState } from '../../src/ui/model.js';
import { expectNothingLeft } from '../helpers/run.js';
import { stepThrough } from '../helpers/steps.js';

/** What the App's run hook hands it: the recording up to the stop on screen. */
const shown: { entries: readonly Entry[]; waiting: readonly number[]; result: RunResult | null } = { entries: [], waiting: [], result: null };

vi.mock('../../src/ui/hooks/use-run.js', () => ({
  useRun: () => ({
    run: { waitingPids: () => shown.waiting, advance: () => null, stop: () => Promise.resolve(), setMode: () => undefined },
    entries: shown.entries,
    result: shown.result,
    error: null,
  }),
}));

/** A terminal of `columns`×`rows` that keeps the last frame Ink drew. */
class Screen extends EventEmitter {
  frame = '';
  readonly isTTY = true;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frame = frame;
    return true;
  };
}

class Keyboard extends EventEmitter {
  readonly isTTY = true;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => null;
}

function draw(demo: DemoMeta, variant: VariantMeta, lang: Lang) {
  const stdout = new Screen(MIN_COLUMNS, MIN_ROWS);
  const tree = () => (
    <App demo={demo} variant={variant} initialLang={lang} initialMode="step" next={undefined} tourPosition={undefined} onVariant={() => undefined} onTourKey={() => false} onLang={() => undefined} onSignalExit={() => undefined} />
  );
  const instance = render(tree(), { stdout: stdout as never, stderr: new Screen(MIN_COLUMNS, MIN_ROWS) as never, stdin: new Keyboard() as never, debug: true, exitOnCtrlC: false, patchConsole: false });
  return {
    frame: () => {
      instance.rerender(tree());
      return stdout.frame;
    },
    done: () => instance.unmount(),
  };
}

/** The size the README promises the screen works at. */
const MIN_COLUMNS = 80;
const MIN_ROWS = 24;

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The characters of `row` in terminal columns [from, to): a CJK character takes two. */
function cells(row: string, from: number, to: number): string {
  let at = 0;
  let out = '';
  for (const ch of row) {
    if (at >= from && at < to) out += ch;
    at += stringWidth(ch);
  }
  return out;
}

/** The two boxes side by side under the header: the listing's inner rows and the side column's, by the columns of their borders. */
function boxes(frame: string): { listing: string[]; side: string[]; below: string[] } {
  const rows = frame.split('\n');
  const top = rows.findIndex((row) => row.startsWith('╭'));
  const bottom = rows.findIndex((row, i) => i > top && row.startsWith('╰'));
  const split = rows[top]!.indexOf('╮') + 1;
  const inner = rows.slice(top + 1, bottom);
  return {
    listing: inner.map((row) => cells(row, 1, split - 1)),
    side: inner.map((row) => cells(row, split + 1, stringWidth(row) - 1)),
    below: rows.slice(bottom + 1),
  };
}

/**
 * Line `number` of the listing as drawn: its row (after the number and the three
 * columns of marks) and the rows that continue it (marked ↪ in the mark columns).
 */
function drawnLine(listing: readonly string[], number: number, numberWidth: number): string | undefined {
  const gutter = numberWidth + 4;
  const at = listing.findIndex((row) => row.slice(0, numberWidth).trim() === String(number));
  if (at === -1) return undefined;
  const pieces = [listing[at]!.slice(gutter)];
  for (const row of listing.slice(at + 1)) {
    if (!/^\s*↪\s*$/.test(row.slice(0, gutter))) break;
    pieces.push(row.slice(gutter));
  }
  return pieces.join('');
}

/** The process the App selects with no key pressed: the first waiting at a line, else the first alive. */
function selectedProc(state: ScreenState, waiting: readonly number[]): ProcView | undefined {
  const waits = new Set(waiting);
  return state.procs.find((p) => waits.has(p.pid)) ?? state.procs.find((p) => !p.exit) ?? state.procs[0];
}

/** The lesson the narration tells at this stop: the selected process's step, as the App picks it. */
function lessonShown(demo: DemoMeta, variant: VariantMeta, state: ScreenState, waiting: readonly number[], lang: Lang): string {
  const selected = selectedProc(state, waiting);
  const focusStep = selected?.step ?? state.lastStep?.step;
  const focusRole = (selected?.step ? selected : state.procs.find((p) => p.pid === state.lastStep?.pid))?.listingRole;
  return forMedium(focusStep ? (stepLesson(demo, variant.id, focusRole, focusStep)?.[lang] ?? '') : variant.summary[lang], 'screen');
}

/** What decides how the screen is cut up and what it must show, numbers aside (their width aside). */
function screenKey(state: ScreenState, waiting: readonly number[], last: boolean, lang: Lang): string {
  const procs = state.procs.map((p) => [p.role, p.step, p.call?.name, p.exit === null]);
  const facts = kernelLines(state.kernel, state.procs, lang).map((line) => line.text.replace(/\d/g, '9'));
  return JSON.stringify([state.procs.indexOf(selectedProc(state, waiting)!), procs, facts, state.notes.map((n) => n.code), last, lang]);
}

interface Stopped {
  readonly demo: DemoMeta;
  readonly variant: VariantMeta;
  readonly lang: Lang;
  readonly state: ScreenState;
  readonly waiting: readonly number[];
  readonly listings: ReadonlyMap<string, Listing>;
}

/** What a learner must be able to read on `frame`: the step, the marked lines, the kernel's facts, the lesson and the newest note. */
function expectAllReadable(frame: string, { demo, variant, lang, state, waiting, listings }: Stopped, where: string): void {
  const rows = frame.split('\n');
  expect(rows.length, where).toBeLessThanOrEqual(MIN_ROWS - 1);
  expect(rows[0], where).toMatch(new RegExp(`(step|步骤) ${state.stepCount}\\b`));
  const { listing, side, below } = boxes(frame);
  const file = /─ (\S+\.c) ─/.exec(rows[1] ?? '')?.[1];
  expect(file, where).toBeDefined();
  const shownListing = listings.get(file!)!;
  const selected = selectedProc(state, waiting);
  for (const proc of state.procs) {
    if (!proc.step || proc.exit || variant.listings[proc.listingRole] !== file) continue;
    const line = shownListing.steps.get(proc.step)!;
    const drawn = drawnLine(listing, line + 1, String(shownListing.lines.length).length);
    // Another process's line may be out of view; the selected one's never is.
    if (drawn === undefined && proc !== selected) continue;
    expect(squeeze(drawn ?? ''), `line ${line + 1} of ${file}\n${where}`).toBe(squeeze(shownListing.lines[line]!));
  }
  // The kernel: every fact whole (wrapped, never cut), at the width the side column has.
  const sideText = squeeze(side.join(''));
  for (const fact of kernelLines(state.kernel, state.procs, lang, stringWidth(side[0] ?? ''))) {
    expect(sideText, `kernel line "${fact.text}"\n${where}`).toContain(squeeze(fact.text));
  }
  // Below the boxes: the lesson and the newest note, every word.
  const narration = squeeze(below.join(''));
  expect(narration, `the lesson\n${where}`).toContain(squeeze(lessonShown(demo, variant, state, waiting, lang)));
  for (const note of state.notes.slice(-1)) expect(narration, `the note\n${where}`).toContain(squeeze(noteText(note.code, note.detail, lang, variant)));
}

const cases = demos.flatMap((demo) => demo.variants.map((variant) => ({ demo, variant })));

// Concurrent: a run mostly waits on its processes, and each frame is drawn and read in one synchronous stretch.
describe.concurrent(`every step of every variant at ${MIN_COLUMNS}×${MIN_ROWS}`, () => {
  it.each(cases.map((c) => [`${c.demo.id} ${c.variant.id}`, c] as const))('%s', async (_name, { demo, variant }) => {
    const { recorded, stops } = await stepThrough(demo.id, variant.id);
    expectNothingLeft(recorded);
    expect(stops.length, 'stops of the run').toBeGreaterThan(2);
    const listings = new Map(Object.entries(demo.sources).map(([file, src]) => [file, parseListing(src)]));
    const seen = new Set<string>();
    for (const lang of ['en', 'zh'] as const) {
      const screen = draw(demo, variant, lang);
      try {
        for (const [k, stop] of stops.entries()) {
          const last = k === stops.length - 1;
          const state = foldEntries(recorded.entries, stop.count);
          // A loop's rounds draw the same screen but for numbers (fifo atomic writes 64 records): one is enough.
          const key = screenKey(state, stop.waiting, last, lang);
          if (seen.has(key)) continue;
          seen.add(key);
          Object.assign(shown, { entries: recorded.entries.slice(0, stop.count), waiting: stop.waiting, result: last ? recorded.result : null });
          const frame = screen.frame();
          expectAllReadable(frame, { demo, variant, lang, state, waiting: stop.waiting, listings }, `${demo.id} ${variant.id} ${lang}, stop ${k + 1}/${stops.length}:\n${frame}`);
        }
      } finally {
        screen.done();
      }
    }
  }, 120_000);
});
