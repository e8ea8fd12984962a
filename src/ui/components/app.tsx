import { Box, Text, useApp, type Key } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { forMedium, stepLesson } from '../../demos/lesson.js';
import { parseListing, stepLine, type Listing } from '../../demos/listing.js';
import type { DemoMeta, Lang, VariantMeta } from '../../demos/types.js';
import type { Mode } from '../../runtime/protocol.js';
import type { Launcher } from '../../runtime/launch.js';
import { useKeys } from '../hooks/use-key-queue.js';
import { useOutputScroll } from '../hooks/use-output-scroll.js';
import { useQuestions } from '../hooks/use-questions.js';
import { useRun } from '../hooks/use-run.js';
import { useSeen } from '../hooks/use-seen.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { kernelLines, wrapKernelLines } from '../kernel-lines.js';
import { lineNarration } from '../line-narration.js';
import { INFORMATIVE_NOTES, lastLines, lineWhere, programNotes } from '../program-end.js';
import { computeLayout, MIN_COLUMNS, MIN_ROWS, NO_NEEDS, sideWidthFor } from '../layout.js';
import { foldEntries, stepIndices, type ProcView } from '../model.js';
import { noteText } from '../plain.js';
import { formatStatus } from '../format.js';
import { roleLabel, strings } from '../strings.js';
import { processColor, theme } from '../theme.js';
import { helpPages } from '../help-pages.js';
import { HelpOverlay, helpRows, helpWidth } from './help-overlay.js';
import { KeyBar, keyBarProps } from './key-bar.js';
import { LabBar } from './lab-bar.js';
import { ListingPane, markedRows, type LineMark } from './listing-pane.js';
import { Narration, narrationLines } from './narration.js';
import { OutputPane } from './output-pane.js';
import { QuestionPanel, questionRows } from './question-panel.js';
import { SidePane } from './side-pane.js';
import { VariantMenu } from './variant-menu.js';

export interface AppProps {
  readonly demo: DemoMeta;
  readonly variant: VariantMeta;
  readonly initialLang: Lang;
  readonly initialMode: Mode;
  readonly roles?: readonly string[];
  readonly delayMs?: number;
  /** Step mode asks the demo's questions before their lines (--no-questions: false). */
  readonly questions?: boolean;
  /** In the tour: the next demo, offered when this one ends. */
  readonly next: DemoMeta | undefined;
  readonly tourPosition: string | undefined;
  /** Said once, first among the notes: where the tour resumed (src/ui/components/tour.tsx). */
  readonly notice?: string;
  readonly onVariant: (variant: VariantMeta) => void;
  /** In the tour: a key that may move to another demo (n, b, N, a digit); true if it did. */
  readonly onTourKey: (input: string) => boolean;
  readonly onLang: (lang: Lang) => void;
  readonly onSignalExit: () => void;
  /** C programs compiled with the native runtime instead of the twins: what starts each run. */
  readonly launcherFor?: (demo: DemoMeta, variant: VariantMeta) => Launcher;
}

type Overlay = 'none' | 'help' | 'variants';

/** `roles`: lab mode's, whose listing shows before any process has said hello. */
function listingFor(demo: DemoMeta, variant: VariantMeta, proc: ProcView | undefined, roles?: readonly string[]): string | undefined {
  const role = proc?.listingRole ?? roles?.[0] ?? Object.keys(variant.listings)[0];
  return role === undefined ? undefined : variant.listings[role];
}

/** What the real processes do while the learner looks at the recording: true in every state of the run. */
function replayHint(s: (typeof strings)[Lang], ended: boolean, mode: Mode): string {
  if (ended) return s.replayHintEnded;
  return mode === 'step' ? s.replayHint : s.replayHintRunning;
}

