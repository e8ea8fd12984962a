// `ipc-demo lab check`: the learner's program compiled with the native runtime, run through the
// same controller as every demo, stepped here one traced call at a time with the kernel read at
// each (the evidence's views), then judged by the exercise's check from what happened.
import { linkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { CallRecord, Evidence, Exercise, ProcessView, Verdict } from '../demos/exercise.js';
import { Run, type RunResult } from './controller.js';
import type { KernelSnapshot, RunEvent } from './events.js';
import { buildLearnerPrograms, type LearnerPrograms } from './learner-program.js';
import { guard } from './lifecycle.js';

export interface CheckResult {
  readonly verdict: Verdict;
  /** Which run of the program gave the verdict (1-based), of how many. */
  readonly run: number;
  readonly runs: number;
  /** What that run showed: what a test asserts on besides the verdict (the objects the program made, by their ids). */
  readonly evidence: Evidence;
  /** What the compiler warned of. */
  readonly warnings: string;
}

/** A dead server's socket file at `path`: bound, linked under `path`, and the server closed (its own name goes with it). */
async function staleSocket(path: string): Promise<void> {
  const live = `${path}.live`;
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(live, done));
  linkSync(live, path);
  await new Promise<void>((done) => server.close(() => done()));
}

function pathArgs(exercise: Exercise, dir: string): Record<string, string> {
  return Object.fromEntries((exercise.argv ?? []).filter((arg) => arg.startsWith('{dir}/')).map((arg) => [arg.slice('{dir}/'.length), join(dir, arg.slice('{dir}/'.length))]));
}

/** A run's events, views and end, as the exercise's check reads them; `run` is which of `runs` it was. */
export function evidenceOf(events: readonly RunEvent[], views: readonly KernelSnapshot[], result: RunResult, paths: Record<string, string>, run = 1, runs = 1): Evidence {
  const roles = new Map(events.flatMap((e) => (e.kind === 'hello' ? [[e.pid, e.role] as const] : [])));
  const role = (pid: number) => roles.get(pid) ?? 'child';
  const calls: CallRecord[] = [];
  const open = new Map<number, number>(); // pid → index of its call awaiting a return
  for (const [at, event] of events.entries()) {
    if (event.kind === 'call') {
      open.set(event.pid, calls.length);
      calls.push({ pid: event.pid, role: role(event.pid), name: event.name, args: event.args, line: event.step ? Number(event.step) : null, returned: false });
    } else if (event.kind === 'return') {
      const index = open.get(event.pid);
      if (index === undefined) continue;
      open.delete(event.pid);
      calls[index] = { ...calls[index]!, returned: true, returnedAt: at, value: event.value, ...(event.errno ? { errno: event.errno } : {}) };
    }
  }
  const notes = events.flatMap((e) => (e.kind === 'note' ? [e] : []));
  const timedOut = notes.find((n) => n.code === 'timeout' || n.code === 'hung');
  const view = (snapshot: KernelSnapshot): ProcessView[] =>
    snapshot.processes.map((p) => ({ pid: p.pid, role: role(p.pid), state: p.state, fds: p.fds, maps: p.maps.map((m) => ({ perms: m.perms, name: m.name })), sigBlk: p.sigBlk }));
  return {
    calls,
    output: events.flatMap((e) => (e.kind === 'output' && e.fd === 1 ? [{ pid: e.pid, role: role(e.pid), text: e.text }] : [])),
    exits: events.flatMap((e) => (e.kind === 'exit' ? [{ pid: e.pid, role: role(e.pid), code: e.status.code, signal: e.status.signal }] : [])),
    stuck: result.reason === 'stuck',
    abnormal: timedOut
      ? timedOut.code === 'hung'
        ? { en: 'it ran 10 s of CPU time without a traced call', zh: '它占用了 10 秒 CPU 时间，却没有做任何被跟踪的调用' }
        : { en: `it was still running after ${timedOut.detail}`, zh: `${timedOut.detail} 之后它仍在运行` }
      : null,
    views: views.map(view),
    leftBehind: notes.filter((n) => n.code === 'leak-removed').map((n) => n.detail),
    pathArgs: paths,
    run,
    runs,
  };
}

/**
 * One run of the learner's program, stopped as soon as it is stuck: stepped, each step's kernel
 * view read before the step runs; or, in the exercise's `run` mode, free, with every view the
 * kernel watch took meanwhile.
 */
async function runOnce(program: LearnerPrograms, exercise: Exercise, timeoutMs: number, nth: number, runs: number): Promise<Evidence> {
  const mode = exercise.mode ?? 'step';
  const run = new Run({ demo: program.demo, variant: program.variant, mode, timeoutMs, pollMs: 50, launcher: program.launcher, peersElsewhere: false });
  // Ctrl-C or a closed terminal during a check ends the learner's processes and removes what they made, as in a demo.
  const release = guard(run);
  const events: RunEvent[] = [];
  const views: KernelSnapshot[] = [];
  if (mode === 'run') run.on('kernel', (view) => views.push(view));
  run.on('event', (event) => {
    events.push(event);
    // The kernel as the program ended in, every process blocked: the evidence of why.
    if (event.kind === 'note' && event.code === 'stuck') {
      void run
        .kernelAfter()
        .then((view) => views.push(view), () => undefined)
        .finally(() => void run.stop('stuck'));
    }
  });
  const ended = new Promise<RunResult>((done) => run.once('end', done));
  const dir = run.prepare();
  const paths = pathArgs(exercise, dir);
  try {
    for (const [name, what] of Object.entries(exercise.setup ?? {})) if (what === 'stale-socket') await staleSocket(join(dir, name));
    await run.start();
  } catch (error) {
    // Could not start: the run's directory goes all the same.
    await run.stop('stopped');
    release();
    throw error;
  }
  if (mode === 'step') await stepThrough(run, ended, views);
  const result = await ended;
  release();
  return evidenceOf(events, views, result, paths, nth, runs);
}

/** Lets the run's processes go one traced call at a time, reading the kernel before each, until the run ends. */
async function stepThrough(run: Run, ended: Promise<RunResult>, views: KernelSnapshot[]): Promise<void> {
  let over = false;
  void ended.then(() => (over = true));
  const waiting = () =>
    new Promise<void>((done) => {
      const check = () => {
        if (!over && run.waitingPids().length === 0) return;
        run.off('event', check);
        done();
      };
      run.on('event', check);
      void ended.then(check);
      check();
    });
  while (!over) {
    await waiting();
    if (over) break;
    const view = await run.kernelAfter().catch(() => null);
    if (view) views.push(view);
    run.advance();
  }
}

/**
 * Checks the learner's `file` against `exercise`: compiled once (warnings are said, not fatal;
 * NativeBuildError when it does not compile), then as many runs as the exercise asks for, each
 * judged; the first failure is the verdict, else the last pass.
 */
export async function checkExercise(exercise: Exercise, file: string, timeoutMs = 20_000): Promise<CheckResult> {
  const program = await buildLearnerPrograms([file], exercise.argv ?? []);
  try {
    const runs = exercise.runs ?? 1;
    let judged: { verdict: Verdict; evidence: Evidence } | null = null;
    for (let i = 1; i <= runs; i++) {
      const evidence = await runOnce(program, exercise, timeoutMs, i, runs);
      judged = { verdict: exercise.check(evidence), evidence };
      if (!judged.verdict.pass) return { ...judged, run: i, runs, warnings: program.warnings };
    }
    return { ...judged!, run: runs, runs, warnings: program.warnings };
  } finally {
    program.dispose();
  }
}
