import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { KernelLine } from '../kernel-lines.js';
import { theme } from '../theme.js';

export interface KernelPaneProps {
  /** The title rule over the facts; null leaves the row to the lesson. */
  readonly title: string | null;
  /** Lines already cut to the width (wrapKernelLines): the pane draws them, it cuts none. */
  readonly lines: readonly KernelLine[];
  readonly rows: number;
  /** Columns inside the side column's border. */
  readonly width: number;
}

/** The kernel's facts under a title rule, inside the side column's border. */
export function KernelPane({ title, lines, rows, width }: KernelPaneProps) {
  return (
    <Box flexDirection="column" height={rows + (title === null ? 0 : 1)} overflow="hidden">
      {title === null ? null : (
        <Text color={theme.dim} wrap="truncate-end">
          ── <Text color={theme.title}>{title}</Text> {'─'.repeat(Math.max(0, width - 4 - stringWidth(title)))}
        </Text>
      )}
      {lines.slice(0, rows).map((line, i) => (
        <Text key={i} color={line.color} dimColor={line.dim} wrap="truncate-end">
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
