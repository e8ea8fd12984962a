// npm run bench: how long a learner waits, in a pseudo-terminal of 120×36, next to
// `node -e 0` in the same pseudo-terminal, interleaved so that both see the same load.
// For every demo: the first frame (the header and the listing's box) and ready to step
// (the header shows a step number: a process waits at its first line, space does something),
// from the start; then the same from the key for a variant switch (v, ↓, enter) and for
// the tour's next demo (r to run the one before to its end, then n).
// Targets: first frame ≤ 2.5×, ready ≤ 4× `node -e 0`. Medians of BENCH_RUNS (default 9);
// BENCH_DEMOS=pipe,shm for fewer demos (none: only the tour), BENCH_TOUR=0 without the tour.
// NODE_EXTRA_CA_CERTS is unset, as users have it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLUMNS, ENV, median, retried, ROWS, session } from './pty.js';

const CLI = fileURLToPath(new URL('../bin/ipc-demo.js', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const TARGET = { frame: 2.5, ready: 4 };

const FIRST_FRAME = /─ [\w.-]+\.c /;
// The first step's number: 1, or 2 when two programs (section 2) reach their first lines before
// the first frame. Not 0: the screen says `step 0` until a process waits at a line.
const READY = /· step [1-9]/;
const header = (prefix) => ({ frame: new RegExp(`${prefix} ·`), ready: new RegExp(`${prefix} · [^·\\n]+ · step [1-9]`) });

async function nodeStart() {
  const s = session(`${process.execPath} -e 0; echo NODE-STARTED; sleep 1`);
  const t = await s.until(/NODE-STARTED/);
  await s.quit();
  return t;
}

/** `promise`, or undefined after `ms`. */
const within = (promise, ms) => Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);

/**
 * From the start, then the switch to another variant (v, ↓, enter): each from its key. A key
 * that comes in the instant the menu is drawn can go to the screen before it (a person is not
 * that quick): ↓ again until the menu has moved, to whichever variant that is.
 */
async function demoRun(demo, current) {
  const log = join(milestoneDir, `${demo}.log`);
  rmSync(log, { force: true });
  const started = Date.now();
  const s = session(`${process.execPath} ${CLI} ${demo} --lang en --no-questions`, { env: { ...ENV, IPC_DEMO_MILESTONES: log } });
  const frame = await s.until(FIRST_FRAME);
  const ready = await s.until(READY);
  s.type('v');
  await s.until(/›/);
  const moved = s.until(new RegExp(`› (?!${current} )([\\w-]+) `));
  do s.type('\x1b[B');
  while ((await within(moved, 2000)) === undefined);
  const other = s.match[1];
  const t0 = s.mark();
  s.type('\r');
  const switched = header(`variant ${other}`);
  const vFrame = (await s.until(switched.frame)) - t0;
  const vReady = (await s.until(switched.ready)) - t0;
  await s.quit();
  return { frame, ready, vFrame, vReady, other, milestones: milestonesOf(log, started) };
}

/** The first time each milestone of src/milestones.ts was reached, in ms from `started`. */
function milestonesOf(log, started) {
  const first = {};
  for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
    const [at, , ...name] = line.split(' ');
    first[name.join(' ')] ??= Number(at) - started;
  }
  return first;
}
const milestoneDir = mkdtempSync(join(tmpdir(), 'ipc-bench-milestones-'));
process.on('exit', () => rmSync(milestoneDir, { recursive: true, force: true }));
// Where a start's time goes, in the order it is spent: the CLI (a Node process) and its first
// frame, the first program's runner (another) to its first line, the screen's modules, its render.
const PHASES = ['cli loaded', 'first frame', 'runner started', 'runner loaded', 'first line', 'screen loaded', 'at first lines', 'run drawn'];

