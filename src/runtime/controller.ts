// The controller side of a run: start the runners, listen on the trace
// channel, hand out steps, watch the kernel, and leave nothing behind.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { DemoMeta, VariantMeta } from '../demos/types.js';
import type { KernelSnapshot, NoteCode, RunEvent } from './events.js';
import { GO, RUN_FREE, type Mode, type RelayEvent, type TraceEvent, type WaitStatus } from './protocol.js';
import { leaveRunDirNow } from './leave-dir.js';
import { createRunDir, joinLabDir, KEY_FILE, traceSocketPath } from './run-dir.js';
import { freeLoopbackPort, labPort } from './lab-port.js';
import { sayJoined, takeWord, type FinishedWord } from './lab-word.js';
import { cleanUpRunDir, living, type Removed } from './run-cleanup.js';
import { writeControl } from './control-write.js';
import { killedFromOutside } from './outside-kill.js';
import { KernelWatch } from './kernel-watch.js';
import { sysvFailure } from './kernel/sysv-limits.js';
import { twinLauncher, type Launcher } from './launch.js';
import { StartOrder } from './start-order.js';
import { peersElsewhere } from './learner-program.js';
import type { LaunchedProcess } from './spawn-process.js';

export interface RunOptions {
  readonly demo: DemoMeta;
  readonly variant: VariantMeta;
  readonly mode: Mode;
  /** Lab mode: the roles this controller drives (default: all of the variant's). */
  readonly roles?: readonly string[];
  /** Lab mode: both terminals meet in one per-user directory instead of a new private one. */
  readonly lab?: boolean;
  readonly playDelayMs?: number;
  /** Run mode: end a run that is still going after this long. */
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  /** How each role's process is started (default: its Node twin). */
  readonly launcher?: Launcher;
  /**
   * A learner's program run alone: the program it meets (a FIFO's other end, a server) may be
   * started in another terminal, unseen from here. All its processes asleep, one in a call such
   * a program could end, is then `waiting-outside`, not `stuck`, and does not end the run.
   * Default: whether the demo is one learner's program (learner-program.ts); a lab check, which
   * judges the program alone, says false.
   */
  readonly peersElsewhere?: boolean;
  /** The screen's first run: its first program starts alone, the others at startRest() (start-order.ts). */
  readonly holdRest?: boolean;
}

export interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly role: string;
  readonly ownFds: readonly number[];
  socket: Socket | null;
  waiting: boolean;
  waitingSince: number;
  inCall: string | null;
  /** The fd the call it is in was given, when its first argument is one (read(4, …)). */
  inCallFd: number | null;
  /** The steps it has announced; those it had announced when a call last failed (null once it moves past them); and whether it is back at one of those: a retry loop. */
  stepsSeen: Set<string>;
  beforeFailure: Set<string> | null;
  retrying: boolean;
}

export interface RunResult {
  readonly reason: 'done' | 'stuck' | 'timeout' | 'stopped';
  /** The notes the run produced, in order: what went wrong, if anything. */
  readonly notes: readonly NoteCode[];
  /** How each role's process ended ('child' for a forked child). */
  readonly exits: ReadonlyMap<string, WaitStatus>;
  /** What ending the run removed: the exit line says it. */
  readonly removed: Removed;
}

interface RunEvents {
  event: [RunEvent];
  kernel: [KernelSnapshot];
  end: [RunResult];
}

/** How long a parent's events wait for those of a child it reaped (they are normally a loop turn behind). */
const HOLD_MS = 1000;
/** Calls whose return reports a reaped child, {pid, status, raw}: the twins' waitpid, and a C program's wait too. */
const REAPING_CALLS = new Set(['waitpid', 'wait']);
const CRASH_SIGNALS = new Set(['SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGABRT', 'SIGTRAP', 'SIGSYS']);

