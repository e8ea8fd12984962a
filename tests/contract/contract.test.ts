// The contract over every demo (STYLE 12): metadata valid, every C listing
// compiles with gcc and clang -Wall -Wextra -Werror and prints what the demo prints, every step
// marker matches a step some run takes and back, lesson text in both
// languages, and nothing left behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roles as roleRegistry } from 'virtual:demo-roles';
import { afterAll, describe, expect, it } from 'vitest';
import { parseListing } from '../../src/demos/listing.js';
import { DEMO_IDS, demos } from '../../src/demos/registry.js';
import type { DemoMeta, VariantMeta } from '../../src/demos/types.js';
import type { RunEvent } from '../../src/runtime/events.js';
import { removeSysv, RunTrace, sysvNow } from '../helpers/leftovers.js';
import { expectNothingLeft, recordRun } from '../helpers/run.js';
import { analyse, CFLAGS, compile, COMPILERS, hasCompiler, HELD_KEY, removeBuilds, runC, type CResult } from './c-program.js';

afterAll(removeBuilds);

// Pids and the ids the kernel gives System V objects differ from run to run.
const normalise = (line: string) => line.replace(/\b(pid|shmid|semid) \d+/g, '$1 N');

/** Per-process line sequences, order-free across processes: what "prints the same" means. */
function sequences(groups: Iterable<readonly string[]>): string[] {
  return [...groups].filter((g) => g.length > 0).map((g) => g.map(normalise).join('\n')).sort();
}

function demoOutput(events: readonly RunEvent[], fd: 1 | 2): string[] {
  const byPid = new Map<number, string[]>();
  for (const e of events) if (e.kind === 'output' && e.fd === fd) byPid.set(e.pid, [...(byPid.get(e.pid) ?? []), e.text]);
  return sequences(byPid.values());
}

/** A forking program's processes share one stdout: their lines are told apart by their "parent:"/"child:" prefix. */
function cOutput(demo: DemoMeta, results: readonly CResult[], stream: 'stdout' | 'stderr'): string[] {
  if (demo.section === 'unrelated' || stream === 'stderr') return sequences(results.map((r) => r[stream]));
  const byPrefix = new Map<string, string[]>();
  for (const line of results.flatMap((r) => r.stdout)) {
    const prefix = line.split(':')[0]!;
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), line]);
  }
  return sequences(byPrefix.values());
}

/**
 * The `printf` formats of a listing, and the other string literals ending in a newline (a line a
 * signal handler write()s, printf not being async-signal-safe), each as a pattern a printed line
 * can match: what the program can print.
 */
function printableShapes(source: string): RegExp[] {
  const unescape = (literal: string) => literal.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  const conversion = /%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t)?([diouxXscp%])/g;
  const literals = /\bf?printf\((?:\s*\w+,)?\s*"((?:[^"\\]|\\.)*)"|"((?:[^"\\]|\\.)*\\n)"/g;
  return [...source.matchAll(literals)].map(([, printed, written]) => {
    const format = unescape((printed ?? written)!).replace(/\n$/, '');
    const parts = format.split(conversion);
    // split() with one capture group alternates: literal text, conversion letter, literal text, …
    const pattern = parts.map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return part === '%' ? '%' : part === 's' ? '.*' : part === 'c' ? '.' : part === 'p' || part === 'x' || part === 'X' ? '\\S+' : '(?:-?\\d+|N)'; // N: a normalised pid
    });
    return new RegExp(`^${pattern.join('')}$`);
  });
}

/**
 * A racy variant (its outcome depends on scheduling) may print different things from run to run.
 * What is always true: every line either side printed is one its listing can print.
 */
function expectPrintable(demo: DemoMeta, variant: VariantMeta, printed: readonly string[]): void {
  const shapes = Object.values(variant.listings).flatMap((file) => printableShapes(demo.sources[file]!));
  for (const line of printed.flatMap((group) => group.split('\n'))) {
    expect(shapes.some((shape) => shape.test(line)), `${variant.id}: no printf in the listing prints ${JSON.stringify(line)}`).toBe(true);
  }
}

/** Compilers not on PATH, each said once in the test output. */
const missingSaid = new Set<string>();

/** Step ids each listing file was seen at, across runs. */
const stepsSeen = new Map<string, Set<string>>();

function recordSteps(demo: DemoMeta, listings: Readonly<Record<string, string>>, events: readonly RunEvent[]): void {
  const fileOf = new Map<number, string>();
  for (const e of events) {
    if (e.kind === 'hello') fileOf.set(e.pid, e.role === 'child' ? (fileOf.get(e.ppid) ?? '') : (listings[e.role] ?? ''));
    if (e.kind === 'step') {
      const key = `${demo.id}/${fileOf.get(e.pid)}`;
      stepsSeen.set(key, new Set([...(stepsSeen.get(key) ?? []), e.step]));
    }
  }
}

