// The terminal chart: a block for the round trip and one per message size; in each a line per
// mechanism with C's bar and the twin's side by side, on one log scale per block; then a line
// per mechanism on why, and the goals. Plain text: it reads the same in a pipe and in tmux.
import stringWidth from 'string-width';
import type { Lang } from '../demos/types.js';
import { judgeGoals } from './goals.js';
import type { BenchResult, CellResult } from './run.js';
import type { Summary } from './stats.js';
import { benchText, type BenchText } from './text.js';
import type { MechanismMeta } from './types.js';

// A row is LABEL + 2 × (BAR + VALUE + 8) + the ratio: 78 columns, an 80-column terminal's line.
const LABEL = 15;
const BAR = 11;
const VALUE = 10;

export function formatSize(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes >> 20} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes >> 10} KiB`;
  return `${bytes} B`;
}

function formatValue(unit: CellResult['unit'], value: number): string {
  if (unit === 'ns') return `${(value / 1000).toPrecision(3)} µs`;
  return value >= 1e9 ? `${(value / 1e9).toPrecision(3)} GB/s` : `${(value / 1e6).toPrecision(3)} MB/s`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** A bar on a log scale from lo to hi: at least one block, so that the smallest still shows. */
function bar(value: number, lo: number, hi: number): string {
  const share = hi > lo ? Math.log(value / lo) / Math.log(hi / lo) : 1;
  return '█'.repeat(Math.max(1, Math.round(share * BAR)));
}

function column(summary: Summary | null, unit: CellResult['unit'], lo: number, hi: number): string {
  if (!summary) return pad('', BAR + VALUE + 8);
  const spread = summary.spread < 10 ? `±${Math.round(summary.spread * 100)}%` : '>999%';
  return `${pad(bar(summary.median, lo, hi), BAR)} ${pad(formatValue(unit, summary.median), VALUE)}${pad(spread, 6)} `;
}

function block(title: string, cells: readonly CellResult[], t: BenchText, memcpyRow: Summary | null): string[] {
  const values = cells.flatMap((cell) => [cell.c?.median, cell.twin?.median]).concat(memcpyRow?.median).filter((v): v is number => v !== undefined);
  const lo = Math.min(...values) / 1.6;
  const hi = Math.max(...values);
  const lines = [title, `${pad('', LABEL)}${pad(t.columns[0], BAR + VALUE + 8)}${t.columns[1]}`];
  if (memcpyRow) lines.push(`${pad(t.memcpy, LABEL)}${column(memcpyRow, 'B/s', lo, hi)}`);
  for (const cell of cells) {
    if (cell.skipped !== undefined) {
      lines.push(`${pad(cell.label, LABEL)}${t.skipped(cell.skipped)}`);
      continue;
    }
    const ratio = cell.ratio === null ? '' : `${cell.ratio.toFixed(2)}×`;
    lines.push(`${pad(cell.label, LABEL)}${column(cell.c, cell.unit, lo, hi)}${column(cell.twin, cell.unit, lo, hi)}${ratio}`);
  }
  return lines;
}

/** Words (en) or characters (zh) to lines of at most `width` columns, indented. */
function wrap(text: string, width: number, indent: string): string[] {
  // Chinese breaks between characters, but never inside a run of Latin letters (semop(), TCP/IP).
  const pieces = /[\u4e00-\u9fff]/.test(text) ? (text.match(/[\x21-\x7e]+ ?|./gu) ?? []) : text.split(/(?<= )/);
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (stringWidth(line + piece) > width && line.trim()) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.map((l, i) => (i === 0 ? l : indent + l));
}

function header(result: BenchResult, t: BenchText): string[] {
  const { host } = result;
  const load = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(' ');
  return [
    t.title,
    `${host.cpu} · ${host.cpus} CPUs · ${host.kernel} · node ${host.node}${host.cc ? ` · ${host.cc}` : ''}`,
    t.cpuMode(result.cpu.mode, result.cpu.parent, result.cpu.child),
    t.reps(result.reps),
    t.load(load(host.load), load(result.loadAtEnd)),
    ...(result.noC ? [t.noC(result.noC)] : []),
  ].flatMap((line) => wrap(line, 78, '  '));
}

function goalLines(result: BenchResult, t: BenchText): string[] {
  const lines = [t.goals, ...wrap(`  ${t.cpuNote}`, 78, '  ')];
  for (const goal of judgeGoals(result.cells, result.cpu.mode === 'same')) {
    const state = goal.met === null ? t.notJudged : goal.met ? t.met : `${t.missed}${t.colon}${goal.missed.map((c) => `${c.label} ${formatSize(c.size)} ${c.value.toFixed(2)}×${c.cpuRatio === null ? '' : ` (${t.cpu} ${c.cpuRatio.toFixed(2)}×)`}`).join(', ')}`;
    lines.push(...wrap(`  ${goal.met ? '✓' : goal.met === null ? '·' : '✗'} ${t.goal[goal.id]}${t.colon}${state}`, 78, '    '));
  }
  return lines;
}

export function renderChart(result: BenchResult, metas: readonly MechanismMeta[], lang: Lang): string {
  const t = benchText[lang];
  const lines = [...header(result, t), ''];
  lines.push(...block(t.roundTrip, result.cells.filter((c) => c.kind === 'rt'), t, null), '');
  const sizes = [...new Set(result.cells.filter((c) => c.kind === 'bw').map((c) => c.size))].sort((a, b) => a - b);
  for (const size of sizes) {
    const cells = result.cells.filter((c) => c.kind === 'bw' && c.size === size);
    const memcpyRow = cells.find((c) => c.memcpyRate)?.memcpyRate ?? null;
    lines.push(...block(t.throughput(formatSize(size)), cells, t, memcpyRow), '');
  }
  lines.push(t.why);
  const shown = new Set(result.cells.map((c) => c.mechanism));
  for (const meta of metas.filter((m) => shown.has(m.id))) lines.push(...wrap(`  ${pad(meta.id, 10)}${meta.why[lang]}`, 78, ' '.repeat(12)));
  lines.push('', ...goalLines(result, t), t.took(result.seconds.toFixed(1)));
  return `${lines.join('\n')}\n`;
}
