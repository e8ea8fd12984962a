// The runtime's fork() blocks every signal around the fork (DESIGN, the fork
// recipe): a mask the program never set. The kernel view must never show it,
// live or in replay. A real runner is held inside that window (its child's setup
// waits for the test), and the watch polls it there.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FORK_NODE_FLAGS } from '../../src/ffi/fork-flags.js';
import type { Run } from '../../src/runtime/controller.js';
import type { KernelSnapshot } from '../../src/runtime/events.js';
import { KernelWatch } from '../../src/runtime/kernel-watch.js';
import { buildFixture } from '../helpers/fork-stress.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = `${root}dist/fork-window.js`;

beforeAll(async () => {
  await buildFixture('fork-window', bundle);
});

function until(condition: () => boolean, what: string): Promise<void> {
  return vi.waitFor(() => expect(condition(), what).toBe(true), { timeout: 10_000, interval: 10 });
}

/** SigBlk of /proc/<pid>/status, as the kernel has it. */
function sigBlk(pid: number): bigint {
  return BigInt(`0x${/^SigBlk:\s*([0-9a-f]+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]}`);
}

describe('the kernel view of a process in fork()', () => {
  it('shows no snapshot while the runtime blocks everything, then the program’s own mask', async () => {
    const fixture = spawn(process.execPath, [...FORK_NODE_FLAGS, bundle], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => fixture.once('exit', resolve));
    let out = '';
    fixture.stdout.on('data', (data: Buffer) => (out += data.toString()));
    const pid = fixture.pid!;
    let polls = 0;
    const snapshots: KernelSnapshot[] = [];
    const run = {
      procs: new Map([[pid, { pid, waiting: false, inCall: 'fork', ownFds: [] }]]),
      dir: '/nonexistent',
      get events() {
        polls++; // read once by every poll
        return [];
      },
      options: { lab: false },
      elapsed: 0,
      startingRunners: () => 0,
      stuck: () => undefined,
      hung: () => undefined,
    } as unknown as Run;
    const watch = new KernelWatch(run, 20, (snapshot) => snapshots.push(snapshot));
    try {
      // Inside the window: every signal blocked in the kernel, SIGUSR1 too, and SIGHUP, which the program never blocked.
      await until(() => out.includes('forking') && (sigBlk(pid) & 1n) === 1n, 'the runner inside fork()');
      watch.start();
      await until(() => polls >= 5, 'five polls inside the window');
      expect(snapshots).toEqual([]);
      fixture.stdin.write('\n'); // the child's setup is done: fork() returns in the parent
      await until(() => out.includes('forked'), 'fork() returned');
      await until(() => snapshots.length > 0, 'a snapshot');
      expect(snapshots.map((s) => s.processes.find((p) => p.pid === pid)?.sigBlk)).toEqual(snapshots.map(() => ['SIGUSR1']));
    } finally {
      await watch.stop();
      fixture.stdin.end('\n');
      await exited;
    }
  });
});
