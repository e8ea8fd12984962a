import { Box, Text } from 'ink';
import { wrapLines } from '../wrap.js';

export interface NarrationProps {
  /** Who is at which line, e.g. "P parent · pipe.c:50". */
  readonly where: string;
  readonly color: string | undefined;
  readonly text: string;
  readonly notes: readonly { readonly text: string; readonly color: string }[];
  readonly rows: number;
  readonly columns: number;
}

/**
 * The lesson for the line the selected process stands on, and what the run has to say,
 * wrapped here (src/ui/wrap.ts) so that Chinese breaks between characters as it should.
 */
export function Narration({ where, color, text, notes, rows, columns }: NarrationProps) {
  // A note is read whole (the end of a run says which key goes on); a lesson too long for
  // the rows left is what gets cut, never drawn over a note.
  const noteLines = notes.flatMap((note) => wrapLines(note.text, columns).map((line) => ({ line, color: note.color }))).slice(0, rows);
  const lesson = wrapLines(`${where}${where ? '  ' : ''}${text}`, columns).slice(0, Math.max(0, rows - noteLines.length));
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      {noteLines.map(({ line, color: noteColor }, i) => (
        <Text key={`note-${i}`} color={noteColor} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {lesson.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {i === 0 && where && line.startsWith(where) ? (
            <>
              <Text color={color} bold>
                {where}
              </Text>
              {line.slice(where.length)}
            </>
          ) : (
            line
          )}
        </Text>
      ))}
    </Box>
  );
}
