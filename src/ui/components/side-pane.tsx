import { Box, Text } from 'ink';
import type { Lang } from '../../demos/types.js';
import type { ProcessState } from '../../runtime/kernel/process-state.js';
import type { KernelLine } from '../kernel-lines.js';
import type { ProcView } from '../model.js';
import { strings } from '../strings.js';
import { theme } from '../theme.js';
import { KernelPane } from './kernel-pane.js';
import { ProcessPane } from './process-pane.js';

export interface SidePaneProps {
  readonly procs: readonly ProcView[];
  readonly kernel: readonly ProcessState[];
  readonly selected: number | null;
  /** pid → line number (1-based) of the step it waits on, where known. */
  readonly lines: ReadonlyMap<number, number>;
  /** The kernel's facts, cut to the column's inner width (wrapKernelLines). */
  readonly facts: readonly KernelLine[];
  readonly lang: Lang;
  readonly width: number;
  /** Rows inside the border: the processes, the kernel's title and its facts. */
  readonly rows: number;
  readonly processRows: 1 | 2;
  /** The kernel's title rule, left out when the lesson needs its row. */
  readonly kernelTitle: boolean;
}

/**
 * Beside the listing, in one border: the processes, then the kernel's facts under a title
 * rule. One border for both leaves the facts two more rows than two boxes would at 80×24.
 */
export function SidePane({ procs, kernel, selected, lines, facts, lang, width, rows, processRows, kernelTitle }: SidePaneProps) {
  const s = strings[lang];
  const processRowsUsed = Math.max(1, procs.length) * processRows;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={rows + 2}>
      <Box position="absolute" marginTop={-1} marginLeft={1}>
        <Text color={theme.title}> {s.processes} </Text>
      </Box>
      <Box flexShrink={0}>
        <ProcessPane procs={procs} kernel={kernel} selected={selected} lines={lines} lang={lang} width={width - 2} rowsPer={processRows} />
      </Box>
      {rows - processRowsUsed >= 1 ? <KernelPane title={kernelTitle ? s.kernel : null} lines={facts} rows={rows - processRowsUsed - (kernelTitle ? 1 : 0)} width={width - 2} /> : null}
    </Box>
  );
}
