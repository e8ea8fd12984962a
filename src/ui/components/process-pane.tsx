import { Box, Text } from 'ink';
import type { Lang } from '../../demos/types.js';
import type { ProcessState } from '../../runtime/kernel/process-state.js';
import { formatCall, formatStatus } from '../format.js';
import type { ProcView } from '../model.js';
import { roleLabel, strings } from '../strings.js';
import { processColor, processTag, theme } from '../theme.js';

export interface ProcessPaneProps {
  readonly procs: readonly ProcView[];
  readonly kernel: readonly ProcessState[];
  readonly selected: number | null;
  /** pid → line number (1-based) of the step it waits on, where known. */
  readonly lines: ReadonlyMap<number, number>;
  readonly lang: Lang;
  readonly width: number;
}

/** What a process is doing, in a few words: at a line, blocked in a call (and where), exited. */
export function describeProc(proc: ProcView, state: ProcessState | undefined, line: number | undefined, lang: Lang): string {
  const s = strings[lang];
  if (proc.exit) return formatStatus(proc.exit, lang);
  if (state?.state === 'Z') return s.zombie;
  // At a step with a call still open: a signal handler stopped at its line, inside the call.
  if (proc.atStep && line !== undefined) return `${s.waitingAt} ${line}`;
  if (proc.call) return `${s.blockedIn} ${formatCall(proc.call.name, proc.call.args)}${state?.wchan ? ` · ${state.wchan}` : ''}`;
  if (!state) return s.starting;
  return s.running;
}

export function ProcessPane({ procs, kernel, selected, lines, lang, width }: ProcessPaneProps) {
  const s = strings[lang];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width}>
      <Box position="absolute" marginTop={-1} marginLeft={1}>
        <Text color={theme.title}> {s.processes} </Text>
      </Box>
      {procs.length === 0 ? <Text color={theme.dim}>{s.starting}</Text> : null}
      {procs.map((proc) => {
        const state = kernel.find((k) => k.pid === proc.pid);
        const color = processColor(proc.index);
        return (
          <Box key={proc.pid} flexDirection="column">
            <Text color={color} bold={proc.pid === selected} wrap="truncate-end">
              {proc.pid === selected ? '▸' : ' '}
              {processTag(proc.role)} {roleLabel(proc.role, lang)} {proc.pid} {state?.state ?? ''}
            </Text>
            <Text wrap="truncate-end" color={proc.exit ? theme.dim : undefined}>
              {'  '}
              {describeProc(proc, state, lines.get(proc.pid), lang)}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