export class Run extends EventEmitter<RunEvents> {
  readonly options: RunOptions;
  private runDir: string | null;
  readonly events: RunEvent[] = [];
  readonly procs = new Map<number, Proc>();
  private readonly started = Date.now();
  private server: Server | null = null;
  private runners: { role: string; child: LaunchedProcess }[] = [];
  /** Which programs have started, and which wait for startRest() (start-order.ts). */
  private starts: StartOrder | null = null;
  private released = false;
  private mode: Mode;
  private playTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly kernel: KernelWatch;
  private starting: Promise<void> | null = null;
  private ending: Promise<RunResult> | null = null;
  private stopReason: RunResult['reason'] | null = null;
  private pendingAdvance = false;
  /** A free TCP port on 127.0.0.1, for demos that meet by port. */
  private port: number | null = null;
  /**
   * A parent's events from the waitpid() return that reaped a child whose own events are still on
   * their way (the child's trace connection is newer, so it is read later), held until they have
   * all arrived: the record then reads in the order things happened.
   */
  private readonly held = new Map<number, { child: number; events: TraceEvent[]; timer: NodeJS.Timeout }>();
  private get peersElsewhere(): boolean {
    return this.options.peersElsewhere ?? peersElsewhere(this.options.demo);
  }

  /** Output relays still open, by the pid they speak for (an exec'd program's lines may still come). */
  private readonly relays = new Map<number, number>();
  /** Trace connections accepted and not yet closed: a process's events may still be in one. */
  private openConnections = 0;
  /** Runners that have exited while their events may still be on the way: their exit waits for them. */
  private readonly endedRunners = new Map<number, { timer: NodeJS.Timeout | null; done: () => void }>();
  /** The processes killAll() found alive and killed. */
  private readonly killed = new Set<number>();
  /** Lab mode: the other terminal's roles had run to their end and left before this one joined (lab-word.ts). */
  private peerFinished: FinishedWord | null = null;

  constructor(options: RunOptions) {
    super();
    this.options = options;
    this.mode = options.mode;
    this.runDir = null;
    this.kernel = new KernelWatch(this, options.pollMs ?? 120, (snapshot) => this.emit('kernel', snapshot));
  }

  /** Makes the run's private directory (start() does it too); throws RunDirError if it cannot. */
  prepare(): string {
    this.runDir ??= this.options.lab ? this.joinLab() : createRunDir();
    return this.runDir;
  }

  private joinLab(): string {
    const dir = joinLabDir(this.options.demo.id, this.options.variant.id);
    sayJoined(dir, this.roles());
    this.peerFinished = takeWord(dir, this.roles());
    return dir;
  }

  /** The run's private directory; it exists from start() until the run has ended. */
  get dir(): string {
    return this.prepare();
  }

  get currentMode(): Mode {
    return this.mode;
  }

  get elapsed(): number {
    return Date.now() - this.started;
  }

  roles(): string[] {
    return this.options.roles ? [...this.options.roles] : Object.keys(this.options.variant.listings);
  }

  /** The C program's argv for a role, with {dir}, {key} and {port} filled in. */
  argv(role: string): string[] {
    const args = this.options.variant.argv?.[role] ?? this.options.variant.cArgs ?? [];
    return args.map((arg) =>
      arg.replaceAll('{dir}', this.dir).replaceAll('{key}', join(this.dir, KEY_FILE)).replaceAll('{port}', String(this.port ?? 0)),
    );
  }

  /** Starts the runners. A stop() while this is under way waits for it, then ends what it started. */
  start(): Promise<void> {
    this.starting ??= this.launch();
    return this.starting;
  }

