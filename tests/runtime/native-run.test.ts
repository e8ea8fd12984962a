// The built-in pipe.c itself, compiled with the native runtime and run through the same
// controller as its Node twin (the launcher seam): the two runs make the same calls with
// the same errors, print the same lines, and end the same way. The first piece of the
// native-vs-twin contract of issue 12. Real cc, real processes.
import { describe, expect, it } from 'vitest';
import { builtinPrograms, nativeLauncher, NativeBuildError } from '../../src/runtime/launch.js';
import { Run } from '../../src/runtime/controller.js';
import type { RunEvent } from '../../src/runtime/events.js';
import { demoAndVariant, expectNothingLeft, recordRun, until, type Recorded } from '../helpers/run.js';

/** Where a twin's call is not its listing's, yet: fill's child sleeps with usleep(1000000) where pipe.c has sleep(1). */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = { usleep: 'sleep' };

/** What one role's processes did, pids and fds aside: calls with their errno, output lines (pids as <pid>), how each ended. */
function behaviour(recorded: Recorded): Record<string, string[]> {
  const { events } = recorded;
  const roleOf = new Map(events.flatMap((e) => (e.kind === 'hello' ? [[e.pid, e.role] as const] : [])));
  const pids = [...roleOf.keys()];
  const masked = (text: string) => pids.reduce((t, pid) => t.replaceAll(String(pid), '<pid>'), text);
  const seen: Record<string, string[]> = {};
  const add = (pid: number, what: string) => (seen[roleOf.get(pid) ?? '?'] ??= []).push(what);
  for (const event of events) {
    if (event.kind === 'return') add(event.pid, `${KNOWN_DIFFERENCES[event.name] ?? event.name}${event.errno ? ` ${event.errno}` : ''}`);
    if (event.kind === 'output') add(event.pid, `${event.fd}: ${masked(event.text)}`);
  }
  for (const [role, status] of recorded.result.exits) (seen[role] ??= []).push(`exit ${status.code ?? status.signal}`);
  return seen;
}

const native = (demoId: string, variantId: string) => {
  const { demo, variant } = demoAndVariant(demoId, variantId);
  return nativeLauncher(builtinPrograms(demo, variant));
};

describe('pipe.c compiled and run through the controller', () => {
  for (const variantId of ['basic', 'reader-gone', 'reader-gone-ignore', 'fill']) {
    it(`${variantId}: the same calls, errors, output and exits as its twin`, async () => {
      const twin = await recordRun('pipe', variantId);
      const compiled = await recordRun('pipe', variantId, { launcher: native('pipe', variantId) });
      expect(compiled.result.notes).toEqual(twin.result.notes);
      expect(behaviour(compiled)).toEqual(behaviour(twin));
      expectNothingLeft(twin);
      expectNothingLeft(compiled);
    });
  }

  it('steps at its source lines: each process waits at each traced call until the controller lets it go', async () => {
    const { demo } = demoAndVariant('pipe', 'basic');
    const lines = demo.sources['pipe.c']!.split('\n');
    const lineOf = (text: string) => String(lines.findIndex((l) => l.includes(text)) + 1);
    const waited: string[] = [];
    const recorded = await recordRun('pipe', 'basic', { mode: 'step', launcher: native('pipe', 'basic') }, async (run, events) => {
      const ended = new Promise<'ended'>((resolve) => run.once('end', () => resolve('ended')));
      // One go at a time, to the process waiting longest, until the run has ended.
      for (;;) {
        const next = await Promise.race([ended, until(run, () => run.waitingPids().length > 0, 'a process waiting at a step')]);
        if (next === 'ended') break;
        const proc = run.procs.get(run.advance()!)!;
        const step = events.findLast((e) => e.kind === 'step' && e.pid === proc.pid);
        waited.push(`${proc.role} ${step?.kind === 'step' ? step.step : '?'}`);
      }
    });
    expect(recorded.result.reason).toBe('done');
    // Each traced call stops at its own line: the listing's marked lines, and waitpid() inside report().
    const at = (id: string) => String(lines.findIndex((l) => l.trimEnd().endsWith(`// @step ${id}`)) + 1);
    const of = (role: string) => waited.filter((w) => w.startsWith(`${role} `)).map((w) => w.slice(role.length + 1));
    expect(of('main')).toEqual([at('pipe'), at('fork'), at('parent-close-read'), at('parent-write'), at('parent-close-write'), lineOf('if (waitpid(pid, &status, 0)')]);
    expect(of('child')).toEqual([at('child-close-write'), at('child-read'), at('child-read'), at('child-exit')]);
    expectNothingLeft(recorded);
  });

  it('a program that does not compile fails the start with the compiler’s text', async () => {
    const { demo, variant } = demoAndVariant('pipe', 'basic');
    const broken = { ...demo, sources: { 'pipe.c': demo.sources['pipe.c']!.replace('pid_t pid = fork();', 'pid_t pid = fork()') } };
    const run = new Run({ demo: broken, variant, mode: 'run', launcher: nativeLauncher(builtinPrograms(broken, variant)) });
    const dir = run.dir;
    const error = await run.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NativeBuildError);
    expect((error as NativeBuildError).output).toMatch(/pipe\.c:\d+:\d+: error: expected .*;/);
    const result = await run.stop('stopped');
    expect(result.exits.size).toBe(0);
    expectNothingLeft({ events: [] as RunEvent[], dir });
  });
});
