import { Box, Text } from 'ink';
import type { Lang } from '../../demos/types.js';
import type { OutputLine, ProcView } from '../model.js';
import { strings } from '../strings.js';
import { processColor, theme } from '../theme.js';

export interface OutputPaneProps {
  readonly output: readonly OutputLine[];
  readonly procs: readonly ProcView[];
  readonly rows: number;
  readonly lang: Lang;
  /** The first line shown, where the learner scrolled back to; null follows the newest lines. */
  readonly top?: number | null;
}

/** Where the window's top stands: the newest `rows` lines unless scrolled back to `top`. */
export function outputTop(lines: number, rows: number, top: number | null): number {
  const newest = Math.max(0, lines - rows);
  return top === null ? newest : Math.min(top, newest);
}

/** The title: where the window stands when there is more than it shows, and the keys that move it. */
function title(s: (typeof strings)[Lang], total: number, rows: number, first: number): string {
  if (total <= rows) return s.output;
  return `${s.output} ${first + 1}–${first + rows}/${total} · ${s.outputKeys}`;
}

/**
 * What the processes printed, newest last, each line tagged with its process. Scrolled back, the
 * window stays on the lines the learner reads while new ones come in below.
 */
export function OutputPane({ output, procs, rows, lang, top = null }: OutputPaneProps) {
  const s = strings[lang];
  const first = outputTop(output.length, rows, top);
  const shown = output.slice(first, first + rows);
  return (
    <Box flexDirection="column" height={rows + 1}>
      <Text color={theme.dim} wrap="truncate-end">
        ── {title(s, output.length, rows, first)} ──
      </Text>
      {shown.length === 0 ? <Text color={theme.dim}>{s.noOutput}</Text> : null}
      {shown.map((line, i) => {
        const proc = procs.find((p) => p.pid === line.pid);
        return (
          <Text key={i} wrap="truncate-end" color={line.fd === 2 ? theme.error : undefined}>
            <Text color={proc ? processColor(proc.index) : undefined}>{proc ? proc.tag : '?'} │ </Text>
            {line.text}
          </Text>
        );
      })}
    </Box>
  );
}
