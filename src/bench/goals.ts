// Issue 15's three goals, judged on a run's cells: what was met, what was missed, by how much.
import type { CellResult } from './run.js';

export interface GoalCell {
  readonly label: string;
  readonly size: number;
  readonly value: number;
  /** CPU time per operation, twin ÷ C (the load hardly changes it), where known. */
  readonly cpuRatio: number | null;
}

export interface Goal {
  readonly id: 'throughput' | 'round-trip' | 'shared-memory';
  /** null: no cell of this run bears on it (no C, other mechanisms, --cpu different). */
  readonly met: boolean | null;
  readonly cells: readonly GoalCell[];
  readonly missed: readonly GoalCell[];
}

const STREAMS = new Set(['pipe', 'fifo', 'msgq', 'socket/stream']);

function goal(id: Goal['id'], cells: GoalCell[], ok: (value: number) => boolean): Goal {
  const missed = cells.filter((cell) => !ok(cell.value));
  return { id, met: cells.length === 0 ? null : missed.length === 0, cells, missed };
}

export function judgeGoals(cells: readonly CellResult[], oneCpu: boolean): Goal[] {
  const measured = cells.filter((cell) => cell.ratio !== null);
  const key = (cell: CellResult) => (cell.mechanism === cell.variant ? cell.mechanism : `${cell.mechanism}/${cell.variant}`);
  const throughput = measured
    .filter((cell) => cell.kind === 'bw' && cell.size >= 4096 && STREAMS.has(key(cell)))
    .map((cell) => ({ label: cell.label, size: cell.size, value: cell.ratio!, cpuRatio: cell.cpu?.ratio ?? null }));
  const roundTrip = oneCpu ? measured.filter((cell) => cell.kind === 'rt').map((cell) => ({ label: cell.label, size: 1, value: cell.ratio!, cpuRatio: cell.cpu?.ratio ?? null })) : [];
  const shared = cells
    .filter((cell) => cell.memcpyRate && cell.twin && cell.size >= 65536)
    .map((cell) => ({ label: cell.label, size: cell.size, value: cell.twin!.median / cell.memcpyRate!.median, cpuRatio: null }));
  return [
    goal('throughput', throughput, (ratio) => ratio >= 0.95),
    goal('round-trip', roundTrip, (ratio) => ratio <= 1.3),
    goal('shared-memory', shared, (ratio) => ratio >= 0.9),
  ];
}
