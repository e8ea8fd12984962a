// The controller's start and stop, when they overlap: q pressed the moment a
// demo opens; a runner slow to start; kernel views that are no older than an event;
// the process the learner steps, when it only retries.
// Real runners, real /proc.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Run } from '../../src/runtime/controller.js';
import type { RunEvent } from '../../src/runtime/events.js';
import { parseNetUnix } from '../../src/runtime/kernel/net-unix.js';
import { demoAndVariant, expectNothingLeft, outputOf, pidsOf, recordRun, until } from '../helpers/run.js';

/** Pids of the processes whose command line names `dir` (a runner gets its run's trace socket path), and `arg` as one of its words if given. */
function processesNaming(dir: string, arg?: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      return cmdline.includes(dir) && (arg === undefined || cmdline.split('\0').includes(arg)) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

describe('a run stopped while it starts', () => {
  for (const [demoId, variantId] of [
    ['pipe', 'basic'],
    ['fifo', 'basic'],
  ] as const) {
    it(`${demoId}: starts no runner, and leaves no directory behind`, async () => {
      const { demo, variant } = demoAndVariant(demoId, variantId);
      const run = new Run({ demo, variant, mode: 'step' });
      const dir = run.dir;
      const starting = run.start();
      const result = await run.stop('stopped');
      await starting;
      expect(result.reason).toBe('stopped');
      expect(run.procs.size).toBe(0);
      // Had start() gone on to spawn its runners, they would be here now: spawn is synchronous.
      expect(processesNaming(dir)).toEqual([]);
      expect(existsSync(dir)).toBe(false);
    });
  }

  it('stop() after start() has finished still ends every runner', async () => {
    const { demo, variant } = demoAndVariant('pipe', 'basic');
    const run = new Run({ demo, variant, mode: 'step' });
    const dir = run.dir;
    await run.start();
    expect(processesNaming(dir).length).toBeGreaterThan(0);
    await run.stop('stopped');
    expect(processesNaming(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('a runner slow to start', () => {
  it('is waited for: the process asleep until it comes is not stuck', async () => {
    let stoppedBeforeHello = false;
    const recorded = await recordRun('shm', 'race', {}, async (run) => {
      // b held before it has said hello, as a loaded machine can hold a starting node for a second:
      // a meanwhile sleeps in the rendezvous, the only process the run knows, waiting for b.
      const [b] = processesNaming(run.dir).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('b'));
      process.kill(b!, 'SIGSTOP');
      stoppedBeforeHello = !run.procs.has(b!);
      await until(run, () => [...run.procs.values()].some((p) => p.inCall === 'semop'), 'a asleep in the rendezvous');
      // Held well past what the stuck watch takes (0.5 s without an event, then two polls): before,
      // the run was called stuck ~0.7 s after a's semop() and ended, b killed before its first line.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      process.kill(b!, 'SIGCONT');
    });
    expect(stoppedBeforeHello).toBe(true);
    expect(recorded.result.notes).toEqual([]);
    expect(recorded.result.reason).toBe('done');
    expect(outputOf(recorded.events, pidsOf(recorded.events, 'a')[0]!).at(-1)).toMatch(/^a: count \d+, expected 4000, lost \d+$/);
  });
});

describe('kernelAfter', () => {
  it('shows the kernel as it is after the events so far, though the polls run behind them', async () => {
    const seen: { step: string; expected: number; fds: number }[] = [];
    let afterEnd: Promise<unknown> = Promise.resolve();
    const recorded = await recordRun('pipe', 'basic', { mode: 'step' }, async (run, events) => {
      const parent = () => pidsOf(events, 'main')[0];
      const lastStep = () => events.filter((e) => e.kind === 'step' && e.pid === parent()).at(-1) as { step: string } | undefined;
      // The parent's pipe fds, from its own calls: pipe() makes two, each close() takes one.
      const expected = () => events.reduce((n, e) => (e.kind !== 'return' || e.pid !== parent() ? n : e.name === 'pipe' ? n + 2 : e.name === 'close' ? n - 1 : n), 0);
      // The parent alone, line by line, up to its waitpid(); the child stays at its first line.
      for (;;) {
        await until(run, () => parent() !== undefined && run.waitingPids().includes(parent()!), 'the parent at its next line');
        const view = await run.kernelAfter();
        const fds = view.processes.find((p) => p.pid === parent())?.fds.filter((f) => f.kind === 'pipe').length ?? -1;
        seen.push({ step: lastStep()!.step, expected: expected(), fds });
        if (lastStep()!.step === 'wait') break;
        run.advance(parent());
      }
      await run.stop('stopped');
      afterEnd = run.kernelAfter(events.length + 1);
    });
    await expect(afterEnd).rejects.toThrow(/the run ended/);
    expect(seen.map((s) => s.step)).toEqual(['pipe', 'fork', 'parent-close-read', 'parent-write', 'parent-close-write', 'wait']);
    expect(seen.map((s) => s.fds)).toEqual(seen.map((s) => s.expected));
    expect(seen.map((s) => s.fds)).toEqual([0, 2, 2, 1, 1, 0]);
    expect(recorded.result.reason).toBe('stopped');
  });
});

describe('stepping the process the learner has selected', () => {
  // stream and dgram retry on the same lines the learner first stepped; tcp makes a new socket for each try,
  // so its loop comes back through socket() before connect(): either way it is a retry.
  it.each(['stream', 'dgram', 'tcp'])('a client retrying connect() gives way to the server, so its retries do not run out (socket %s)', async (variant) => {
    const recorded = await recordRun('socket', variant, { mode: 'step' }, async (run, events) => {
      const client = () => pidsOf(events, 'client')[0];
      // Both have said hello: the learner presses space with the client selected, again and again.
      await until(run, () => client() !== undefined && pidsOf(events, 'server')[0] !== undefined, 'both processes');
      // Keys come at human speed: while the client waits at a line, or sleeps in read() or recv() for
      // the server's reply, or has ended; not in the microseconds a failing connect() takes.
      const press = () => {
        const proc = run.procs.get(client()!);
        const clientDone = events.some((e) => e.kind === 'exit' && e.pid === client());
        const keyNow = clientDone || proc?.waiting === true || proc?.inCall === 'read' || proc?.inCall === 'recv';
        if (keyNow && run.waitingPids().length > 0) run.advance(client());
      };
      run.on('event', press);
      press();
    });
    const { events, result } = recorded;
    const [client] = pidsOf(events, 'client');
    expect(result.reason).toBe('done');
    expect(result.exits.get('client')).toEqual({ code: 0, signal: null, core: false });
    expect(result.exits.get('server')).toEqual({ code: 0, signal: null, core: false });
    // It retried while there was no server yet, but not a hundred times.
    const connects = events.filter((e) => e.kind === 'call' && e.name === 'connect' && e.pid === client).length;
    expect(connects).toBeGreaterThanOrEqual(1);
    expect(connects).toBeLessThan(10);
    expectNothingLeft(recorded);
  });
});

describe('a controller too busy to read while its runners end', () => {
  it('still records every process of the run before it says the run is done', async () => {
    const recorded = await recordRun('pipe', 'basic', { mode: 'run' }, () => {
      // The runners run to their end and exit while this process reads nothing: their exits
      // and their trace connections then reach it in either order.
      const busyUntil = Date.now() + 1500;
      while (Date.now() < busyUntil);
    });
    const { events, result } = recorded;
    expect(result.reason).toBe('done');
    const [parent] = pidsOf(events, 'main');
    const [child] = pidsOf(events, 'child');
    expect(parent).toBeDefined();
    expect(child).toBeDefined();
    expect(outputOf(events, parent!)).toEqual(['parent: wrote 17 bytes', `parent: child pid ${child} exited 0`]);
    // The runner's exit comes after its own events.
    const exitAt = events.findIndex((e) => e.kind === 'exit' && e.pid === parent);
    expect(exitAt).toBeGreaterThan(events.findLastIndex((e) => e.kind === 'output' && e.pid === parent));
    expectNothingLeft(recorded);
  });
});

describe('a process that exits while the controller writes to it', () => {
  it('loses none of its events: a failed write does not close the connection they wait in', async () => {
    let wroteAfterExit = false;
    const recorded = await recordRun('fifo', 'nonblock', { mode: 'step' }, (run) => {
      const onStep = (event: RunEvent) => {
        if (event.kind !== 'step') return;
        run.off('event', onStep);
        const sockets = socketInodes(event.pid);
        // Run free: the writer goes to its end and exits while this process reads nothing, so its
        // last events wait unread in the trace connection when the next write reaches it. The
        // kernel releases an exited process's sockets a moment after it becomes a zombie.
        run.setMode('run');
        while (listedUnixSockets(sockets).length > 0);
        run.setMode('step');
        run.setMode('run');
        wroteAfterExit = true;
      };
      run.on('event', onStep);
    });
    const { events, result } = recorded;
    expect(wroteAfterExit).toBe(true);
    const [writer] = pidsOf(events, 'writer');
    expect(outputOf(events, writer!)).toEqual([`writer: pid ${writer}, opening fifo for writing`, 'writer: open: ENXIO, no process has the FIFO open for reading']);
    expect(events.some((e) => e.kind === 'return' && e.name === 'unlink' && e.pid === writer)).toBe(true);
    expect(result.exits.get('writer')).toEqual({ code: 1, signal: null, core: false });
    expectNothingLeft(recorded);
  });
});

/** The inodes of a process's sockets. */
function socketInodes(pid: number): number[] {
  return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      return inode === undefined ? [] : [Number(inode)];
    } catch {
      return [];
    }
  });
}

/** Those of `inodes` that still exist as Unix sockets (read synchronously: the caller holds the event loop). */
function listedUnixSockets(inodes: readonly number[]): number[] {
  const listed = new Set(parseNetUnix(readFileSync('/proc/net/unix', 'utf8')).map((row) => row.inode));
  return inodes.filter((inode) => listed.has(inode));
}

describe('a run that starts its first program alone (holdRest: the screen’s first run)', () => {
  it('starts the others at startRest(), and is not over before they have run', async () => {
    let senderExit: RunEvent | undefined;
    const recorded = await recordRun('msgq', 'types', { holdRest: true }, async (run) => {
      const dir = run.dir;
      // The sender runs to its end alone: its messages wait in the queue, the receiver not started.
      await until(run, () => (senderExit = run.events.find((e) => e.kind === 'exit')) !== undefined, 'the sender’s exit');
      expect(pidsOf(run.events).map((pid) => run.procs.get(pid)?.role)).toEqual(['sender']);
      // (The sender itself may still be there for a moment after saying its exit.)
      expect(processesNaming(dir, 'receiver'), 'no receiver started').toEqual([]);
      expect(run.startingRunners(), 'the receiver, held').toBe(1);
      // Still running: a poll of the kernel begun after the sender's exit comes (a run that had
      // ended would have stopped its kernel watch, and this would reject).
      await run.kernelAfter();
      run.startRest();
      run.startRest(); // a second call starts nothing more
    });
    expect(recorded.result.reason).toBe('done');
    expect(pidsOf(recorded.events).map((pid) => recorded.run.procs.get(pid)?.role)).toEqual(['sender', 'receiver']);
    expect(senderExit).toMatchObject({ status: { code: 0 } });
    expect([...recorded.result.exits.values()].map((s) => s.code)).toEqual([0, 0]);
    expect(outputOf(recorded.events, pidsOf(recorded.events, 'receiver')[0]!).length).toBeGreaterThan(0);
    expectNothingLeft(recorded);
  });

  it('stopped before startRest(): starts nothing more, leaves nothing', async () => {
    const recorded = await recordRun('fifo', 'basic', { holdRest: true, mode: 'step' }, async (run) => {
      await until(run, () => run.waitingPids().length === 1, 'the writer at its first line');
      void run.stop('stopped');
      run.startRest();
    });
    expect(recorded.result.reason).toBe('stopped');
    expect(pidsOf(recorded.events).map((pid) => recorded.run.procs.get(pid)?.role)).toEqual([recorded.run.roles()[0]]);
    expect(processesNaming(recorded.dir)).toEqual([]);
    expectNothingLeft(recorded);
  });
});
