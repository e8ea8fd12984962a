import { Box, Text } from 'ink';
import { wrapLines } from '../wrap.js';

/** The narration wrapped to the screen's width: the app counts its rows, Narration draws them. */
export interface NarrationLines {
  /** Who is at which line, e.g. "P parent · pipe.c:50": the lesson's first line starts with it. */
  readonly where: string;
  readonly notes: readonly { readonly line: string; readonly color: string }[];
  readonly lesson: readonly string[];
}

/**
 * Wraps the run's notes and the lesson for the line the selected process stands on, here
 * (src/ui/wrap.ts) so that Chinese breaks between characters as it should.
 */
export function narrationLines(where: string, text: string, notes: readonly { readonly text: string; readonly color: string }[], columns: number): NarrationLines {
  return {
    where,
    notes: notes.flatMap((note) => wrapLines(note.text, columns).map((line) => ({ line, color: note.color }))),
    lesson: wrapLines(`${where}${where ? '  ' : ''}${text}`, columns),
  };
}

export interface NarrationProps {
  readonly lines: NarrationLines;
  /** The colour of the selected process, for `where`. */
  readonly color: string | undefined;
  readonly rows: number;
}

/** The notes, then the lesson, in `rows` rows. */
export function Narration({ lines, color, rows }: NarrationProps) {
  const { where } = lines;
  // A note is read whole (the end of a run says which key goes on); a lesson too long for
  // the rows left is what gets cut, never drawn over a note.
  const notes = lines.notes.slice(0, rows);
  const lesson = lines.lesson.slice(0, Math.max(0, rows - notes.length));
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      {notes.map(({ line, color: noteColor }, i) => (
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
