import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { Listing } from '../../demos/listing.js';
import { theme } from '../theme.js';
import { wrapLines } from '../wrap.js';

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

/** Columns left for code in a pane `width` wide: border, line number, a space, three columns of marks. */
function codeWidthOf(listing: Listing, width: number): number {
  return Math.max(10, width - 2 - String(listing.lines.length).length - 4);
}

/**
 * A line a process stands on, whole: cut into rows of `width` at spaces (a long word is
 * broken), each row after the first at the line's own indentation. The lesson talks about
 * every token of it (`== 0` or `!= 0` at the end of a long `if`).
 */
export function codeRows(code: string, width: number): string[] {
  if (stringWidth(code) <= width) return [code];
  const indent = code.length - code.trimStart().length;
  const room = Math.max(8, width - indent);
  return wrapLines(code.trimStart(), room).map((piece) => `${' '.repeat(indent)}${piece}`);
}

/** Rows the marked lines take in a pane `width` wide: one each, more for a long one. */
export function markedRows(listing: Listing, marks: readonly LineMark[], width: number): number {
  const codeWidth = codeWidthOf(listing, width);
  return [...new Set(marks.map((m) => m.line))].reduce((sum, line) => sum + codeRows(listing.lines[line] ?? '', codeWidth).length, 0);
}

interface WindowRow {
  readonly line: number;
  readonly code: string;
  readonly part: number;
}

/** The rows from line `start` on, up to `rows`; a marked line is shown whole or not at all (`cut`). */
function windowRows(start: number, rows: number, rowsOf: (line: number) => string[], total: number, marked: ReadonlySet<number>): { rows: WindowRow[]; cut: boolean } {
  const out: WindowRow[] = [];
  for (let line = start; line < total && out.length < rows; line++) {
    const pieces = rowsOf(line);
    if (marked.has(line) && out.length + pieces.length > rows) return { rows: out, cut: true };
    pieces.slice(0, rows - out.length).forEach((code, part) => out.push({ line, code, part }));
  }
  return { rows: out, cut: false };
}

const MARK_COLUMNS = 3;

/** The first `columns` characters of `parts` (tags are ASCII), the parts cut or left out past them. */
function cutToColumns<T extends { readonly text: string }>(parts: readonly T[], columns: number): T[] {
  const out: T[] = [];
  let room = columns;
  for (const part of parts) {
    if (room === 0) break;
    out.push({ ...part, text: part.text.slice(0, room) });
    room -= Math.min(room, part.text.length);
  }
  return out;
}

/**
 * The three columns between a line's number and its code: the tags of the processes on it (two
 * at most) and ► when one alone is there; ↪ on a long line's further rows; blank otherwise.
 */
function MarkColumn({ marks, first }: { readonly marks: readonly LineMark[]; readonly first: boolean }) {
  if (!first || marks.length === 0) return <Text color={marks[0]?.color}>{first ? ' '.repeat(MARK_COLUMNS) : '  ↪'}</Text>;
  const parts: { text: string; color: string; bold: boolean }[] = marks.slice(0, 2).map((m) => ({ text: m.tag, color: m.color, bold: true }));
  if (marks.length === 1) parts.push({ text: '►', color: marks[0]!.color, bold: false });
  // Cut to the column's width, then padded to it (two tags of two letters would take four).
  const shown = cutToColumns(parts, MARK_COLUMNS);
  const used = shown.reduce((sum, part) => sum + part.text.length, 0);
  return (
    <>
      {shown.map((part, i) => (
        <Text key={i} color={part.color} bold={part.bold}>
          {part.text}
        </Text>
      ))}
      {used < MARK_COLUMNS ? ' '.repeat(MARK_COLUMNS - used) : null}
    </>
  );
}

export function ListingPane({ file, listing, marks, rows, width }: ListingPaneProps) {
  const focus = marks.find((m) => m.selected)?.line ?? marks[0]?.line;
  const numberWidth = String(listing.lines.length).length;
  const codeWidth = codeWidthOf(listing, width);
  const marked = new Set(marks.map((m) => m.line));
  // Whole too: the selected line's neighbours, the condition it runs under (pipe.c's `if (strncmp(…) == 0)`
  // and `!= 0` differ only at the end) and what follows it. Lines further off are context, cut.
  const whole = new Set(focus === undefined ? marked : [...marked, focus - 1, focus + 1]);
  const rowsOf = (line: number) => (whole.has(line) ? codeRows(listing.lines[line]!, codeWidth) : [listing.lines[line]!]);
  let start = windowStart(listing.lines.length, rows, focus);
  // The focus line's rows after the first take room too: the window moves down until they show.
  const through = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => rowsOf(from + i).length).reduce((a, b) => a + b, 0);
  while (focus !== undefined && start < focus && through(start, focus) > rows) start++;
  let shown = windowRows(start, rows, rowsOf, listing.lines.length, marked);
  // Another process's line, cut at the bottom, would read as a different line: move down to show it whole, or leave it out.
  while (shown.cut && focus !== undefined && start < focus) shown = windowRows(++start, rows, rowsOf, listing.lines.length, marked);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.border} width={width} height={rows + 2}>
      <Box position="absolute" marginTop={-1} marginLeft={1}>
        <Text color={theme.title}> {file} </Text>
      </Box>
      {shown.rows.map(({ line, code, part }) => {
        const first = part === 0;
        const here = marks.filter((m) => m.line === line);
        const selected = here.some((m) => m.selected);
        const text = stringWidth(code) > codeWidth ? `${code.slice(0, codeWidth - 1)}…` : code;
        // One text per row, its parts nested (a nested text is no node of the layout): the
        // listing is most of the screen, and each node of the layout costs every render.
        return (
          <Text key={`${line}-${part}`} wrap="truncate-end">
            <Text color={theme.dim}>{first ? String(line + 1).padStart(numberWidth) : ' '.repeat(numberWidth)} </Text>
            <MarkColumn marks={here} first={first} />
            <Text inverse={selected}>{text}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
