import { Box, Text } from 'ink';
import type { Lang } from '../../demos/types.js';
import { strings } from '../strings.js';
import { theme } from '../theme.js';

export function HelpOverlay({ lang }: { readonly lang: Lang }) {
  const s = strings[lang];
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.borderActive} paddingX={1}>
      <Text bold>{s.helpTitle}</Text>
      {s.help.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
    </Box>
  );
}
