// Every demo and every variant, stepped to its end with the space bar in a
// real terminal at 80×24, as a learner does it: variants alternate between
// Chinese and English. Each must end (complete, or stuck where that is the
// lesson) with no error, quit with q, and leave nothing behind: no process, no
// path, no System V object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demos } from '../../src/demos/registry.js';
import { expectNothingLeftOf, RunTrace, runsEnded } from '../helpers/leftovers.js';
import { CLI, Terminal } from '../helpers/terminal.js';

let terminal: Terminal | null = null;
let base = '';

afterEach(async () => {
  terminal?.close();
  terminal = null;
  if (!base) return;
  // A test that failed mid-run: the program, hung up on, is still removing what the run made.
  await runsEnded(base);
  rmSync(base, { recursive: true, force: true });
});

const END = { en: /Run complete|Stuck: every process/, zh: /运行结束|卡住了/ };
const ERROR = /runner failed|运行器出错|took too long|运行时间过长|without reaching its next line|没有走到下一行/;

function stepCount(screen: string): number {
  const counts = [...(screen.split('\n')[0] ?? '').matchAll(/(?:step|步骤) (\d+)/g)];
  return Number(counts.at(-1)?.[1] ?? 0);
}

const cases = demos.flatMap((demo) => demo.variants.map((variant, i) => ({ demo, variant, lang: i % 2 === 0 ? ('zh' as const) : ('en' as const) })));

describe('every variant, stepped to its end in a real terminal', () => {
  it.each(cases.map((c) => [`${c.demo.id} ${c.variant.id} (${c.lang})`, c] as const))('%s', async (_name, { demo, variant, lang }) => {
    base = mkdtempSync(join(tmpdir(), 'ipc-every-'));
    // The questions asked before some lines are tests/e2e/questions-terminal.test.ts's: here each key is a step.
    const t = new Terminal(`env -u CI TMPDIR=${base} XDG_RUNTIME_DIR= node ${CLI} ${demo.id} --variant ${variant.id} --lang ${lang} --no-questions`, 80, 24);
    terminal = t;
    const trace = new RunTrace();
    let screen = await t.waitFor((s) => s.includes(demo.title[lang]) && stepCount(s) > 0, 'the first step');
    for (let rounds = 0; !END[lang].test(screen); rounds++) {
      expect(rounds, 'key presses').toBeLessThan(300);
      // A key either takes a process to its next line or into a call it sleeps in
      // (the panes say so): either way the screen changes.
      const before = screen;
      trace.watch(base);
      screen = await t.press(' ', (s) => s !== before, 'the effect of the key');
      expect(screen).not.toMatch(ERROR);
    }
    expect(stepCount(screen)).toBeGreaterThan(1);
    trace.watch(base);
    screen = await t.press('q', (s) => /EXIT=\d+/.test(s), 'the shell');
    expect(Number(/EXIT=(\d+)/.exec(screen)?.[1])).toBe(0);
    // A demo that makes System V objects was seen making them: the check below is not empty.
    if (Object.values(variant.listings).some((file) => /\b(shm|msg|sem)get\(/.test(demo.sources[file]!))) expect(trace.objectCount).toBeGreaterThan(0);
    expectNothingLeftOf(trace, base);
  }, 120_000);
});
