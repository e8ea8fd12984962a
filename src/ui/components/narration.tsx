import { Box, Text } from 'ink';

export interface NarrationProps {
  /** Who is at which line, e.g. "P parent · pipe.c:50". */
  readonly where: string;
  readonly color: string | undefined;
  readonly text: string;
  readonly notes: readonly { readonly text: string; readonly color: string }[];
  readonly rows: number;
}

/** The lesson for the line the selected process stands on, and what the run has to say. */
export function Narration({ where, color, text, notes, rows }: NarrationProps) {
  return (
    <Box flexDirection="column" height={rows} overflow="hidden">
      {/* A note keeps its row; a lesson too long for the rest is what gets cut, not drawn over the note. */}
      {notes.map((note, i) => (
        <Box key={i} flexShrink={0}>
          <Text color={note.color} wrap="wrap">
            {note.text}
          </Text>
        </Box>
      ))}
      <Text wrap="wrap">
        <Text color={color} bold>
          {where}
        </Text>
        {where ? '  ' : ''}
        {text}
      </Text>
    </Box>
  );
}
