import { Text } from 'ink';
import { theme } from '../theme.js';

export function KeyBar({ text }: { readonly text: string }) {
  return (
    <Text color={theme.dim} wrap="truncate-end">
      {text}
    </Text>
  );
}