  private async launch(): Promise<void> {
    const tracePath = traceSocketPath(this.dir);
    // Said before anything runs: this terminal's programs are about to wait for ones that have gone.
    if (this.peerFinished) this.note('peer-finished', `${this.peerFinished.roles.join(',')} ${Date.now() - this.peerFinished.at}`);
    if (this.roles().some((role) => (this.options.variant.argv?.[role] ?? []).some((arg) => arg.includes('{port}')))) {
      this.port = this.options.lab ? await labPort(this.dir) : await freeLoopbackPort();
    }
    this.server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(tracePath, () => resolve());
    });
    const start = await (this.options.launcher ?? twinLauncher)(this.dir);
    // Stopped while starting (q at once): start nothing, stop() has already begun to finish.
    if (this.stopReason) return;
    const gate = this.mode === 'run' ? 'free' : 'step';
    this.starts = new StartOrder((role) => {
      const child = start({ demoId: this.options.demo.id, role, tracePath, gate, argv: this.argv(role) });
      this.runners.push({ role, child });
      void child.then((result) => this.runnerEnded(role, result.exitCode, result.signal ?? null, String(result.stderr ?? '')));
      return child;
    });
    this.starts.start(this.roles(), this.options.holdRest === true && !this.released);
    if (this.mode === 'play') this.startPlay();
    if (this.mode === 'run') this.armWatchdog();
    this.kernel.start();
  }

  private accept(socket: Socket): void {
    let buffer = '';
    let proc: Proc | null = null;
    let relayFor: number | null = null;
    this.openConnections++;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const event = JSON.parse(line) as TraceEvent | RelayEvent;
        if (event.kind === 'relay') {
          relayFor = event.pid;
          this.relays.set(event.pid, (this.relays.get(event.pid) ?? 0) + 1);
          writeControl(socket, GO); // the exec'd program waits for this answer
          continue;
        }
        if (event.kind === 'hello') {
          // A forked child inherits its parent's runtime fds: hide those too.
          const inherited = event.role === 'child' ? (this.procs.get(event.ppid)?.ownFds ?? []) : [];
          proc = { pid: event.pid, ppid: event.ppid, role: event.role, ownFds: [...new Set([...inherited, ...event.ownFds])], socket, waiting: false, waitingSince: 0, inCall: null, inCallFd: null, stepsSeen: new Set(), beforeFailure: null, retrying: false };
          this.procs.set(event.pid, proc);
          // A runner heard from after its exit: its exit now waits for this connection to close.
          const ended = this.endedRunners.get(event.pid);
          if (ended?.timer) {
            clearTimeout(ended.timer);
            ended.timer = null;
          }
          if (this.mode === 'run') writeControl(socket, RUN_FREE);
        }
        this.deliver(event, proc);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.openConnections--;
      if (proc) {
        proc.socket = null;
        this.release(proc.pid);
        this.exitAfterEvents(proc.pid);
      }
      if (relayFor !== null) {
        const left = (this.relays.get(relayFor) ?? 1) - 1;
        if (left > 0) this.relays.set(relayFor, left);
        else this.relays.delete(relayFor);
        this.release(relayFor);
      }
      this.checkEnd();
    });
  }

  private deliver(event: TraceEvent, proc: Proc | null): void {
    const hold = proc ? this.held.get(proc.pid) : undefined;
    if (hold) {
      hold.events.push(event);
      return;
    }
    const child = event.kind === 'return' && REAPING_CALLS.has(event.name) ? (event.value as { pid?: unknown } | null)?.pid : undefined;
    if (proc && typeof child === 'number' && this.streamOpen(child)) {
      // A child that died before it could say hello must not hold its parent back for long.
      const timer = setTimeout(() => {
        this.release(child);
        this.checkEnd();
      }, HOLD_MS);
      this.held.set(proc.pid, { child, events: [event], timer });
      return;
    }
    this.record(event, proc);
    if (event.kind === 'exit' && event.pid === proc?.pid) this.release(event.pid);
  }

  /** Whether a child's trace connection may still bring events: not yet connected, or not yet closed nor ended, or its output relay open. */
  private streamOpen(pid: number): boolean {
    if (this.relays.has(pid)) return true;
    if (this.events.some((e) => e.kind === 'exit' && e.pid === pid)) return false;
    return this.procs.get(pid)?.socket !== null;
  }

  /** The child's events are all in: let its parents' held events through, in order. */
  private release(child: number): void {
    for (const [parent, hold] of [...this.held]) {
      if (hold.child !== child) continue;
      clearTimeout(hold.timer);
      this.held.delete(parent);
      // The waitpid() return goes straight to the record (it reports the child's exit): delivered
      // again, it would hold the parent once more for a child that never connected (killed before hello).
      const [reaped, ...after] = hold.events;
      const proc = this.procs.get(parent) ?? null;
      if (reaped) this.record(reaped, proc);
      for (const event of after) this.deliver(event, proc);
      this.exitAfterEvents(parent);
    }
  }

  /** A runner that has exited gets its exit recorded once all its events are: its connection closed, none held. */
  private exitAfterEvents(pid: number): void {
    if (this.procs.get(pid)?.socket === null && !this.held.has(pid)) this.endedRunners.get(pid)?.done();
  }

  private record(event: TraceEvent | RunEvent, proc: Proc | null): void {
    const stamped = { ...event, t: this.elapsed } as RunEvent;
    if (proc) {
      if (event.kind === 'step') {
        proc.waiting = this.mode !== 'run';
        proc.waitingSince = Date.now();
        // Back at a line it had passed when a call failed: it loops to try again, at the failed line
        // itself or, as a client making a new socket for each connect() does, a line before it.
        proc.retrying = proc.beforeFailure?.has(event.step) ?? false;
        if (!proc.retrying) proc.beforeFailure = null;
        proc.stepsSeen.add(event.step);
      } else if (event.kind === 'call') {
        proc.inCall = event.name;
        proc.inCallFd = typeof event.args[0] === 'number' ? event.args[0] : null;
      }
      else if (event.kind === 'return') {
        proc.inCall = null;
        if (event.errno) proc.beforeFailure = new Set(proc.stepsSeen);
      }
    }
    if (event.kind === 'return' && REAPING_CALLS.has(event.name) && typeof event.value === 'object' && event.value !== null && !Array.isArray(event.value)) {
      this.reaped(event.value as { pid?: number; status?: unknown });
    }
    if (event.kind === 'exit' && this.events.some((e) => e.kind === 'exit' && e.pid === event.pid)) return;
    this.events.push(stamped);
    this.emit('event', stamped);
    this.kernel.poke(stamped);
    if (event.kind === 'exit') this.checkKilledFromOutside(event.pid, event.status);
    const failure = event.kind === 'return' && event.errno ? sysvFailure(event.name, event.errno) : null;
    if (failure) this.note('sysv-error', failure, event.pid);
    if (event.kind === 'step' && proc?.waiting && this.pendingAdvance && this.mode === 'step') this.advance(proc.pid);
  }

  /** A signal no process of the run sent ended one of them: say so, it is no lesson of the demo's. */
  private checkKilledFromOutside(pid: number, status: WaitStatus): void {
    if (this.stopReason || (status.signal !== null && CRASH_SIGNALS.has(status.signal))) return;
    const proc = this.procs.get(pid);
    if (!killedFromOutside(this.events, proc, pid, status)) return;
    const role = proc?.role ?? this.runners.find((r) => r.child.pid === pid)?.role ?? 'child';
    this.note('killed', `${pid} ${role} ${status.signal}`, pid);
  }

  /** A parent reaped a child: that is how a child killed by a signal gets its exit event. */
  private reaped(value: { pid?: number; status?: unknown }): void {
    if (typeof value.pid !== 'number') return;
    const status = value.status as { code: number | null; signal: string | null; core: boolean };
    this.record({ kind: 'exit', pid: value.pid, status }, null);
  }

  note(code: NoteCode, detail: string, pid = 0): void {
    this.record({ kind: 'note', pid, code, detail }, null);
  }

  /**
   * Let one process execute the line it waits on: the preferred one if it waits (and is not
   * retrying a failed call while another waits), else the one waiting longest. A key pressed
   * while no process waits yet (still starting, or running to its next line) is kept for the
   * next one that does.
   */
  advance(preferred?: number): number | null {
    const chosen = this.chooseWaiting(preferred);
    if (!chosen) {
      this.pendingAdvance = true;
      return null;
    }
    this.pendingAdvance = false;
    chosen.waiting = false;
    writeControl(chosen.socket!, GO);
    return chosen.pid;
  }

  /**
   * The kernel view of a poll begun after the first `count` events (default: all so far). The
   * newest 'kernel' snapshot can be older than the newest event: polls run behind the processes.
   */
  kernelAfter(count = this.events.length): Promise<KernelSnapshot> {
    return this.kernel.after(count);
  }

  /** With `holdRest`: starts the programs after the first (the screen has drawn). Safe to call more than once, or before start(). */
  startRest(): void {
    this.released = true;
    if (!this.stopReason) this.starts?.release();
  }

  /** Runners started that have not said hello yet, nor ended: still loading, on a busy machine for a second or more. */
  startingRunners(): number {
    const loading = this.runners.filter(({ child }) => child.pid !== undefined && !this.procs.has(child.pid) && child.exitCode === null && child.signalCode === null).length;
    return loading + (this.starts?.waiting ?? 0);
  }

  /** The process advance(preferred) would let go on now, without letting it: a question is asked before its line. */
  nextToAdvance(preferred?: number): number | null {
    return this.chooseWaiting(preferred)?.pid ?? null;
  }

  private chooseWaiting(preferred?: number) {
    const waiting = [...this.procs.values()].filter((p) => p.waiting && p.socket);
    if (waiting.length === 0) return undefined;
    // A process back at a call that just failed (a client's connect() before the server listens)
    // gives way to one that may change the outcome: space pressed on it runs the server's next line.
    const pool = waiting.some((p) => !p.retrying) ? waiting.filter((p) => !p.retrying) : waiting;
    return pool.find((p) => p.pid === preferred) ?? [...pool].sort((a, b) => a.waitingSince - b.waitingSince)[0]!;
  }

  waitingPids(): number[] {
    return [...this.procs.values()].filter((p) => p.waiting && p.socket).map((p) => p.pid);
  }

  setMode(mode: Mode): void {
    if (this.mode === mode || this.ending) return;
    this.mode = mode;
    this.stopPlay();
    if (mode === 'run') {
      for (const proc of this.procs.values()) {
        proc.waiting = false;
        if (proc.socket) writeControl(proc.socket, RUN_FREE);
      }
    } else if (mode === 'play') this.startPlay();
  }

  private startPlay(): void {
    this.playTimer = setInterval(() => this.advance(), this.options.playDelayMs ?? 900);
  }

  private stopPlay(): void {
    if (this.playTimer) clearInterval(this.playTimer);
    this.playTimer = null;
  }

  private armWatchdog(): void {
    // Lab mode waits for a person to start the other side in another terminal: give them time.
    const ms = this.options.timeoutMs ?? (this.options.lab || this.peersElsewhere ? 600_000 : 30_000);
    this.watchdog = setTimeout(() => {
      this.note('timeout', `${ms} ms`);
      void this.stop('timeout');
    }, ms);
  }

  /** Called by the kernel watch when every live process sleeps in a call nothing will end. */
  stuck(detail: string, outsideMayWake = false): void {
    // In lab mode the other side runs in another terminal, unseen from here: it may yet wake them.
    if (this.ending || this.stopReason || this.options.lab) return;
    if (outsideMayWake && this.peersElsewhere) return this.note('waiting-outside', detail);
    this.note('stuck', detail);
    if (this.mode === 'run') void this.stop('stuck');
  }

  hung(pid: number): void {
    if (this.ending || this.stopReason) return;
    this.note('hung', `${pid}`, pid);
    void this.stop('stopped');
  }

  private runnerEnded(role: string, code: number | undefined, signal: string | null, stderr: string): void {
    const runner = this.runners.find((r) => r.role === role);
    const pid = runner?.child.pid ?? 0;
    const done = () => {
      const ended = this.endedRunners.get(pid);
      if (ended?.timer) clearTimeout(ended.timer);
      this.endedRunners.delete(pid);
      // 70 is the twin's own crash (EX_SOFTWARE); a runner that never said hello never started;
      // SIGSEGV and its kin are crashes, never a lesson (SIGPIPE, SIGUSR1 … can be).
      const crashed = signal !== null && CRASH_SIGNALS.has(signal);
      const failed = code !== undefined && code !== 0 && code !== 1 && (!this.procs.has(pid) || code === 70);
      if (!this.stopReason && (crashed || failed)) {
        this.note('runner-failed', stderr.trim().split('\n').slice(-3).join('\n') || (crashed ? `${role}: ${signal}` : `${role}: exit ${code}`), pid);
      }
      this.record({ kind: 'exit', pid, status: { code: code ?? null, signal, core: false } }, null);
      this.checkEnd();
    };
    const proc = this.procs.get(pid);
    if (this.stopReason || pid === 0 || proc?.socket === null) return done();
    // Its trace connection may still hold events, or not even be accepted yet (the controller was
    // busy): the exit is recorded after them, when that connection closes, or after HOLD_MS
    // without a hello (a runner that died before it could connect).
    this.endedRunners.set(pid, { timer: proc ? null : setTimeout(done, HOLD_MS), done });
  }

  private allDone(): boolean {
    const runnersDone = (this.starts?.waiting ?? 0) === 0 && this.runners.every((r) => r.child.exitCode !== null || r.child.signalCode !== null);
    // Every process's connection is one of those counted: none open means every one has closed.
    return runnersDone && this.openConnections === 0 && this.endedRunners.size === 0 && this.held.size === 0;
  }

  private checkEnd(): void {
    if (this.allDone()) void this.finish(this.stopReason ?? 'done');
  }

  /** Ends the run now: kills every process of it. Safe to call more than once. */
  stop(reason: RunResult['reason'] = 'stopped'): Promise<RunResult> {
    this.stopReason ??= reason;
    this.starts?.cancel();
    this.killAll();
    return this.finish(this.stopReason);
  }

  /**
   * Leaves the run's directory, and removes it if no other terminal still uses it. `keepObjects`:
   * an exit that cannot wait for the System V objects to be removed (that loads libc) leaves the
   * directory, their record in it, to the next start's sweep.
   */
  removeDir(keepObjects = false): void {
    if (this.runDir) leaveRunDirNow(this.runDir, this.options.lab === true, keepObjects);
  }

  /** Synchronous last resort for exit paths: SIGKILL to every process group of the run. */
  killAll(): void {
    const exited = new Set(this.events.flatMap((e) => (e.kind === 'exit' ? [e.pid] : [])));
    const pids = [...this.runners.flatMap(({ child }) => (child.pid === undefined ? [] : [child.pid])), ...this.procs.keys()];
    for (const pid of living(pids.filter((p) => !exited.has(p)))) this.killed.add(pid);
    for (const { child } of this.runners) {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    for (const pid of this.procs.keys()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /**
   * A forked child killed with its runner is reaped by init, a moment later:
   * the run has ended only when no process of it is left, zombies included.
   */
  private async processesGone(): Promise<void> {
    const pids = [...this.procs.keys()];
    for (let waited = 0; waited < 5000; waited += 10) {
      if (pids.every((pid) => !existsSync(`/proc/${pid}`))) return;
      if (this.stopReason) for (const pid of pids) this.signal(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private signal(pid: number, signal: NodeJS.Signals): void {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }

  private finish(reason: RunResult['reason']): Promise<RunResult> {
    this.ending ??= (async () => {
      // A start under way ends first: its server and runners are then there to be ended too.
      await this.starting?.catch(() => undefined);
      if (this.stopReason) this.killAll();
      this.stopPlay();
      if (this.watchdog) clearTimeout(this.watchdog);
      await Promise.all(this.runners.map((r) => r.child));
      // A stop does not wait for the events of runners that have already exited.
      for (const ended of [...this.endedRunners.values()]) ended.done();
      await this.kernel.stop();
      await this.processesGone();
      for (const { child } of [...this.held.values()]) this.release(child);
      // A process the run had to kill was no one's child to reap: say how it ended.
      for (const proc of this.procs.values()) {
        if (this.stopReason && !this.events.some((e) => e.kind === 'exit' && e.pid === proc.pid)) {
          this.record({ kind: 'exit', pid: proc.pid, status: { code: null, signal: 'SIGKILL', core: false } }, null);
        }
      }
      for (const proc of this.procs.values()) proc.socket?.destroy();
      await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
      // In lab mode the other terminal may still use the objects: the last one out removes them, and the directory.
      const finished = reason === 'done' && this.runners.length > 0 && this.runners.every(({ child }) => child.exitCode === 0) ? this.roles() : null;
      const removed = await cleanUpRunDir(this.runDir, this.options.lab === true, [...this.killed], finished);
      for (const object of removed.objects) this.note('leak-removed', object);
      for (const object of removed.failed) this.note('leak-left', object);
      const exits = new Map<string, WaitStatus>();
      // A child killed before its hello is known only by its parent's fork() return.
      const forked = new Set(this.events.flatMap((e) => (e.kind === 'return' && e.name === 'fork' && typeof e.value === 'number' && e.value > 0 ? [e.value] : [])));
      for (const event of this.events) {
        if (event.kind !== 'exit') continue;
        const role = this.procs.get(event.pid)?.role ?? this.runners.find((r) => r.child.pid === event.pid)?.role ?? (forked.has(event.pid) ? 'child' : undefined);
        if (role && !exits.has(role)) exits.set(role, event.status);
      }
      const notes = this.events.flatMap((e) => (e.kind === 'note' ? [e.code] : []));
      const result: RunResult = { reason, exits, notes, removed };
      this.emit('end', result);
      return result;
    })();
    return this.ending;
  }
}
