// The pipe demo, run for real: its events, its output, and what the kernel
// shows of each variant from outside the processes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectNothingLeft, outputOf, pidsOf, recordRun, stepUntil, until } from '../../../tests/helpers/run.js';

function wchan(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/wchan`, 'utf8');
  } catch {
    return '';
  }
}

describe('pipe demo', () => {
  it('basic: the child reads the parent’s message, then end of file', async () => {
    const recorded = await recordRun('pipe', 'basic');
    const { events, result } = recorded;
    const [parent] = pidsOf(events, 'main');
    const [child] = pidsOf(events, 'child');
    expect(result.reason).toBe('done');
    expect(outputOf(events, parent!)).toEqual(['parent: wrote 17 bytes', `parent: child pid ${child} exited 0`]);
    expect(outputOf(events, child!)).toEqual(['child: read 17 bytes: "Hello from parent"', 'child: end of file, every write end is closed']);
    const parentSteps = events.filter((e) => e.kind === 'step' && e.pid === parent).map((e) => (e as { step: string }).step);
    expect(parentSteps).toEqual(['pipe', 'fork', 'parent-close-read', 'parent-write', 'parent-close-write', 'wait']);
    const childSteps = events.filter((e) => e.kind === 'step' && e.pid === child).map((e) => (e as { step: string }).step);
    expect(childSteps).toEqual(['child-close-write', 'child-read', 'child-read', 'child-exit']);
    const calls = events.filter((e) => e.kind === 'return' && e.pid === parent).map((e) => (e as { name: string }).name);
    expect(calls).toEqual(['pipe', 'fork', 'close', 'write', 'close', 'waitpid']);
    const hello = events.find((e) => e.kind === 'hello' && e.pid === child);
    expect(hello).toMatchObject({ ppid: parent });
    expect(result.exits.get('main')).toEqual({ code: 0, signal: null, core: false });
    expect(result.exits.get('child')).toEqual({ code: 0, signal: null, core: false });
    expectNothingLeft(recorded);
  });

  it('basic: both processes hold the same pipe inode after fork', async () => {
    const recorded = await recordRun('pipe', 'basic', { mode: 'step' }, async (run, events, snapshots) => {
      // Step the parent through pipe() and fork(), then no further: both wait, each at its own line.
      // Only the parent: the child may announce its first line before the parent's fork() return arrives.
      const forked = () => events.some((e) => e.kind === 'return' && e.name === 'fork' && e.value !== 0);
      const parent = (pid: number) => pidsOf(events, 'main').includes(pid);
      await stepUntil(run, () => forked() && run.waitingPids().length === 2, 'parent and child both waiting after fork', (pid) => parent(pid) && !forked());
      const shared = () => {
        const last = snapshots.at(-1);
        if (!last || last.processes.length < 2) return false;
        const inodes = last.processes.map((p) => new Set(p.fds.filter((f) => f.kind === 'pipe').map((f) => f.inode)));
        return [...inodes[0]!].some((inode) => inodes[1]!.has(inode));
      };
      await until(run, shared, 'a pipe inode in both fd tables');
      run.setMode('run');
    });
    expectNothingLeft(recorded);
  });

  it('unclosed: the reader never sees end of file and sleeps in pipe_read', async () => {
    let childWchan = '';
    const recorded = await recordRun('pipe', 'unclosed', {}, (run, events) => {
      run.on('event', (event) => {
        // The note comes while every process still sleeps where it is stuck.
        if (event.kind === 'note' && event.code === 'stuck') childWchan = wchan(pidsOf(events, 'child')[0]!);
      });
    });
    expect(recorded.result.reason).toBe('stuck');
    expect(childWchan).toMatch(/pipe_read/);
    const [child] = pidsOf(recorded.events, 'child');
    expect(outputOf(recorded.events, child!)).toEqual(['child: read 17 bytes: "Hello from parent"']);
    expectNothingLeft(recorded);
  });

  it('reader-gone: the writer is killed by SIGPIPE', async () => {
    const recorded = await recordRun('pipe', 'reader-gone');
    expect(recorded.result.exits.get('main')).toEqual({ code: null, signal: 'SIGPIPE', core: false });
    expect(recorded.result.exits.get('child')).toEqual({ code: 0, signal: null, core: false });
    expectNothingLeft(recorded);
  });

  it('reader-gone-ignore: write() fails with EPIPE and the program exits 1', async () => {
    const recorded = await recordRun('pipe', 'reader-gone-ignore');
    const [parent] = pidsOf(recorded.events, 'main');
    const failed = recorded.events.find((e) => e.kind === 'return' && e.name === 'write' && e.pid === parent);
    expect(failed).toMatchObject({ value: -1, errno: 'EPIPE' });
    expect(outputOf(recorded.events, parent!, 2)).toEqual(['write: Broken pipe']);
    expect(recorded.result.exits.get('main')).toEqual({ code: 1, signal: null, core: false });
    expectNothingLeft(recorded);
  });

  it('fill: the writer fills 64 KiB and sleeps in pipe_write until the reader drains it', async () => {
    let parentWchan = '';
    let fillSeen = -1;
    const recorded = await recordRun('pipe', 'fill', { mode: 'step' }, async (run, events, snapshots) => {
      // Hold the child at its first line; let the parent go until it blocks.
      const parentPid = () => pidsOf(events, 'main')[0];
      const childPid = () => pidsOf(events, 'child')[0];
      await stepUntil(run, () => {
        const p = run.procs.get(parentPid() ?? -1);
        return p?.inCall === 'write' && events.some((e) => e.kind === 'output' && e.text.includes('the pipe is full')) && /pipe_write/.test(wchan(parentPid()!));
      }, 'the parent blocked in its second write', (pid) => pid === parentPid());
      parentWchan = wchan(parentPid()!);
      await until(run, () => Object.values(snapshots.at(-1)?.pipeFill ?? {}).includes(65536), 'a full pipe in the kernel view');
      fillSeen = 65536;
      expect(childPid()).toBeDefined();
      run.setMode('run');
    });
    expect(parentWchan).toMatch(/pipe_write/);
    expect(fillSeen).toBe(65536);
    const [child] = pidsOf(recorded.events, 'child');
    expect(outputOf(recorded.events, child!)).toEqual([
      'child: read 65536 bytes: "xxxxxxxxxxxxxxxxxxxxxxxx..."',
      'child: read 17 bytes: "Hello from parent"',
      'child: end of file, every write end is closed',
    ]);
    expectNothingLeft(recorded);
  });
});
