import { Box, Text } from 'ink';
import type { Lang } from '../../demos/types.js';
import type { ProcessState } from '../../runtime/kernel/process-state.js';
import { formatCall, formatStatus } from '../format.js';
import type { ProcView } from '../model.js';
import { roleLabel, strings } from '../strings.js';
import { processColor, theme } from '../theme.js';

export interface ProcessPaneProps {
  readonly procs: readonly ProcView[];
  readonly kernel: readonly ProcessState[];
  readonly selected: number | null;
  /** pid → line number (1-based) of the step it waits on, where known. */
  readonly lines: ReadonlyMap<number, number>;
  readonly lang: Lang;
  /** Columns inside the side column's border. */
  readonly width: number;
  /** Two rows a process (its name, then what it does), or one when the screen is short of rows. */
  readonly rowsPer?: 1 | 2;
}

/** Terminal cells a string takes: CJK characters take two. */
function cells(text: string): number {
  let n = 0;
  for (const ch of text) n += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return n;
}

/**
 * What a process is doing, in a few words: at a line, blocked in a call (and where), exited.
 * Where it sleeps (wchan) is the lesson: in `room` cells a long call is cut, never the wchan.
 */
export function describeProc(proc: ProcView, state: ProcessState | undefined, line: number | undefined, lang: Lang, room = Infinity): string {
  const s = strings[lang];
  if (proc.exit) return formatStatus(proc.exit, lang);
  if (state?.state === 'Z') return s.zombie;
  // At a step with a call still open: a signal handler stopped at its line, inside the call.
  if (proc.atStep && line !== undefined) return `${s.waitingAt} ${line}`;
  if (proc.call) {
    const where = state?.wchan ? ` · ${state.wchan}` : '';
    const call = `${s.blockedIn} ${formatCall(proc.call.name, proc.call.args)}`;
    const over = cells(call) + where.length - room;
    return `${over > 0 && where ? `${call.slice(0, Math.max(0, call.length - over - 1))}…` : call}${where}`;
  }
  if (!state) return s.starting;
  return s.running;
}

export function ProcessPane({ procs, kernel, selected, lines, lang, width, rowsPer = 2 }: ProcessPaneProps) {
  const s = strings[lang];
  return (
    <Box flexDirection="column" width={width}>
      {procs.length === 0 ? <Text color={theme.dim}>{s.starting}</Text> : null}
      {procs.map((proc) => {
        const state = kernel.find((k) => k.pid === proc.pid);
        const color = processColor(proc.index);
        const head = `${proc.pid === selected ? '▸' : ' '}${proc.tag} ${roleLabel(proc.role, lang)} ${proc.pid} ${state?.state ?? ''}`;
        // One row when the screen is short of rows: what it does follows its name, the call cut before the wchan.
        const doing = describeProc(proc, state, lines.get(proc.pid), lang, rowsPer === 1 ? width - cells(head) - 1 : width - 2);
        return (
          <Box key={proc.pid} flexDirection="column">
            <Text color={color} bold={proc.pid === selected} wrap="truncate-end">
              {head}
              {rowsPer === 1 ? <Text color={proc.exit ? theme.dim : undefined} bold={false}> {doing}</Text> : null}
            </Text>
            {rowsPer === 2 ? (
              <Text wrap="truncate-end" color={proc.exit ? theme.dim : undefined}>
                {'  '}
                {doing}
              </Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
