// The stuck watch and the watchdog, on real processes and the real /proc. A run is stuck when
// every process it knows sleeps in a call nothing will end. A child just forked is not
// known to the run until it says hello; while it lives, it may be the one they wait
// for. The run here is a stand-in that knows one shell, asleep in read(); the shell's
// own child plays the forked child that has not said hello. A runner is hung when it
// burns CPU between steps; one that is only runnable (starved, or just released) is not.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Run } from '../../src/runtime/controller.js';
import { readLiveChildren, readProcessState } from '../../src/runtime/kernel/process-state.js';
import { KernelWatch } from '../../src/runtime/kernel-watch.js';

/** Waits, polling, for `what` to hold. */
function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  return vi.waitFor(async () => expect(await condition(), what).toBe(true), { timeout: 10_000, interval: 10 });
}

/** Processes a failed test must not leave behind. */
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('the stuck watch', () => {
  it('waits while a child the run does not know yet lives, and calls the run stuck once it is gone', async () => {
    // stdin a pipe no one writes: the shell sleeps in read() for good, its child beside it.
    const shell = spawn('sh', ['-c', 'sleep 60 & read line'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const exited = new Promise((resolve) => shell.once('exit', resolve));
    started.push(shell.pid!);
    const pid = shell.pid!;
    await until(async () => (await readLiveChildren(pid)).length === 1 && (await readProcessState(pid, new Set())).wchan !== null, 'the shell asleep, its child started');
    const [child] = await readLiveChildren(pid);
    started.push(child!);

    const stuck: string[] = [];
    const polls: number[] = [];
    const run = {
      procs: new Map([[pid, { pid, waiting: false, inCall: 'read', ownFds: [] }]]),
      dir: '/nonexistent',
      events: [],
      options: { lab: false },
      get elapsed() {
        polls.push(Date.now()); // read once by every poll
        return 0;
      },
      startingRunners: () => 0,
      stuck: (detail: string) => stuck.push(detail),
      hung: () => undefined,
    } as unknown as Run;
    const watch = new KernelWatch(run, 50, () => undefined);
    const start = Date.now();
    watch.start();
    try {
      // The watch calls a run stuck after 0.5 s without an event, at its second poll so: three
      // polls after that, it has had every chance to.
      await until(() => polls.filter((t) => t - start >= 500).length >= 3, 'three polls after 0.5 s');
      expect(stuck).toEqual([]);
      process.kill(child!, 'SIGKILL');
      await until(() => stuck.length > 0, 'the run called stuck');
      expect(stuck).toEqual([`${pid} read (${(await readProcessState(pid, new Set())).wchan})`]);
    } finally {
      await watch.stop();
    }
    shell.kill('SIGKILL');
    await exited;
  });
});

describe('the watchdog', () => {
  it('ends a run whose process burns its CPU time between steps, not one that is only runnable', async () => {
    // Two shells spinning on CPU 0: the starved one at nice 19 gets about 1/70 of it, runnable
    // (state R) all the time, as a runner starved on a loaded machine or just released after a
    // long pause is. The starved one comes first in the run's list: a watchdog of the wall clock
    // would name it first.
    const spin = (nice: string) => spawn('nice', ['-n', nice, 'taskset', '-c', '0', 'sh', '-c', 'while :; do :; done'], { stdio: 'ignore' });
    const starved = spin('19');
    const hog = spin('0');
    const exits = [starved, hog].map((p) => new Promise((resolve) => p.once('exit', resolve)));
    started.push(starved.pid!, hog.pid!);
    const hung: number[] = [];
    const proc = (pid: number) => [pid, { pid, waiting: false, inCall: null, ownFds: [] }] as const;
    const run = {
      procs: new Map([proc(starved.pid!), proc(hog.pid!)]),
      dir: '/nonexistent',
      events: [],
      options: { lab: false },
      elapsed: 0,
      startingRunners: () => 0,
      stuck: () => undefined,
      hung: (pid: number) => hung.push(pid),
    } as unknown as Run;
    const watch = new KernelWatch(run, 20, () => undefined, 300);
    watch.start();
    try {
      await until(() => hung.length > 0, 'the watchdog called a process hung');
      expect(hung[0]).toBe(hog.pid);
    } finally {
      await watch.stop();
    }
    starved.kill('SIGKILL');
    hog.kill('SIGKILL');
    await Promise.all(exits);
  });
});
