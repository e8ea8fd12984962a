// The question asked before a line runs, where the listing was: the line itself, the question,
// the choices (or the number typed so far), and the keys.
import { Box, Text } from 'ink';
import type { Lang, Question } from '../../demos/types.js';
import { questionText } from '../question-strings.js';
import { CHOICE_KEYS } from '../questions.js';
import { theme } from '../theme.js';
import { wrapLines } from '../wrap.js';

export interface QuestionPanelProps {
  readonly question: Question;
  /** `pipe.c:27  while ((n = read(fd[0], buf, sizeof buf)) > 0)`, with the process's tag. */
  readonly where: string;
  readonly typed: string;
  readonly lang: Lang;
  readonly width: number;
  readonly rows: number;
}

/** The rows the panel's text takes inside its border at `width` (the layout gives it at least these). */
export function questionRows(question: Question, lang: Lang, width: number): number {
  const t = questionText[lang];
  const inner = width - 4;
  const wrapped = (text: string) => wrapLines(text, inner).length;
  const answers = question.choices ? question.choices.reduce((n, choice, i) => n + wrapped(`  ${CHOICE_KEYS[i]}) ${choice.text[lang]}`), 0) : 1;
  return 3 + wrapped(question.prompt[lang]) + answers + 1 + wrapped(question.choices ? t.pickKeys(CHOICE_KEYS[question.choices.length - 1]!) : t.numberKeys);
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
        {question.choices ? t.pickKeys(CHOICE_KEYS[question.choices.length - 1]!) : t.numberKeys}
      </Text>
    </Box>
  );
}
