// A process blocked in a long call, in a narrow pane: the call is cut, never where it sleeps.
import { describe, expect, it } from 'vitest';
import type { ProcessState } from '../../src/runtime/kernel/process-state.js';
import { describeProc } from '../../src/ui/components/process-pane.js';
import { foldEntries, type Entry } from '../../src/ui/model.js';

const entries: Entry[] = [
  { kind: 'hello', pid: 30, ppid: 1, role: 'receiver', ownFds: [] },
  { kind: 'step', pid: 30, step: 'r-wait-done' },
  { kind: 'call', pid: 30, name: 'msgrcv', args: [32771, 'buf[112]', 100, 99, 0], step: 'r-wait-done' },
];
const state: ProcessState = { pid: 30, state: 'S', wchan: 'do_msgrcv', fds: [], maps: [], sigBlk: [], sigPnd: [], sigCgt: [] };
const proc = foldEntries(entries).procs[0]!;

describe('describeProc in a narrow pane', () => {
  it('keeps the whole call where there is room', () => {
    expect(describeProc(proc, state, 45, 'en')).toBe('blocked in msgrcv(32771, buf[112], 100, 99, 0) · do_msgrcv');
    expect(describeProc(proc, state, 45, 'en', 60)).toBe('blocked in msgrcv(32771, buf[112], 100, 99, 0) · do_msgrcv');
  });

  it('cuts the call, not the wchan, to fit the room', () => {
    const text = describeProc(proc, state, 45, 'en', 40);
    expect(text).toBe('blocked in msgrcv(32771, bu… · do_msgrcv');
    expect(text).toHaveLength(40);
  });

  it('counts a Chinese label as two cells a character', () => {
    const text = describeProc(proc, state, 45, 'zh', 40);
    expect(text.endsWith('… · do_msgrcv')).toBe(true);
    expect([...text].reduce((n, ch) => n + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0)).toBe(40);
  });
});
