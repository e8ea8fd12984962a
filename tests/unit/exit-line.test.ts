import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/runtime/controller.js';
import type { Removed } from '../../src/runtime/run-cleanup.js';
import { exitLine } from '../../src/ui/exit-line.js';

const result = (removed: Partial<Removed>): RunResult => ({
  reason: 'stopped',
  notes: [],
  exits: new Map(),
  removed: { processes: [], paths: [], objects: [], failed: [], sharedKept: false, ...removed },
});

describe('exitLine', () => {
  it('names objects, paths and processes, in both languages', () => {
    const r = result({ processes: [11, 12], paths: [{ path: '/tmp/d/fifo', type: 'fifo' }], objects: ['msg 32802 (key 0x71000001)'] });
    expect(exitLine([r], 'en')).toBe('ipc-demo: removed message queue 32802, FIFO /tmp/d/fifo, 2 processes.');
    expect(exitLine([r], 'zh')).toBe('ipc-demo 已删除：消息队列 32802、FIFO /tmp/d/fifo、2 个进程。');
  });

  it('says when nothing was left, when the shared directory stays, and what could not be removed', () => {
    expect(exitLine([result({})], 'en')).toBe('ipc-demo: the run left nothing to remove.');
    expect(exitLine([result({ processes: [7], sharedKept: true })], 'en')).toBe(
      'ipc-demo: removed 1 process; the shared directory stays: the other terminal still uses it and removes it when it quits.',
    );
    expect(exitLine([result({ failed: ['shm 5 (key 0x6d000001): EPERM'] })], 'zh')).toBe('ipc-demo：无法删除 shm 5 (key 0x6d000001): EPERM（`ipc-demo clean` 会再试）。');
  });

  it('adds up the runs that ended at once (a tour)', () => {
    const a = result({ processes: [1], objects: ['shm 9 (key 0x6d000001)'] });
    const b = result({ processes: [2, 3], paths: [{ path: '/tmp/e/sock', type: 'socket' }] });
    expect(exitLine([a, b], 'en')).toBe('ipc-demo: removed shared memory segment 9, socket /tmp/e/sock, 3 processes.');
  });
});
