import { Box, Text } from 'ink';
import type { KernelLine } from '../kernel-lines.js';
import { theme } from '../theme.js';

export interface KernelPaneProps {
  readonly title: string;
  readonly lines: readonly KernelLine[];
  readonly width: number;
  readonly rows: number;
}

export function KernelPane({ title, lines, width, rows }: KernelPaneProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={rows + 2}>
      <Box position="absolute" marginTop={-1} marginLeft={1}>
        <Text color={theme.title}> {title} </Text>
      </Box>
      {lines.slice(0, rows).map((line, i) => (
        <Text key={i} color={line.color} dimColor={line.dim} wrap="truncate-end">
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
