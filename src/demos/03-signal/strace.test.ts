// Under strace, the twin makes the system calls its C listing names: the C program's
// signal calls, in order, appear in the twin's trace, process by process (parent and
// child). The twin makes more calls in between (its runtime's: README, "strace and
// the signal demo"); the one documented difference in a listed call is rewritten
// before the comparison. Real programs, real strace; skipped, saying why, without it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { demo } from './meta.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const CALLS = ['rt_sigprocmask', 'rt_sigaction', 'kill', 'pause', 'rt_sigsuspend', 'rt_sigtimedwait', 'clock_nanosleep'];
const FORKS = ['clone', 'clone3', 'fork', 'vfork'];
const KEY = new RegExp(`^(${CALLS.join('|')})\\(`);

/** Why strace cannot be used here, or null. */
function straceUnusable(): string | null {
  const probe = spawnSync('strace', ['-f', '-o', '/dev/null', 'true'], { encoding: 'utf8' });
  if (probe.error) return `strace is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `strace cannot trace here: ${probe.stderr.trim()}`;
  return null;
}
const unusable = straceUnusable();

const work = mkdtempSync(join(tmpdir(), 'ipc-strace-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A call as the lesson names it: pids, addresses and the result left out. */
function normalise(line: string): string {
  return line
    .replace(/\s+= .*$/, '')
    .replace(/^kill\(\d+,/, 'kill(PID,')
    .replace(/si_pid=\d+/g, 'si_pid=PID')
    .replace(/0x[0-9a-f]+/g, '0x…');
}

/** Each traced process's key calls, by pid, from the files of `strace -ff -o <prefix>`. */
function traced(dir: string): Map<number, string[]> {
  const byPid = new Map<number, string[]>();
  for (const file of readdirSync(dir)) {
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    byPid.set(Number(file.split('.').pop()), lines);
  }
  return byPid;
}

const keyCalls = (lines: readonly string[]) => lines.filter((line) => KEY.test(line)).map(normalise);

function strace(dir: string, command: readonly string[]): string {
  return execFileSync('strace', ['-ff', '-o', join(dir, 't'), '-e', `trace=${[...CALLS, ...FORKS].join(',')}`, ...command], { encoding: 'utf8', timeout: 60_000 });
}

/** The C listing's parent and child: the parent is the one that forked. */
function traceC(file: string, args: readonly string[], dir: string): { parent: string[]; child: string[] } {
  const binary = join(work, file.replace(/\.c$/, ''));
  if (!existsSync(binary)) {
    writeFileSync(`${binary}.c`, demo.sources[file]!);
    execFileSync('cc', ['-o', binary, `${binary}.c`]);
  }
  strace(dir, [binary, ...args]);
  const processes = [...traced(dir).values()];
  const forked = (lines: string[]) => lines.some((line) => FORKS.some((name) => line.startsWith(`${name}(`)));
  return { parent: keyCalls(processes.find(forked)!), child: keyCalls(processes.find((lines) => !forked(lines))!) };
}

/** The twin, run by the CLI as a learner would: its runner (role main) and the child it forked. */
function traceTwin(variant: string, dir: string): { parent: string[]; child: string[]; pids: number[] } {
  const events = strace(dir, [process.execPath, `${root}dist/cli.js`, 'signal', '--variant', variant, '--mode', 'run', '--json'])
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { kind: string; pid: number; role?: string });
  const pidOf = (role: string) => events.find((e) => e.kind === 'hello' && e.role === role)!.pid;
  const processes = traced(dir);
  return { parent: keyCalls(processes.get(pidOf('main'))!), child: keyCalls(processes.get(pidOf('child'))!), pids: [pidOf('main'), pidOf('child')] };
}

/** The C calls that do not appear, in order, among the twin's. */
function missing(c: readonly string[], twin: readonly string[]): string[] {
  let at = 0;
  const lost: string[] = [];
  for (const call of c) {
    const found = twin.indexOf(call, at);
    if (found === -1) lost.push(call);
    else at = found + 1;
  }
  return lost;
}

/**
 * The one listed call the twin makes differently (README): in queueing, once both handlers
 * are JS, each one's sa_mask holds the other signal, so that neither interrupts the other's JavaScript.
 */
const documented: Readonly<Record<string, (line: string) => string>> = {
  queueing: (line) => line.replace(/^(rt_sigaction\((?:SIGUSR1|SIGRT_2), \{sa_handler=0x…, )sa_mask=\[(?:USR1|RT_2)\]/, '$1sa_mask=[]'),
};

const variants = demo.variants.filter((v) => !v.racy);

describe.skipIf(unusable !== null)('signal demo under strace', () => {
  it.each(variants.map((v) => [v.id, v] as const))('%s: the C listing’s signal calls, in its order, in parent and child', (id, variant) => {
    const cDir = mkdtempSync(join(work, `c-${id}-`));
    const twinDir = mkdtempSync(join(work, `twin-${id}-`));
    const c = traceC(variant.listings.main!, variant.cArgs ?? [], cDir);
    const twin = traceTwin(id, twinDir);
    const rewrite = documented[id] ?? ((line: string) => line);
    expect(c.parent.length + c.child.length, 'the C program made signal calls').toBeGreaterThan(2);
    expect(missing(c.parent, twin.parent.map(rewrite)), `parent; the twin's calls:\n${twin.parent.join('\n')}`).toEqual([]);
    expect(missing(c.child, twin.child.map(rewrite)), `child; the twin's calls:\n${twin.child.join('\n')}`).toEqual([]);
    for (const pid of twin.pids) expect(existsSync(`/proc/${pid}`), `pid ${pid} left`).toBe(false);
  });
});

describe.skipIf(unusable === null)('signal demo under strace', () => {
  it(`is not compared: ${unusable ?? ''}`, () => undefined);
});
