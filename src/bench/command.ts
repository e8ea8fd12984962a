// `ipc-demo bench [mechanism…] [--sizes a,b] [--cpu same|different|any] [--reps n] [--json]`:
// checks its arguments, runs the bench with a progress bar on a terminal's stderr, and prints
// the chart or one JSON object (every cell: twin, C, ratio; the goals; what it made).
import { metas } from 'virtual:bench-metas';
import type { Lang } from '../demos/types.js';
import { formatSize, renderChart } from './chart.js';
import { judgeGoals } from './goals.js';
import { DEFAULT_REPS, DEFAULT_SIZES, type PlannedCell } from './plan.js';
import { runBench, type CpuMode } from './run.js';
import { benchText } from './text.js';

export interface BenchCliOptions {
  readonly sizes?: string;
  readonly cpu?: CpuMode;
  readonly reps?: string;
  readonly json?: boolean;
}

// A shared-memory cell maps 2 × 8 slots of the size, on each side: 64 MiB each at 4 MiB.
const MAX_SIZE = 4 << 20;

function usage(message: string): number {
  process.stderr.write(`ipc-demo bench: ${message}\n`);
  return 2;
}

function parseSizes(text: string | undefined): number[] | string {
  if (text === undefined) return DEFAULT_SIZES;
  const sizes = text.split(',').map((part) => Number(part.trim()));
  const bad = sizes.find((size) => !Number.isInteger(size) || size < 1 || size > MAX_SIZE);
  return bad === undefined ? sizes : `--sizes takes byte counts from 1 to ${MAX_SIZE}, comma-separated (e.g. 64,4096)`;
}

function progress(lang: Lang): ((done: number, total: number, cell: PlannedCell) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const t = benchText[lang];
  return (done, total, cell) => {
    const width = 24;
    const filled = Math.round((done / total) * width);
    const what = done === total ? '' : `${cell.label} · ${t.kinds[cell.kind]}${cell.kind === 'bw' ? ` ${formatSize(cell.size)}` : ''}`;
    process.stderr.write(`\r\x1b[K${t.progress} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${what}`);
    if (done === total) process.stderr.write('\r\x1b[K');
  };
}

export async function benchCommand(names: readonly string[], options: BenchCliOptions, lang: Lang): Promise<number> {
  const known = metas.map((m) => m.id);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) return usage(`no mechanism ${unknown.join(', ')}; choose from ${known.join(', ')}`);
  const sizes = parseSizes(options.sizes);
  if (typeof sizes === 'string') return usage(sizes);
  const reps = options.reps === undefined ? DEFAULT_REPS : Number(options.reps);
  if (!Number.isInteger(reps) || reps < 1 || reps > 100) return usage('--reps takes a whole number from 1 to 100');
  try {
    const result = await runBench({ mechanisms: names, sizes, cpu: options.cpu ?? 'same', reps, onProgress: progress(lang) });
    if (result.noC && options.json) process.stderr.write(`${benchText[lang].noC(result.noC)}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify({ ...result, goals: judgeGoals(result.cells, result.cpu.mode === 'same') }, null, 1)}\n`);
    else process.stdout.write(renderChart(result, metas, lang));
    return 0;
  } catch (error) {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    if (error instanceof Error) { // a BenchError, a peer that failed, a compiler that did
      process.stderr.write(`ipc-demo bench: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
