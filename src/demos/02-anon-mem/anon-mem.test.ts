// The anon-mem demo, run for real: its events, its output, and what the kernel
// shows of each variant from outside the processes (fd tables, maps, the page's bytes).
import { describe, expect, it } from 'vitest';
import { expectNothingLeft, outputOf, pidsOf, recordRun, stepUntil, until, type Recorded } from '../../../tests/helpers/run.js';

// Demos do not import the runtime: its types come through the test helpers.
type RunEvent = Recorded['events'][number];
type KernelSnapshot = Recorded['snapshots'][number];

const HELLO = Buffer.from('Hello from child\0').toString('hex');
const ZEROS = '00'.repeat(32);
const MEMFD = '/memfd:anon-mem (deleted)';

function stepsOf(events: readonly RunEvent[], pid: number): string[] {
  return events.filter((e) => e.kind === 'step' && e.pid === pid).map((e) => (e as { step: string }).step);
}

function callsOf(events: readonly RunEvent[], pid: number): string[] {
  return events.filter((e) => e.kind === 'return' && e.pid === pid).map((e) => (e as { name: string }).name);
}

/** The page's first bytes as `pid` sees them in the latest snapshot. */
function bytesOf(snapshots: readonly KernelSnapshot[], pid: number | undefined): string | undefined {
  return pid === undefined ? undefined : snapshots.at(-1)?.memory[pid]?.[0]?.hex;
}

function processOf(snapshots: readonly KernelSnapshot[], pid: number | undefined) {
  return snapshots.at(-1)?.processes.find((p) => p.pid === pid);
}

interface Seen {
  /** Parent and child, each as /proc showed it once both held the page. */
  afterFork: { fds: string[]; memfdInodes: (number | null)[]; maps: { range: string; perms: string; inode: number; name: string }[][] };
  /** The page's bytes in parent and child once the child has written (the parent still asleep in waitpid). */
  afterWrite: { parent: string; child: string };
}

/**
 * Step mode: the parent through fork() and into waitpid(), where it sleeps; then the child
 * through its strcpy(), and no further. Records what /proc showed at both moments.
 */
async function stepThroughWrite(variant: string, settled: (parent: string, child: string) => boolean): Promise<{ seen: Seen; recorded: Recorded }> {
  const seen: Partial<Seen> = {};
  const recorded = await recordRun('anon-mem', variant, { mode: 'step' }, async (run, events, snapshots) => {
    const parent = () => pidsOf(events, 'main')[0];
    const child = () => pidsOf(events, 'child')[0];
    const parentAsleep = () => run.procs.get(parent() ?? -1)?.inCall === 'waitpid';
    await stepUntil(run, parentAsleep, 'the parent asleep in waitpid', (pid) => pid === parent());
    await until(run, () => {
      const [p, c] = [processOf(snapshots, parent()), processOf(snapshots, child())];
      return !!p && !!c && p.maps.length > 0 && c.maps.length > 0 && bytesOf(snapshots, child()) !== undefined;
    }, 'both processes mapping the page');
    const both = [processOf(snapshots, parent())!, processOf(snapshots, child())!];
    seen.afterFork = {
      fds: both.flatMap((p) => p.fds.filter((f) => f.kind === 'memfd').map((f) => f.target)),
      memfdInodes: both.flatMap((p) => p.fds.filter((f) => f.kind === 'memfd').map((f) => f.inode)),
      maps: both.map((p) => p.maps.map(({ range, perms, inode, name }) => ({ range, perms, inode, name }))),
    };
    expect(bytesOf(snapshots, parent())).toBe(ZEROS);
    expect(bytesOf(snapshots, child())).toBe(ZEROS);
    // The child writes and stops at its _exit(); the parent has not run a line meanwhile.
    await stepUntil(run, () => stepsOf(events, child()!).includes('child-exit'), 'the child past its write', (pid) => pid === child());
    await until(run, () => settled(bytesOf(snapshots, parent()) ?? '', bytesOf(snapshots, child()) ?? ''), 'the page’s bytes in both processes');
    expect(parentAsleep()).toBe(true);
    seen.afterWrite = { parent: bytesOf(snapshots, parent())!, child: bytesOf(snapshots, child())! };
    run.setMode('run');
  });
  return { seen: seen as Seen, recorded };
}

