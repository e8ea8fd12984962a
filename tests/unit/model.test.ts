import { describe, expect, it } from 'vitest';
import { foldEntries, reduce, initialState, stepIndices, type Entry } from '../../src/ui/model.js';

const events: Entry[] = [
  { kind: 'hello', pid: 10, ppid: 1, role: 'main', ownFds: [] },
  { kind: 'step', pid: 10, step: 'pipe' },
  { kind: 'call', pid: 10, name: 'pipe', args: [] },
  { kind: 'return', pid: 10, name: 'pipe', value: [3, 4] },
  { kind: 'step', pid: 10, step: 'fork' },
  { kind: 'hello', pid: 11, ppid: 10, role: 'child', ownFds: [] },
  { kind: 'output', pid: 11, fd: 1, text: 'child: hi' },
  { kind: 'call', pid: 11, name: 'read', args: [3, 'buf[64]'] },
  { kind: 'exit', pid: 11, status: { code: null, signal: 'SIGKILL', core: false } },
  { kind: 'exit', pid: 11, status: { code: 0, signal: null, core: false } },
];

describe('the screen reducer', () => {
  it('folds processes, their steps, calls, output and exits', () => {
    const state = foldEntries(events);
    expect(state.procs.map((p) => [p.pid, p.role, p.listingRole, p.step])).toEqual([
      [10, 'main', 'main', 'fork'],
      [11, 'child', 'main', 'fork'],
    ]);
    expect(state.procs[0]!.lastReturn).toEqual({ name: 'pipe', value: [3, 4], errno: undefined });
    expect(state.output).toEqual([{ pid: 11, fd: 1, text: 'child: hi' }]);
    expect(state.stepCount).toBe(2);
    expect(state.lastStep).toEqual({ pid: 10, step: 'fork' });
  });

  it('keeps the first exit status and ends the call in progress', () => {
    const child = foldEntries(events).procs[1]!;
    expect(child.exit).toEqual({ code: null, signal: 'SIGKILL', core: false });
    expect(child.call).toBeNull();
  });

  it('steps back by folding a shorter prefix of the same recording', () => {
    const steps = stepIndices(events);
    expect(steps).toEqual([2, 5]);
    const atFirst = foldEntries(events, steps[0]);
    expect(atFirst.procs).toHaveLength(1);
    expect(atFirst.procs[0]!.step).toBe('pipe');
    expect(atFirst.output).toEqual([]);
  });

  it('ignores a second hello from the same pid', () => {
    const once = reduce(initialState, events[0]!);
    expect(reduce(once, events[0]!)).toBe(once);
  });
});