/** The tour: each demo run to its end (r), then n; the next demo's figures from the n. */
async function tourRun(count) {
  // A new learner's tour, from the first demo: a returning one's resumes where the progress
  // file says (the last run's finished demos, or the user's own), and its runs are not the user's.
  const state = mkdtempSync(join(tmpdir(), 'ipc-bench-state-'));
  const s = session(`XDG_STATE_HOME=${state} ${process.execPath} ${CLI} --lang en --no-questions`);
  try {
    return await tourSteps(s, count);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

async function tourSteps(s, count) {
  await s.until(READY);
  const next = [];
  for (let i = 2; i <= count; i++) {
    s.type('r');
    await s.until(/Run complete\./);
    let t0 = s.mark();
    const h = header(`ipc-demo ${i}/${count} [^·\\n]+· variant [\\w-]+`);
    const frame = s.until(h.frame);
    // As with ↓ above: an n in the very instant the end is drawn can be read by the screen before it.
    s.type('n');
    while ((await within(frame, 2000)) === undefined) {
      t0 = s.now();
      s.type('n');
    }
    next.push({ frame: (await frame) - t0, ready: (await s.until(h.ready)) - t0 });
  }
  await s.quit();
  return next;
}

function demoList() {
  const text = execFileSync(process.execPath, [CLI, 'list', '--lang', 'en'], { encoding: 'utf8', env: ENV });
  const demos = [...text.matchAll(/^ {2}\d {2}(\S+).*\n\s+variants: (.*)$/gm)].map(([, id, variants]) => ({ id, variants: variants.split(', ') }));
  const only = process.env.BENCH_DEMOS?.split(',');
  return { all: demos, chosen: only ? demos.filter((d) => only.includes(d.id)) : demos };
}

const { all, chosen } = demoList();
const samples = { node: [], tour: [] };
for (const demo of chosen) samples[demo.id] = [];
const loadBefore = loadavg()[0];
for (let i = 0; i < RUNS; i++) {
  for (const demo of chosen) {
    samples.node.push(await nodeStart());
    samples[demo.id].push(await retried(() => demoRun(demo.id, demo.variants[0])));
  }
  if (process.env.BENCH_TOUR !== '0') {
    samples.node.push(await nodeStart());
    samples.tour.push(await retried(() => tourRun(all.length)));
  }
}

const base = median(samples.node);
const cell = (ms, target) => `${(ms / base).toFixed(2).padStart(5)}× ${ms.toFixed(0).padStart(4)} ms${ms / base <= target ? ' ' : '!'}`;
console.log(`${COLUMNS}×${ROWS}, medians of ${RUNS}, NODE_EXTRA_CA_CERTS unset, load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
console.log(`  node -e 0              ${base.toFixed(0)} ms; targets: first frame ≤ ${TARGET.frame}×, ready to step ≤ ${TARGET.ready}× (! = not met)`);
console.log(`  ${''.padEnd(22)} ${'first frame'.padEnd(16)}   ready to step`);
let met = true;
const report = (name, frames, readies) => {
  const [frame, ready] = [median(frames), median(readies)];
  met &&= frame / base <= TARGET.frame && ready / base <= TARGET.ready;
  console.log(`  ${name.padEnd(22)} ${cell(frame, TARGET.frame)}   ${cell(ready, TARGET.ready)}`);
};
for (const demo of chosen) {
  const runs = samples[demo.id];
  report(`${demo.id}`, runs.map((r) => r.frame), runs.map((r) => r.ready));
  report(`  v → ${[...new Set(runs.map((r) => r.other))].join('/')}`, runs.map((r) => r.vFrame), runs.map((r) => r.vReady));
}
for (const [i, demo] of all.slice(1).entries()) {
  if (samples.tour.length) report(`tour n → ${demo.id}`, samples.tour.map((r) => r[i].frame), samples.tour.map((r) => r[i].ready));
}
if (chosen.length > 0) console.log(`  where the start goes (medians, ms): ${PHASES.join(' · ')}`);
for (const demo of chosen) {
  const runs = samples[demo.id];
  console.log(`    ${demo.id.padEnd(20)} ${PHASES.map((phase) => String(Math.round(median(runs.map((r) => r.milestones[phase] ?? NaN)))).padStart(4)).join('  ')}`);
}
console.log(met ? 'all targets met' : 'some targets NOT met');
