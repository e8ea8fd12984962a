// Polls /proc for every process of a run and the run's System V objects, and
// reports a snapshot whenever what the kernel says has changed. It also tells
// a run that is stuck: every live process asleep in a call no one will end.
import type { Run } from './controller.js';
import type { KernelSnapshot, RunEvent } from './events.js';
import type { StateEvent } from './protocol.js';
import { bytesByInode, withMeasures, type PipeLevels } from './pipe-levels.js';
import { readProcessMemory } from './kernel/process-memory.js';
import { readNetTcp } from './kernel/net-tcp.js';
import { readNetUnix } from './kernel/net-unix.js';
import { readCpuTicks, readLiveChildren, readProcessState, withSharedStdFds, type ProcessState } from './kernel/process-state.js';
import { readSysv, type SysvKind, type SysvRow } from './kernel/sysvipc.js';
import { readObjects } from './run-dir.js';

/** Calls another program can end, whatever their arguments: it opens the FIFO's other end, connects, sends, signals. */
const OUTSIDE_CALLS = new Set(['open', 'openat', 'accept', 'accept4', 'connect', 'msgrcv', 'msgsnd', 'semop', 'semtimedop', 'pause', 'sigsuspend', 'sigwait', 'sigwaitinfo', 'sigtimedwait']);
/** Calls another program can end when their fd is a FIFO or a socket (it writes, reads, or connects to the other end). */
const FD_CALLS = new Set(['read', 'write', 'recv', 'recvfrom', 'recvmsg', 'send', 'sendto', 'sendmsg']);