describe('anon-mem demo', () => {
  it('memfd: the child’s message reaches the parent through the shared page', async () => {
    const recorded = await recordRun('anon-mem', 'memfd');
    const { events, result } = recorded;
    const [parent] = pidsOf(events, 'main');
    const [child] = pidsOf(events, 'child');
    expect(result.reason).toBe('done');
    expect(outputOf(events, child!)).toEqual(['child: wrote "Hello from child"']);
    expect(outputOf(events, parent!)).toEqual([`parent: child pid ${child} exited 0`, 'parent: read "Hello from child"']);
    expect(stepsOf(events, parent!)).toEqual(['memfd-create', 'ftruncate', 'mmap-fd', 'fork', 'wait', 'parent-read', 'munmap', 'close']);
    expect(stepsOf(events, child!)).toEqual(['child-write', 'child-exit']);
    expect(callsOf(events, parent!)).toEqual(['memfd_create', 'ftruncate', 'mmap', 'fork', 'waitpid', 'munmap', 'close']);
    // The child's write is plain stores: no system call at all between fork and _exit.
    expect(callsOf(events, child!)).toEqual(['fork']);
    // The record reads in the order things happened: all of the child before the waitpid() that reaped it.
    const lastOfChild = events.findLastIndex((e) => e.pid === child);
    expect(lastOfChild).toBeLessThan(events.findIndex((e) => e.kind === 'return' && e.name === 'waitpid'));
    const mmap = events.find((e) => e.kind === 'call' && e.name === 'mmap');
    expect(mmap).toMatchObject({ args: [4096, 3, 1, expect.any(Number), 0] }); // PROT_READ|PROT_WRITE, MAP_SHARED
    expect(result.exits.get('main')).toEqual({ code: 0, signal: null, core: false });
    expect(result.exits.get('child')).toEqual({ code: 0, signal: null, core: false });
    expectNothingLeft(recorded);
  });

  it('memfd: one /memfd object in both fd tables and both maps; the parent sees the bytes change while it sleeps', async () => {
    const { seen, recorded } = await stepThroughWrite('memfd', (parent, child) => parent === child && child.startsWith(HELLO));
    const { fds, memfdInodes, maps } = seen.afterFork;
    expect(fds).toEqual([MEMFD, MEMFD]);
    expect(memfdInodes[0]).not.toBeNull();
    expect(memfdInodes[1]).toBe(memfdInodes[0]);
    // One page, same address, same inode, shared (rw-s), in both: and it is the memfd's inode.
    expect(maps[0]).toHaveLength(1);
    expect(maps[1]).toEqual(maps[0]);
    expect(maps[0]![0]).toMatchObject({ perms: 'rw-s', name: MEMFD, inode: memfdInodes[0] });
    expect(maps[0]![0]!.range).toMatch(/^([0-9a-f]+)-([0-9a-f]+)$/);
    const [lo, hi] = maps[0]![0]!.range.split('-').map((x) => Number.parseInt(x, 16));
    expect(hi! - lo!).toBe(4096);
    expect(seen.afterWrite.parent).toBe(seen.afterWrite.child);
    expect(seen.afterWrite.parent.startsWith(HELLO)).toBe(true);
    const [parent] = pidsOf(recorded.events, 'main');
    expect(outputOf(recorded.events, parent!).at(-1)).toBe('parent: read "Hello from child"');
    expectNothingLeft(recorded);
  });

  it('mmap: no fd at all, the same /dev/zero (deleted) mapping in both processes', async () => {
    const { seen, recorded } = await stepThroughWrite('mmap', (parent, child) => parent === child && child.startsWith(HELLO));
    const { fds, maps } = seen.afterFork;
    expect(fds).toEqual([]);
    expect(maps[0]).toHaveLength(1);
    expect(maps[1]).toEqual(maps[0]);
    expect(maps[0]![0]).toMatchObject({ perms: 'rw-s', name: '/dev/zero (deleted)' });
    expect(seen.afterWrite.parent.startsWith(HELLO)).toBe(true);
    const [parent] = pidsOf(recorded.events, 'main');
    const [child] = pidsOf(recorded.events, 'child');
    expect(callsOf(recorded.events, parent!)).toEqual(['mmap', 'fork', 'waitpid', 'munmap']);
    expect(stepsOf(recorded.events, parent!)).toEqual(['mmap-anon', 'fork', 'wait', 'parent-read', 'munmap']);
    expect(outputOf(recorded.events, parent!)).toEqual([`parent: child pid ${child} exited 0`, 'parent: read "Hello from child"']);
    expect(recorded.result.exits.get('main')).toEqual({ code: 0, signal: null, core: false });
    expectNothingLeft(recorded);
  });

  it('private: the child’s write lands in its own copy; the parent keeps the old bytes and reads ""', async () => {
    const { seen, recorded } = await stepThroughWrite('private', (_parent, child) => child.startsWith(HELLO));
    const { fds, memfdInodes, maps } = seen.afterFork;
    expect(fds).toEqual([MEMFD, MEMFD]);
    expect(memfdInodes[1]).toBe(memfdInodes[0]);
    expect(maps[1]).toEqual(maps[0]);
    expect(maps[0]![0]).toMatchObject({ perms: 'rw-p', name: MEMFD, inode: memfdInodes[0] });
    expect(seen.afterWrite.child.startsWith(HELLO)).toBe(true);
    expect(seen.afterWrite.parent).toBe(ZEROS);
    const [parent] = pidsOf(recorded.events, 'main');
    const [child] = pidsOf(recorded.events, 'child');
    expect(outputOf(recorded.events, child!)).toEqual(['child: wrote "Hello from child"']);
    expect(outputOf(recorded.events, parent!)).toEqual([`parent: child pid ${child} exited 0`, 'parent: read ""']);
    expect(recorded.events.find((e) => e.kind === 'call' && e.name === 'mmap')).toMatchObject({ args: [4096, 3, 2, expect.any(Number), 0] }); // MAP_PRIVATE
    expect(recorded.result.exits.get('child')).toEqual({ code: 0, signal: null, core: false });
    expectNothingLeft(recorded);
  });

  it('no-wait: the parent reads before it waits; only what is always true', async () => {
    const recorded = await recordRun('anon-mem', 'no-wait');
    const { events, result } = recorded;
    const [parent] = pidsOf(events, 'main');
    const [child] = pidsOf(events, 'child');
    expect(result.reason).toBe('done');
    const lines = outputOf(events, parent!);
    expect(lines).toHaveLength(3);
    // Whatever the early read found is some prefix of the message (strcpy may even be half done).
    const early = /^parent: read "(.*)" without waiting$/.exec(lines[0]!);
    expect(early).not.toBeNull();
    expect('Hello from child'.startsWith(early![1]!)).toBe(true);
    expect(lines.slice(1)).toEqual([`parent: child pid ${child} exited 0`, 'parent: read "Hello from child"']);
    expect(outputOf(events, child!)).toEqual(['child: wrote "Hello from child"']);
    expect(stepsOf(events, parent!)).toEqual(['memfd-create', 'ftruncate', 'mmap-fd', 'fork', 'read-early', 'wait', 'parent-read', 'munmap', 'close']);
    expect(stepsOf(events, child!)).toEqual(['child-sleep', 'child-write', 'child-exit']);
    // The early read comes before waitpid() is even called.
    const readEarly = events.findIndex((e) => e.kind === 'output' && e.pid === parent && e.text.endsWith('without waiting'));
    const waitCall = events.findIndex((e) => e.kind === 'call' && e.pid === parent && e.name === 'waitpid');
    expect(readEarly).toBeLessThan(waitCall);
    expect(result.exits.get('main')).toEqual({ code: 0, signal: null, core: false });
    expect(result.exits.get('child')).toEqual({ code: 0, signal: null, core: false });
    expectNothingLeft(recorded);
  });

  it('no-wait: step the child through its write first, and the early read finds the message', async () => {
    const recorded = await recordRun('anon-mem', 'no-wait', { mode: 'step' }, async (run, events) => {
      const parent = () => pidsOf(events, 'main')[0];
      const child = () => pidsOf(events, 'child')[0];
      await stepUntil(run, () => child() !== undefined && run.waitingPids().includes(child()!), 'the child at its first line', (pid) => pid === parent() && !stepsOf(events, pid).includes('read-early'));
      await stepUntil(run, () => stepsOf(events, child()!).includes('child-exit'), 'the child past its write', (pid) => pid === child());
      run.setMode('run');
    });
    const [parent] = pidsOf(recorded.events, 'main');
    expect(outputOf(recorded.events, parent!)[0]).toBe('parent: read "Hello from child" without waiting');
    expectNothingLeft(recorded);
  });
});
