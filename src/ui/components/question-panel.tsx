// The question asked before a line runs, where the listing was: the line itself, the question,
// the choices (or the number typed so far), and the keys.
import { Box, Text } from 'ink';
import type { Lang, Question } from '../../demos/types.js';
import { questionText } from '../question-strings.js';
import { CHOICE_KEYS } from '../questions.js';
import { theme } from '../theme.js';

export interface QuestionPanelProps {
  readonly question: Question;
  /** `pipe.c:27  while ((n = read(fd[0], buf, sizeof buf)) > 0)`, with the process's tag. */
  readonly where: string;
  readonly typed: string;
  readonly lang: Lang;
  readonly width: number;
  readonly rows: number;
}

export function QuestionPanel({ question, where, typed, lang, width, rows }: QuestionPanelProps) {
  const t = questionText[lang];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.note} paddingX={1} width={width} height={rows} overflow="hidden">
      <Text bold color={theme.note} wrap="truncate-end">
        {t.predict} · {t.before}
      </Text>
      <Text wrap="truncate-end">{where}</Text>
      <Text> </Text>
      <Text wrap="wrap">{question.prompt[lang]}</Text>
      {question.choices ? (
        question.choices.map((choice, i) => (
          <Text key={CHOICE_KEYS[i]} wrap="wrap">
            {'  '}
            <Text bold>{CHOICE_KEYS[i]})</Text> {choice.text[lang]}
          </Text>
        ))
      ) : (
        <Text>
          {'  '}
          {t.yourNumber} <Text bold>{typed}</Text>
          <Text inverse> </Text>
        </Text>
      )}
      <Text> </Text>
      <Text color={theme.dim} wrap="wrap">
        {question.choices ? t.pickKeys : t.numberKeys}
      </Text>
    </Box>
  );
}
