// The bench's Node twin: one process for every mechanism, started by the orchestrator (run.ts)
// with the fork flags, as a demo's runner is. It speaks c/harness.c's protocol on stdin and
// stdout, with the mechanism first:
//   cell <mechanism> <variant> <rt|bw> <size> <count> <warm> <reps> <cpu-parent> <cpu-child>
// and forks each cell's child by the demos' recipe (src/ffi/fork.ts). Synchronous throughout.
import { readSync, writeSync } from 'node:fs';
import { twins } from 'virtual:bench-twins';
import { forkProcess, resetSignalsLikeC } from '../ffi/fork.js';
import { pinToCpu } from '../ffi/sched.js';
import { threadCpuNs } from '../ffi/sys-resource.js';
import { SIGKILL } from '../ffi/signal.js';
import { setParentDeathSignal } from '../ffi/sys-prctl.js';
import { waitpid } from '../ffi/sys-wait.js';
import { exit, getpid } from '../ffi/unistd.js';
import { childLoop, parentLoop } from './loops.js';

const input = Buffer.alloc(4096);
let pending = '';

/** The next line of stdin, read synchronously (the event loop never runs here); null at its end. */
function nextLine(): string | null {
  for (;;) {
    const newline = pending.indexOf('\n');
    if (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      return line;
    }
    const n = readSync(0, input);
    if (n === 0) return null;
    pending += input.toString('utf8', 0, n);
  }
}

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

/**
 * CPU time (user + system) of this thread so far, as c/harness.c's cpu_ns(): it hardly changes
 * with the machine's load. This thread's only: the Node process's other threads are not the twin's.
 */
const cpuNs = threadCpuNs;

function pin(cpu: number): void {
  if (cpu >= 0) pinToCpu(cpu);
}

function cell(args: string[]): void {
  const [mech, variant, kind, ...numbers] = args;
  const [size, count, warm, reps, cpuParent, cpuChild] = numbers.map(Number) as [number, number, number, number, number, number];
  const twin = twins.get(mech ?? '');
  if (!twin || !variant) throw new Error(`no mechanism ${mech}`);
  const bw = kind === 'bw';
  const max = Math.max(size, 8);
  const buf = Buffer.alloc(max, 'x');
  pin(cpuParent);
  const link = twin.open({ variant, dir: process.env.BENCH_DIR ?? '.', max, buf, record: (k, id) => say(`obj ${k} ${id}`) });
  const parent = getpid();
  const pid = forkProcess();
  if (pid === 0) {
    try {
      pin(cpuChild);
      link.side(1, parent);
      childLoop(link, bw, size, warm);
      const cpu0 = cpuNs();
      for (let r = 0; r < reps; r++) childLoop(link, bw, size, count);
      say(`cpu child ${cpuNs() - cpu0}`); // before the parent's "done": it waits for our exit
    } catch (error) {
      writeSync(2, `bench twin child: ${error instanceof Error ? error.message : String(error)}\n`);
      exit(1);
    }
    exit(0);
  }
  link.side(0, pid);
  parentLoop(link, bw, size, warm);
  say(`ready ${pid}`);
  let cpu = 0;
  for (let r = 0; r < reps; r++) {
    if (nextLine() === null) exit(1);
    const cpu0 = cpuNs();
    const t0 = process.hrtime.bigint();
    parentLoop(link, bw, size, count);
    const t1 = process.hrtime.bigint();
    cpu += cpuNs() - cpu0;
    say(`ns ${t1 - t0}`);
  }
  const { status } = waitpid(pid);
  link.destroy();
  say(`cpu parent ${cpu}`);
  say(status.code === 0 ? 'done' : 'error child failed');
}

function main(): void {
  setParentDeathSignal(SIGKILL);
  resetSignalsLikeC();
  for (let line = nextLine(); line !== null && line !== 'quit'; line = nextLine()) {
    const [command, ...args] = line.split(' ');
    try {
      if (command === 'cell') cell(args);
      else say('error bad command');
    } catch (error) {
      say(`error ${error instanceof Error ? error.message : String(error)}`);
      exit(1);
    }
  }
  exit(0);
}

main();