export function App(props: AppProps) {
  const { demo, variant, next } = props;
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const [lang, setLang] = useState<Lang>(props.initialLang);
  const [mode, setMode] = useState<Mode>(props.initialMode);
  const { run, entries, result, error } = useRun(demo, variant, props.initialMode, props.onSignalExit, props.roles, props.delayMs, props.launcherFor);
  useSeen(demo, variant, result);
  const [cursor, setCursor] = useState<number | null>(null);
  const [selectedPid, setSelectedPid] = useState<number | null>(null);
  const [overlay, setOverlay] = useState<Overlay>('none');
  // The help's page (read by the key handler, as highlightedRef).
  const [helpPage, setHelpPageState] = useState(0);
  const helpPageRef = useRef(0);
  const setHelpPage = (page: number) => {
    helpPageRef.current = page;
    setHelpPageState(page);
  };
  // Space pressed on a stuck run: the key bar says why nothing happened.
  const [nudged, setNudged] = useState(false);
  const [highlighted, setHighlightedState] = useState(Math.max(0, demo.variants.indexOf(variant)));
  // Read by the key handler: a key may come before the handler of the last render is in place,
  // and enter must run the variant on screen, not the one a stale closure saw.
  const highlightedRef = useRef(highlighted);
  const setHighlighted = (index: number) => {
    highlightedRef.current = index;
    setHighlightedState(index);
  };
  const s = strings[lang];

  const listings = useMemo(() => new Map<string, Listing>(Object.entries(demo.sources).map(([file, src]) => [file, parseListing(src)])), [demo]);
  const upTo = cursor ?? entries.length;
  const state = useMemo(() => foldEntries(entries, upTo), [entries, upTo]);
  const steps = useMemo(() => stepIndices(entries), [entries]);
  const waiting = new Set(cursor === null ? run.waitingPids() : []);
  const live = state.procs.filter((p) => !p.exit);
  // Live and stuck (the run not yet ended): no key moves a process any more.
  const stuck = cursor === null && !result && state.notes.some((n) => n.code === 'stuck');
  const selected =
    state.procs.find((p) => p.pid === selectedPid && !p.exit) ??
    state.procs.find((p) => waiting.has(p.pid)) ??
    live[0] ??
    state.procs[0];

  const lineOf = (proc: ProcView): number | undefined => {
    const file = listingFor(demo, variant, proc);
    const listing = file ? listings.get(file) : undefined;
    return proc.step && listing ? stepLine(listing, proc.step) : undefined;
  };

  const shownFile = listingFor(demo, variant, selected, props.roles) ?? Object.values(variant.listings)[0]!;
  const marks: LineMark[] = state.procs
    .filter((p) => listingFor(demo, variant, p) === shownFile)
    .flatMap((p) => {
      const line = lineOf(p);
      return line === undefined ? [] : [{ line, tag: p.tag, color: processColor(p.index), selected: p.pid === selected?.pid }];
    });

  const questions = useQuestions(run, demo, variant, entries, result !== null, props.questions !== false && mode === 'step', (pid) => {
    const moved = run.advance(pid);
    if (moved != null && moved !== selected?.pid) setSelectedPid(moved);
  });

  const quit = () => {
    void run.stop('stopped');
    exit();
  };

  // Help takes the listing's place, the narration at its fewest rows: its pages are cut for that room.
  const helpRoom = computeLayout(columns, rows - (props.roles ? 1 : 0), NO_NEEDS).listingRows + 2;
  const help = overlay === 'help' ? helpPages(lang, variant, helpWidth(columns), helpRows(helpRoom), props.tourPosition ? strings[lang].helpTour : []) : [];
  const outputScroll = useOutputScroll(state.output.length);

  const kernelState = state.kernel?.processes ?? [];
  const stepLines = new Map(state.procs.map((p) => [p.pid, (lineOf(p) ?? -1) + 1] as const).filter(([, l]) => l > 0));
  const focusStep = selected?.step ?? state.lastStep?.step;
  const focusProc = selected?.step ? selected : state.procs.find((p) => p.pid === state.lastStep?.pid);
  const focusRole = focusProc?.listingRole;
  // A native program's step is a line number: no lesson of its own (line-narration.ts).
  const lineStep = focusProc && focusStep !== undefined && /^\d+$/.test(focusStep);
  const lesson = forMedium(focusStep ? (lineStep ? lineNarration(demo, variant, listings.get(listingFor(demo, variant, focusProc) ?? ''), focusProc, lang) : (stepLesson(demo, variant.id, focusRole, focusStep)?.[lang] ?? '')) : variant.summary[lang], 'screen');
  const focusLine = selected ? lineOf(selected) : undefined;
  /** The line a question is asked before: `C child · pipe.c:27  while ((n = read(…`. */
  const askedWhere = (pid: number): string => {
    const proc = state.procs.find((p) => p.pid === pid);
    const file = listingFor(demo, variant, proc);
    const line = proc ? lineOf(proc) : undefined;
    const code = file && line !== undefined ? listings.get(file)?.lines[line]?.trim() : undefined;
    return proc && file && line !== undefined ? `${proc.tag} ${roleLabel(proc.role, lang)} · ${file}:${line + 1}  ${code ?? ''}` : '';
  };
  const where = selected && focusLine !== undefined ? `${selected.tag} ${roleLabel(selected.role, lang)} · ${shownFile}:${focusLine + 1}` : '';
  // C programs run for real (steps are line numbers): a crash or a loop is told as what the program did.
  const lineRun = state.procs.some((p) => p.step !== null && /^\d+$/.test(p.step));
  const lastLine = lineRun ? lastLines(entries.slice(0, upTo)) : new Map<number, number>();
  const whereOf = (p: ProcView) => lineWhere(listingFor(demo, variant, p), lastLine.get(p.pid), lang);
  const notes: { text: string; color: string }[] = lineRun
    ? programNotes(state.notes, state.procs, whereOf, (n) => noteText(n.code, n.detail, lang, variant), lang).map((n) => ({ text: n.text, color: n.error ? theme.error : theme.note }))
    : state.notes.map((n) => ({ text: noteText(n.code, n.detail, lang, variant), color: INFORMATIVE_NOTES.has(n.code) ? theme.note : theme.error }));
  if (props.notice) notes.unshift({ text: props.notice, color: theme.note });
  if (cursor !== null) notes.push({ text: `${s.replay}: ${replayHint(s, result !== null, mode)}`, color: theme.replay });
  if (error) notes.push({ text: `${s.runnerFailed} ${error}`, color: theme.error });
  const revealed = questions.note(lang);
  if (revealed) notes.push({ text: revealed, color: theme.note });
  if (result && cursor === null) {
    const exits = [...result.exits].map(([role, st]) => `${roleLabel(role, lang)} ${formatStatus(st, lang)}`).join(' · ');
    const after = next ? `${s.nextDemo} ${next.title[lang]} — ${s.nextDemoKeys}` : `${props.tourPosition ? `${s.tourEnd} ` : ''}${s.doneKeys}`;
    notes.push({ text: `${s.done} ${exits}  ${after}`, color: theme.ok });
  }

  // The last two notes, read whole (the end of a run says which key goes on), then the lesson.
  const narration = narrationLines(where, lesson, notes.slice(-2), columns);
  // Beside the listing: the processes, then the kernel's facts, wrapped to the side column, all of them.
  const sideWidth = sideWidthFor(columns);
  const facts = wrapKernelLines(kernelLines(state.kernel, state.procs, lang, sideWidth - 2), sideWidth - 2);
  const shownListing = listings.get(shownFile)!;
  // The help takes the narration's rows too.
  const narrationRows = overlay === 'help' ? 0 : narration.notes.length + narration.lesson.length;
  const needs = { narration: narrationRows, listing: questions.asking ? questionRows(questions.asking.question, lang, columns) : markedRows(shownListing, marks, columns - sideWidth), processes: state.procs.length, kernel: facts.length };
  // Lab mode has a line of its own under the header.
  const layout = computeLayout(columns, rows - (props.roles ? 1 : 0), needs);

  const onKey = (input: string, key: Key): void => {
    if (input === 'q' || (key.ctrl && input === 'c')) return quit();
    if (overlay === 'variants') {
      if (key.escape || input === 'v') setOverlay('none');
      else if (key.upArrow) setHighlighted((highlightedRef.current + demo.variants.length - 1) % demo.variants.length);
      else if (key.downArrow) setHighlighted((highlightedRef.current + 1) % demo.variants.length);
      else if (key.return) props.onVariant(demo.variants[highlightedRef.current]!);
      return;
    }
    // The help over a question: its keys are the help's (esc closes it, not skips the question).
    if (overlay === 'help') {
      if (key.escape) return setOverlay('none');
      if (input === '?' || input === ' ' || key.rightArrow) return helpPageRef.current + 1 >= help.length ? setOverlay('none') : setHelpPage(helpPageRef.current + 1);
      if (key.leftArrow) return setHelpPage(Math.max(0, helpPageRef.current - 1));
      if (questions.asking && input !== 'l') return;
    }
    if (questions.onKey(input, key)) return;
    if (input === '?') {
      setHelpPage(0);
      return setOverlay('help');
    }
    if (input === 'v') return setOverlay('variants');
    if (outputScroll.onKey(input, key, layout.outputRows)) return;
    if (input === 'l') {
      const other: Lang = lang === 'en' ? 'zh' : 'en';
      setLang(other);
      props.onLang(other);
      return;
    }
    if (key.tab) {
      const others = live.length ? live : state.procs;
      const at = others.findIndex((p) => p.pid === selected?.pid);
      const nextProc = others[(at + 1) % Math.max(1, others.length)];
      if (nextProc) setSelectedPid(nextProc.pid);
      return;
    }
    if (key.leftArrow) {
      // The step on screen is the last one reached; ← goes to the one before it.
      const reached = steps.filter((i) => i <= upTo);
      setCursor(reached.length >= 2 ? reached[reached.length - 2]! : (reached[0] ?? 0));
      return;
    }
    if (input === ' ' || key.rightArrow) {
      if (cursor !== null) {
        const after = steps.find((i) => i > cursor);
        setCursor(after === undefined || after >= entries.length ? null : after);
        return;
      }
      // A finished demo stays on its end screen: the tour moves on with n, never with space.
      if (result) return;
      if (stuck) return setNudged(true);
      if (questions.press(selected?.pid)) return;
      const moved = run.advance(selected?.pid);
      if (moved != null && moved !== selected?.pid) setSelectedPid(moved);
      return;
    }
    if (input === 'p' && !result) {
      const m: Mode = mode === 'play' ? 'step' : 'play';
      setMode(m);
      run.setMode(m);
      setCursor(null);
      return;
    }
    if (input === 'r' && !result) {
      setMode('run');
      run.setMode('run');
      setCursor(null);
      return;
    }
    props.onTourKey(input);
  };
  // Each key meets the screen as the key before it left it (use-key-queue.ts).
  useKeys(onKey);

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return <Text color={theme.error}>{s.tooSmall}</Text>;
  }

  const modeLabel = { step: s.modeStep, play: s.modePlay, run: s.modeRun }[mode];
  const position = cursor === null ? s.live : `${s.replay} ${steps.filter((i) => i <= upTo).length}/${steps.length}`;
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Box justifyContent="space-between">
        <Text wrap="truncate-end">
          <Text bold>ipc-demo</Text> {[props.tourPosition ?? (demo.order || ''), demo.title[lang]].filter(Boolean).join(' ')} · {s.variant} {variant.id} · {modeLabel} · {s.step}{' '}
          {state.stepCount}
        </Text>
        <Text color={cursor === null ? theme.live : theme.replay} bold wrap="truncate-end">
          {' '}
          {position}
        </Text>
      </Box>
      {props.roles ? <LabBar run={run} variant={variant} roles={props.roles} lang={lang} /> : null}
      {overlay === 'help' ? <HelpOverlay lang={lang} pages={help} page={helpPage} width={columns} rows={helpRoom} /> : null}
      {overlay === 'variants' ? <VariantMenu variants={demo.variants} highlighted={highlighted} current={variant.id} lang={lang} /> : null}
      {overlay === 'none' && questions.asking ? (
        <QuestionPanel question={questions.asking.question} where={askedWhere(questions.asking.pid)} typed={questions.typed} lang={lang} width={columns} rows={layout.listingRows + 2} />
      ) : null}
      {overlay === 'none' && !questions.asking ? (
        <Box>
          <ListingPane file={shownFile} listing={shownListing} marks={marks} rows={layout.listingRows} width={layout.listingWidth} />
          <SidePane procs={state.procs} kernel={kernelState} selected={selected?.pid ?? null} lines={stepLines} facts={facts} lang={lang} width={layout.sideWidth} rows={layout.listingRows} processRows={layout.processRows} kernelTitle={layout.kernelTitle} />
        </Box>
      ) : null}
      <OutputPane output={state.output} procs={state.procs} rows={layout.outputRows} lang={lang} top={outputScroll.top} />
      <Narration lines={narration} color={selected ? processColor(selected.index) : undefined} rows={layout.narrationRows} />
      {layout.keyBar ? <KeyBar {...keyBarProps(lang, layout.columns, stuck, nudged, props.tourPosition !== undefined)} /> : null}
    </Box>
  );
}
