import { Box, Text } from 'ink';
import type { Lang } from '../../demos/types.js';
import type { OutputLine, ProcView } from '../model.js';
import { strings } from '../strings.js';
import { processColor, processTag, theme } from '../theme.js';

export interface OutputPaneProps {
  readonly output: readonly OutputLine[];
  readonly procs: readonly ProcView[];
  readonly rows: number;
  readonly lang: Lang;
}

/** What the processes printed, newest last, each line tagged with its process. */
export function OutputPane({ output, procs, rows, lang }: OutputPaneProps) {
  const s = strings[lang];
  const shown = output.slice(-rows);
  return (
    <Box flexDirection="column" height={rows + 1}>
      <Text color={theme.dim}>── {s.output} ──</Text>
      {shown.length === 0 ? <Text color={theme.dim}>{s.noOutput}</Text> : null}
      {shown.map((line, i) => {
        const proc = procs.find((p) => p.pid === line.pid);
        return (
          <Text key={i} wrap="truncate-end" color={line.fd === 2 ? theme.error : undefined}>
            <Text color={proc ? processColor(proc.index) : undefined}>{proc ? processTag(proc.role) : '?'} │ </Text>
            {line.text}
          </Text>
        );
      })}
    </Box>
  );
}
