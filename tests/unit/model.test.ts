import { describe, expect, it } from 'vitest';
import { describeProc } from '../../src/ui/components/process-pane.js';
import { foldEntries, reduce, initialState, stepIndices, type Entry } from '../../src/ui/model.js';
import { strings } from '../../src/ui/strings.js';

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
  it('numbers a second process of one role: C, then C2 (ls | wc -l)', () => {
    const state = foldEntries([...events.slice(0, 6), { kind: 'hello', pid: 12, ppid: 10, role: 'child', ownFds: [] }]);
    expect(state.procs.map((p) => p.tag)).toEqual(['P', 'C', 'C2']);
  });

  it('drops a waiting-outside note once a call returns (the other program came), keeps a stuck one', () => {
    const asleep = foldEntries([...events.slice(0, 3), { kind: 'note', pid: 0, code: 'waiting-outside', detail: '10 pipe (x)' }, { kind: 'note', pid: 0, code: 'leak-removed', detail: 'fifo /tmp/f' }]);
    expect(asleep.notes.map((n) => n.code)).toEqual(['waiting-outside', 'leak-removed']);
    expect(reduce(asleep, events[3]!).notes.map((n) => n.code)).toEqual(['leak-removed']);
  });

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
    // The child's life passes while the parent is at fork: its step shows it, to the end.
    expect(steps).toEqual([2, 10]);
    const atFirst = foldEntries(events, steps[0]);
    expect(atFirst.procs).toHaveLength(1);
    expect(atFirst.procs[0]!.step).toBe('pipe');
    expect(atFirst.output).toEqual([]);
  });

  it('replays a step with the kernel view and pipe level that came after it, not with its line already executed', () => {
    const kernel = (t: number, pipeFill: Record<number, number> = {}): Entry => ({ kind: 'kernel', snapshot: { t, processes: [], sysv: {}, pipeFill, memory: {} } });
    const entries: Entry[] = [
      { kind: 'hello', pid: 10, ppid: 1, role: 'main', ownFds: [] },
      { kind: 'call', pid: 10, name: 'write', args: [4, 'buf[17]'] },
      { kind: 'return', pid: 10, name: 'write', value: 17 },
      { kind: 'state', pid: 10, at: 2_000, pipes: [{ fd: 4, inode: 77, bytes: 17 }] },
      { kind: 'step', pid: 10, step: 'close' },
      kernel(1, { 77: 0 }), // polled before the write: the level is the processes' measure, not the poll's
      { kind: 'state', pid: 11, at: 1_000, pipes: [{ fd: 3, inode: 77, bytes: 0 }] }, // older, came late
      kernel(2),
      { kind: 'call', pid: 10, name: 'close', args: [4] },
      { kind: 'return', pid: 10, name: 'close', value: 0 },
      { kind: 'state', pid: 10, at: 3_000, pipes: [] },
      kernel(3),
    ];
    const [stop] = stepIndices(entries);
    expect(stop).toBe(8);
    const replayed = foldEntries(entries, stop);
    expect(replayed.kernel?.t).toBe(2);
    expect(replayed.kernel?.pipeFill).toEqual({ 77: 17 });
    expect(replayed.procs[0]!.call).toBeNull();
    // The parent closed its end: the 17 bytes still wait.
    expect(foldEntries(entries).kernel?.pipeFill).toEqual({ 77: 17 });
  });

  it('shows a signal handler’s step inside an open call, then the call’s own line once it returns', () => {
    const handled: Entry[] = [
      { kind: 'hello', pid: 20, ppid: 1, role: 'main', ownFds: [] },
      { kind: 'step', pid: 20, step: 'sigsuspend' },
      { kind: 'call', pid: 20, name: 'sigsuspend', args: ['buf[128]'], step: 'sigsuspend' },
      { kind: 'step', pid: 20, step: 'handler' },
      { kind: 'output', pid: 20, fd: 1, text: 'child: handler caught SIGUSR1' },
      { kind: 'return', pid: 20, name: 'sigsuspend', value: -1, step: 'sigsuspend' },
    ];
    const inHandler = foldEntries(handled, 4).procs[0]!;
    expect(inHandler).toMatchObject({ step: 'handler', atStep: true, call: { name: 'sigsuspend' } });
    expect(describeProc(inHandler, undefined, 18, 'en')).toBe(`${strings.en.waitingAt} 18`);
    const returned = foldEntries(handled).procs[0]!;
    expect(returned).toMatchObject({ step: 'sigsuspend', atStep: false, call: null });
  });

  it('ignores a second hello from the same pid', () => {
    const once = reduce(initialState, events[0]!);
    expect(reduce(once, events[0]!)).toBe(once);
  });
});
