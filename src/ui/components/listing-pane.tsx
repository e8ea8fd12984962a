import { Box, Text } from 'ink';
import type { Listing } from '../../demos/listing.js';
import { theme } from '../theme.js';

export interface LineMark {
  readonly line: number;
  readonly tag: string;
  readonly color: string;
  readonly selected: boolean;
}

export interface ListingPaneProps {
  readonly file: string;
  readonly listing: Listing;
  /** Where each process stands: a coloured tag in the gutter, the selected one's line highlighted. */
  readonly marks: readonly LineMark[];
  readonly rows: number;
  readonly width: number;
}

/** The first line to show so that the selected process's line sits in view, a third from the top. */
export function windowStart(total: number, rows: number, focus: number | undefined): number {
  if (focus === undefined || total <= rows) return 0;
  return Math.max(0, Math.min(total - rows, focus - Math.floor(rows / 3)));
}

export function ListingPane({ file, listing, marks, rows, width }: ListingPaneProps) {
  const focus = marks.find((m) => m.selected)?.line ?? marks[0]?.line;
  const start = windowStart(listing.lines.length, rows, focus);
  const numberWidth = String(listing.lines.length).length;
  const codeWidth = Math.max(10, width - 2 - numberWidth - 4);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={rows + 2}>
      <Box position="absolute" marginTop={-1} marginLeft={1}>
        <Text color={theme.title}> {file} </Text>
      </Box>
      {listing.lines.slice(start, start + rows).map((code, i) => {
        const line = start + i;
        const here = marks.filter((m) => m.line === line);
        const selected = here.some((m) => m.selected);
        const shown = code.length > codeWidth ? `${code.slice(0, codeWidth - 1)}…` : code;
        return (
          <Box key={line}>
            <Text color={theme.dim}>{String(line + 1).padStart(numberWidth)} </Text>
            <Box width={3}>
              {here.slice(0, 2).map((m) => (
                <Text key={m.tag} color={m.color} bold>
                  {m.tag}
                </Text>
              ))}
              {here.length === 0 ? <Text> </Text> : null}
              {here.length > 0 ? <Text color={here[0]!.color}>{here.length === 1 ? '►' : ''}</Text> : null}
            </Box>
            <Text inverse={selected} wrap="truncate-end">
              {shown}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