describe.each(demos.map((demo) => [demo.id, demo] as const))('%s', (_id, demo) => {
  it('has valid metadata in both languages', () => {
    expect(DEMO_IDS).toContain(demo.id);
    expect(demo.variants.length).toBeGreaterThan(0);
    const roles = roleRegistry.get(demo.id)!;
    for (const text of [demo.title, demo.summary, ...demo.variants.flatMap((v) => [v.title, v.summary])]) {
      expect(text.en.trim()).not.toBe('');
      expect(text.zh.trim()).not.toBe('');
    }
    for (const variant of demo.variants) {
      for (const [role, file] of Object.entries(variant.listings)) {
        expect(demo.sources, `${variant.id}: ${file}`).toHaveProperty([file]);
        expect(roles, `${variant.id}: role ${role}`).toHaveProperty([role]);
      }
    }
  });

  it.for(Object.keys(demo.sources).flatMap((file) => COMPILERS.map((compiler) => [file, compiler] as const)))(
    `%s compiles with %s ${CFLAGS.join(' ')}`,
    ([file, compiler], context) => {
      // A missing compiler is said, not passed over: CI installs both (.ci/run).
      if (!hasCompiler(compiler)) {
        if (!missingSaid.has(compiler)) console.warn(`contract: ${compiler} is not on PATH, so no listing was built with it (install ${compiler}; .ci/run does)`);
        missingSaid.add(compiler);
        context.skip(`${compiler} is not on PATH: ${file} was not built with it`);
      }
      compile(demo, file, compiler);
    },
  );

  it.for(Object.keys(demo.sources))('%s passes gcc -fanalyzer', (file, context) => {
    if (!hasCompiler('gcc')) context.skip('gcc is not on PATH: the listing was not analysed');
    analyse(demo, file);
  });

  it.each(demo.variants.map((v) => [v.id, v] as const))('variant %s prints what its C program prints', async (_v, variant) => {
    const recorded = await recordRun(demo.id, variant.id);
    expectNothingLeft(recorded);
    recordSteps(demo, variant.listings, recorded.events);
    const dir = mkdtempSync(join(tmpdir(), 'ipc-contract-run-'));
    const before = sysvNow();
    try {
      const c = await runC(demo, variant, dir, 20_000 + Math.floor(Math.random() * 20_000), recorded.result.reason === 'stuck' ? 2_000 : undefined);
      // No runtime runs the C programs, so nothing removes what they leave: a variant that leaks on
      // purpose (shm leak) leaks here too. They leave what the demo's run left (the runtime removed
      // that, and said so), and the test removes it.
      const trace = new RunTrace().holdKeyFile(join(dir, HELD_KEY));
      for (const r of c) trace.pids.add(r.pid);
      // Objects there before the C programs ran are another test's, whatever pid they name.
      const theirs = () => trace.sysvLeft().filter((o) => !before.has(`${o.kind} ${o.id}`));
      const left = theirs();
      removeSysv(left);
      expect(theirs(), 'System V objects of the C programs left').toEqual([]);
      const removedByRun = recorded.events.flatMap((e) => (e.kind === 'note' && e.code === 'leak-removed' ? [e.detail.split(' ')[0]] : []));
      expect(left.map((o) => o.kind).sort(), 'what the C programs left').toEqual(removedByRun.sort());
      if (variant.racy) {
        expectPrintable(demo, variant, [...demoOutput(recorded.events, 1), ...cOutput(demo, c, 'stdout')]);
        expect(demoOutput(recorded.events, 2)).toEqual(cOutput(demo, c, 'stderr'));
        return;
      }
      expect(demoOutput(recorded.events, 1)).toEqual(cOutput(demo, c, 'stdout'));
      expect(demoOutput(recorded.events, 2)).toEqual(cOutput(demo, c, 'stderr'));
      if (recorded.result.reason !== 'stuck') {
        for (const r of c) {
          const role = demo.section === 'related' ? 'main' : r.role;
          const status = recorded.result.exits.get(role);
          expect({ role, code: r.code, signal: r.signal }).toEqual({ role, code: status?.code ?? null, signal: status?.signal ?? null });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('marks exactly the steps its runs take, each with a lesson in both languages', () => {
    for (const [file, source] of Object.entries(demo.sources)) {
      const markers = [...parseListing(source).steps.keys()].sort();
      expect([...(stepsSeen.get(`${demo.id}/${file}`) ?? [])].sort(), file).toEqual(markers);
      for (const id of markers) {
        expect(demo.steps[id]?.text.en.trim(), `${file}: ${id} (en)`).toBeTruthy();
        expect(demo.steps[id]?.text.zh.trim(), `${file}: ${id} (zh)`).toBeTruthy();
      }
    }
    const allMarkers = new Set(Object.values(demo.sources).flatMap((s) => [...parseListing(s).steps.keys()]));
    expect(Object.keys(demo.steps).filter((id) => !allMarkers.has(id)), 'lessons without a marker').toEqual([]);
  });
});
