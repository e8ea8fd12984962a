// The screen as a pure function of what happened: a reducer folds the run's
// events and kernel snapshots into the state every pane reads. Stepping back
// is folding a shorter prefix of the same recording.
import type { KernelSnapshot, NoteEvent, RunEvent } from '../runtime/events.js';
import { bytesByInode, withMeasures, type PipeLevels } from '../runtime/pipe-levels.js';
import type { TraceValue, WaitStatus } from '../runtime/protocol.js';
import { processTag } from './theme.js';

export type Entry = RunEvent | { readonly kind: 'kernel'; readonly snapshot: KernelSnapshot };

export interface ProcView {
  readonly pid: number;
  readonly ppid: number;
  /** Runner role, or 'child' for a forked child. */
  readonly role: string;
  /** The role whose listing this process runs (a child runs its parent's). */
  readonly listingRole: string;
  readonly step: string | null;
  /** Stopped at its step, not yet executing it (step mode waits here for a key). */
  readonly atStep: boolean;
  readonly call: { readonly name: string; readonly args: readonly TraceValue[] } | null;
  readonly lastReturn: { readonly name: string; readonly value?: TraceValue; readonly errno?: string } | null;
  readonly exit: WaitStatus | null;
  readonly index: number;
  /** Its tag on screen: P, C, W…; a second child of the program is C2, a third C3 (ls | wc -l). */
  readonly tag: string;
}

export interface OutputLine {
  readonly pid: number;
  readonly fd: 1 | 2;
  readonly text: string;
}

export interface ScreenState {
  readonly procs: readonly ProcView[];
  readonly output: readonly OutputLine[];
  readonly notes: readonly NoteEvent[];
  /** The process that took the most recent step: the narration is its step's lesson. */
  readonly lastStep: { readonly pid: number; readonly step: string } | null;
  /** The newest kernel snapshot, with the pipe levels of `pipeLevels`. */
  readonly kernel: KernelSnapshot | null;
  /**
   * Each pipe's level from the processes' measures so far. Folded here, not taken from the
   * snapshot: a snapshot comes from a poll that runs behind the events, and stepping back
   * must show the level each step saw, which its own process measured just before it.
   */
  readonly pipeLevels: PipeLevels;
  /** How many step events so far: "step 7". */
  readonly stepCount: number;
}

export const initialState: ScreenState = { procs: [], output: [], notes: [], lastStep: null, kernel: null, pipeLevels: {}, stepCount: 0 };

function withLevels(kernel: KernelSnapshot | null, levels: PipeLevels): KernelSnapshot | null {
  return kernel && { ...kernel, pipeFill: bytesByInode(levels) };
}

function updateProc(state: ScreenState, pid: number, change: (proc: ProcView) => Partial<ProcView>): ScreenState {
  return { ...state, procs: state.procs.map((proc) => (proc.pid === pid ? { ...proc, ...change(proc) } : proc)) };
}

/** A call returned: a note that every process was asleep (another program woke one) no longer holds. */
function woken(state: ScreenState): ScreenState {
  return state.notes.some((n) => n.code === 'waiting-outside') ? { ...state, notes: state.notes.filter((n) => n.code !== 'waiting-outside') } : state;
}

/** The role's tag, numbered from the second process of that role on: C, C2, C3. */
export function nthTag(earlier: readonly { readonly role: string }[], role: string): string {
  const before = earlier.filter((p) => p.role === role).length;
  return before === 0 ? processTag(role) : `${processTag(role)}${before + 1}`;
}

export function reduce(state: ScreenState, entry: Entry): ScreenState {
  switch (entry.kind) {
    case 'hello': {
      if (state.procs.some((p) => p.pid === entry.pid)) return state;
      const parent = state.procs.find((p) => p.pid === entry.ppid);
      const listingRole = entry.role === 'child' && parent ? parent.listingRole : entry.role;
      const proc: ProcView = {
        pid: entry.pid, ppid: entry.ppid, role: entry.role, listingRole,
        step: parent && entry.role === 'child' ? parent.step : null,
        atStep: false,
        call: null, lastReturn: null, exit: null, index: state.procs.length,
        tag: nthTag(state.procs, entry.role),
      };
      return { ...state, procs: [...state.procs, proc] };
    }
    case 'step':
      return { ...updateProc(state, entry.pid, () => ({ step: entry.step, atStep: true })), lastStep: { pid: entry.pid, step: entry.step }, stepCount: state.stepCount + 1 };
    case 'call':
      return updateProc(state, entry.pid, () => ({ call: { name: entry.name, args: entry.args }, atStep: false }));
    case 'return':
      // A step taken inside the call (a signal handler in pause, sigsuspend) is over: back at the call's line.
      return updateProc(woken(state), entry.pid, (proc) => ({
        call: null, atStep: false, step: entry.step ?? proc.step, lastReturn: { name: entry.name, value: entry.value, errno: entry.errno },
      }));
    case 'output':
      return { ...state, output: [...state.output, { pid: entry.pid, fd: entry.fd, text: entry.text }] };
    case 'exit':
      return updateProc(state, entry.pid, (proc) => ({ exit: proc.exit ?? entry.status, call: null, atStep: false }));
    case 'note':
      return { ...state, notes: [...state.notes, entry] };
    case 'kernel':
      return { ...state, kernel: withLevels(entry.snapshot, state.pipeLevels) };
    case 'state': {
      const pipeLevels = withMeasures(state.pipeLevels, entry);
      return pipeLevels === state.pipeLevels ? state : { ...state, pipeLevels, kernel: withLevels(state.kernel, pipeLevels) };
    }
  }
}

export function foldEntries(entries: readonly Entry[], upTo = entries.length): ScreenState {
  let state = initialState;
  for (let i = 0; i < upTo; i++) state = reduce(state, entries[i]!);
  return state;
}

/** What a person calls the process: its role, with the main program of a fork demo as "parent". */
export function procLabel(proc: Pick<ProcView, 'role'>): string {
  return proc.role === 'main' ? 'parent' : proc.role;
}

/** The screen stops showing a step when its process goes on (executes the line) or any process takes a step. */
function endsStep(entry: Entry, pid: number): boolean {
  if (entry.kind === 'step') return true;
  return entry.kind !== 'kernel' && entry.kind !== 'state' && entry.kind !== 'note' && entry.pid === pid;
}

/**
 * Where ← and → stop when replaying: what the screen showed while each step was the newest,
 * up to the moment its process went on. The kernel is polled behind the events, and other
 * processes move meanwhile (a child says hello): a step's own view of the kernel comes after
 * the step, and stopping right at it would replay the kernel of the step before.
 */
export function stepIndices(entries: readonly Entry[]): number[] {
  const indices: number[] = [];
  entries.forEach((entry, i) => {
    if (entry.kind !== 'step') return;
    let end = i + 1;
    while (end < entries.length && !endsStep(entries[end]!, entry.pid)) end++;
    indices.push(end);
  });
  return indices;
}