/** Calls that end by themselves: a process sleeping in one is not stuck. */
const TIMED_CALLS = new Set(['usleep', 'sleep', 'nanosleep']);
const QUIET_MS = 500;
/** A twin runs from one step or call to the next in microseconds; this much CPU time without one is a bug. */
export const HUNG_MS = 10_000;
/** USER_HZ: the clock ticks of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = 100;
const ID_COLUMN = { shm: 'shmid', msg: 'msqid', sem: 'semid' } as const;

export class KernelWatch {
  private readonly run: Run;
  private readonly intervalMs: number;
  private readonly hungTicks: number;
  private readonly report: (snapshot: KernelSnapshot) => void;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private pending = false;
  private last = '';
  private lastEventAt = Date.now();
  private stuckPolls = 0;
  /**
   * Per process, the CPU time it had used when first seen running after its last event (null:
   * it has had an event since, read the time again). The watchdog counts CPU time, not the clock:
   * a process the learner released after a long pause, or one starved of the CPU on a loaded
   * machine, is running (state R) long after its last event without being hung.
   */
  private readonly cpuAtLastEvent = new Map<number, number | null>();
  /** Bytes waiting per pipe inode, the newest measure of each from the processes' own state events. */
  private pipeLevels: PipeLevels = {};
  private readonly memory = new Map<number, readonly { readonly addr: string; readonly hex: string }[]>();
  /** The last snapshot reported, and how many events the run had recorded when the last finished poll began. */
  private current: KernelSnapshot | null = null;
  private polledAfter = -1;
  private stopped = false;
  private readonly waiters: { readonly count: number; readonly resolve: (snapshot: KernelSnapshot) => void; readonly reject: (error: Error) => void }[] = [];

  constructor(run: Run, intervalMs: number, report: (snapshot: KernelSnapshot) => void, hungMs = HUNG_MS) {
    this.run = run;
    this.intervalMs = intervalMs;
    this.hungTicks = (hungMs * TICKS_PER_SECOND) / 1000;
    this.report = report;
  }

  start(): void {
    this.timer = setInterval(() => this.poke(), this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    this.stopped = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error(`the run ended before a kernel view after event ${waiter.count}`));
  }

  /**
   * The kernel as seen by the first poll begun once `count` events had been recorded. Polls run
   * behind events: the newest snapshot may come from a poll begun before the event just recorded
   * (a process's state read before it moved on). Every event starts or queues a poll, so one comes.
   */
  after(count: number): Promise<KernelSnapshot> {
    if (this.current && this.polledAfter >= count) return Promise.resolve(this.current);
    if (this.stopped) return Promise.reject(new Error(`the run ended before a kernel view after event ${count}`));
    return new Promise((resolve, reject) => this.waiters.push({ count, resolve, reject }));
  }

  /**
   * Something happened (`event`, or the timer): poll now (one poll at a time; a poke during
   * a poll queues one more). The tool's own notes are not activity of the processes: they
   * do not reset the stuck watch.
   */
  poke(event?: RunEvent): void {
    if (event && event.kind !== 'note') {
      this.lastEventAt = Date.now();
      this.stuckPolls = 0;
      this.cpuAtLastEvent.set(event.pid, null);
      if (event.kind === 'state') this.absorbState(event);
    }
    if (this.polling) {
      this.pending = true;
      return;
    }
    this.polling = this.poll().finally(() => {
      this.polling = null;
      if (this.pending && this.timer) {
        this.pending = false;
        this.poke();
      }
    });
  }

  private absorbState(event: StateEvent): void {
    if (event.memory) this.memory.set(event.pid, event.memory);
    this.pipeLevels = withMeasures(this.pipeLevels, event);
  }

  private pids(): number[] {
    return [...this.run.procs.keys()];
  }

  private async poll(): Promise<void> {
    const after = this.run.events.length;
    const hidden = (pid: number) => new Set(this.run.procs.get(pid)?.ownFds ?? []);
    const processes = withSharedStdFds((await Promise.all(this.pids().map((pid) => readProcessState(pid, hidden(pid))))).filter((p) => p.state !== null));
    const sysv = await this.sysv();
    const sockets = new Set(processes.flatMap((p) => p.fds.flatMap((f) => (f.kind === 'socket' && f.inode !== null ? [f.inode] : []))));
    const [unix, tcp] = await Promise.all([readNetUnix(sockets), readNetTcp(sockets)]);
    const memory = await this.currentMemory(processes);
    // The runtime's own mask caught in /proc (a process in its fork window): the learner never
    // sees it, live or in replay. It lasts a moment: look again at once.
    if (processes.some((p) => p.runtimeMask)) {
      this.pending = true;
      await this.checkStuck(processes);
      await this.checkHung(processes);
      return;
    }
    const snapshot: KernelSnapshot = { t: this.run.elapsed, processes, sysv, pipeFill: bytesByInode(this.pipeLevels), memory, ...(unix.length > 0 ? { unix } : {}), ...(tcp.length > 0 ? { tcp } : {}) };
    const key = JSON.stringify({ ...snapshot, t: 0 });
    if (key !== this.last) {
      this.last = key;
      this.current = snapshot;
      this.report(snapshot);
    }
    this.polledAfter = after;
    this.settleWaiters();
    await this.checkStuck(processes);
    await this.checkHung(processes);
  }

  /** Waiters for a view no older than this poll: the newest snapshot is what it saw (an unchanged view is not reported twice). */
  private settleWaiters(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.count > this.polledAfter) continue;
      this.waiters.splice(i, 1);
      waiter.resolve(this.current!);
    }
  }

  /**
   * The mappings each process reported, with their bytes read again from /proc/<pid>/mem: a process
   * asleep in waitpid() or at a step cannot report what another process just wrote into a shared page.
   */
  private async currentMemory(processes: readonly ProcessState[]): Promise<KernelSnapshot['memory']> {
    const live = new Set(processes.filter((p) => p.state !== 'Z').map((p) => p.pid));
    const entries = await Promise.all(
      [...this.memory].map(async ([pid, regions]) => {
        if (!live.has(pid)) return [pid, regions] as const;
        const fresh = await Promise.all(regions.map(async ({ addr, hex }) => ({ addr, hex: (await readProcessMemory(pid, addr, hex.length / 2)) ?? hex })));
        return [pid, fresh] as const;
      }),
    );
    return Object.fromEntries(entries);
  }

  /**
   * The watchdog: a process that has used HUNG_MS of CPU time since its last event, and is running
   * between steps and calls (not waiting for a go, not in a call), is a hung runner.
   */
  private async checkHung(processes: readonly ProcessState[]): Promise<void> {
    const running = processes.filter((p) => {
      const proc = this.run.procs.get(p.pid);
      return proc && !proc.waiting && proc.inCall === null && p.state === 'R';
    });
    for (const p of running) {
      const ticks = await readCpuTicks(p.pid);
      if (ticks === null) continue;
      const since = this.cpuAtLastEvent.get(p.pid);
      if (since === undefined || since === null) this.cpuAtLastEvent.set(p.pid, ticks);
      else if (ticks - since >= this.hungTicks) return this.run.hung(p.pid);
    }
  }

  private async sysv(): Promise<Partial<Record<SysvKind, SysvRow[]>>> {
    const objects = readObjects(this.run.dir);
    const result: Partial<Record<SysvKind, SysvRow[]>> = {};
    for (const kind of ['shm', 'msg', 'sem'] as const) {
      const ids = new Set(objects.filter((o) => o.kind === kind).map((o) => o.id));
      if (ids.size === 0) continue;
      result[kind] = (await readSysv(kind)).filter((row) => ids.has(row[ID_COLUMN[kind]]!));
    }
    return result;
  }

  /** Live children of the run's processes that the run does not know yet: forked, not yet said hello. */
  private async unannouncedChildren(processes: readonly ProcessState[]): Promise<number> {
    const children = await Promise.all(processes.map((p) => readLiveChildren(p.pid)));
    return children.flat().filter((pid) => !this.run.procs.has(pid)).length;
  }

  private async checkStuck(processes: readonly ProcessState[]): Promise<void> {
    // Lab mode: the process this one waits for (a FIFO's other end, a client) runs in another terminal.
    if (this.run.options.lab) return;
    const live = processes.filter((p) => p.state !== 'Z');
    const blocked = live.filter((p) => {
      const proc = this.run.procs.get(p.pid);
      return proc && !proc.waiting && proc.inCall !== null && !TIMED_CALLS.has(proc.inCall) && (p.state === 'S' || p.state === 'D');
    });
    // A runner still starting may be the one they wait for (b for a's rendezvous, a FIFO's writer),
    // and so may a child just forked that has not said hello yet (its parent asleep in waitpid).
    const asleep = live.length > 0 && blocked.length === live.length && this.run.startingRunners() === 0 && (await this.unannouncedChildren(live)) === 0;
    // Read after the await: an event that came meanwhile is activity.
    const stuck = asleep && Date.now() - this.lastEventAt >= QUIET_MS;
    this.stuckPolls = stuck ? this.stuckPolls + 1 : 0;
    if (this.stuckPolls === 2) {
      const outsideMayWake = blocked.some((p) => {
        const proc = this.run.procs.get(p.pid)!;
        const kind = p.fds.find((f) => f.fd === proc.inCallFd)?.kind;
        return OUTSIDE_CALLS.has(proc.inCall!) || (FD_CALLS.has(proc.inCall!) && (kind === 'fifo' || kind === 'socket'));
      });
      this.run.stuck(blocked.map((p) => `${p.pid} ${this.run.procs.get(p.pid)?.inCall ?? '?'} (${p.wchan ?? '?'})`).join(', '), outsideMayWake);
    }
  }
}
