// The screen as a pure function of what happened: a reducer folds the run's
// events and kernel snapshots into the state every pane reads. Stepping back
// is folding a shorter prefix of the same recording.
import type { KernelSnapshot, NoteEvent, RunEvent } from '../runtime/events.js';
import type { TraceValue, WaitStatus } from '../runtime/protocol.js';

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
  readonly kernel: KernelSnapshot | null;
  /** How many step events so far: "step 7". */
  readonly stepCount: number;
}

export const initialState: ScreenState = { procs: [], output: [], notes: [], lastStep: null, kernel: null, stepCount: 0 };

function updateProc(state: ScreenState, pid: number, change: (proc: ProcView) => Partial<ProcView>): ScreenState {
  return { ...state, procs: state.procs.map((proc) => (proc.pid === pid ? { ...proc, ...change(proc) } : proc)) };
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
      };
      return { ...state, procs: [...state.procs, proc] };
    }
    case 'step':
      return { ...updateProc(state, entry.pid, () => ({ step: entry.step, atStep: true })), lastStep: { pid: entry.pid, step: entry.step }, stepCount: state.stepCount + 1 };
    case 'call':
      return updateProc(state, entry.pid, () => ({ call: { name: entry.name, args: entry.args }, atStep: false }));
    case 'return':
      // A step taken inside the call (a signal handler in pause, sigsuspend) is over: back at the call's line.
      return updateProc(state, entry.pid, (proc) => ({
        call: null, atStep: false, step: entry.step ?? proc.step, lastReturn: { name: entry.name, value: entry.value, errno: entry.errno },
      }));
    case 'output':
      return { ...state, output: [...state.output, { pid: entry.pid, fd: entry.fd, text: entry.text }] };
    case 'exit':
      return updateProc(state, entry.pid, (proc) => ({ exit: proc.exit ?? entry.status, call: null, atStep: false }));
    case 'note':
      return { ...state, notes: [...state.notes, entry] };
    case 'kernel':
      return { ...state, kernel: entry.snapshot };
    case 'state':
      return state;
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

/** Indices of the entries that are steps: where ← and → stop when replaying. */
export function stepIndices(entries: readonly Entry[]): number[] {
  const indices: number[] = [];
  entries.forEach((entry, i) => {
    if (entry.kind === 'step') indices.push(i + 1);
  });
  return indices;
}
