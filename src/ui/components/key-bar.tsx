import { Text } from 'ink';
import stringWidth from 'string-width';
import type { Lang } from '../../demos/types.js';
import { strings } from '../strings.js';
import { theme } from '../theme.js';

export interface KeyBarProps {
  readonly text: string;
  /** A bar that tells more than the keys (a stuck run's way out) stands out from the dim one. */
  readonly color?: string;
  readonly bold?: boolean;
}

export function KeyBar({ text, color = theme.dim, bold = false }: KeyBarProps) {
  return (
    <Text color={color} bold={bold} wrap="truncate-end">
      {text}
    </Text>
  );
}

/**
 * The key bar's text: every key, or, on a run stuck by design (every process asleep where nothing
 * will wake it), the keys that still do something; `nudged`: space was pressed there, and is told
 * why it did nothing. In the tour, its menu's key too.
 */
export function keyBarProps(lang: Lang, columns: number, stuck: boolean, nudged: boolean, tour = false): KeyBarProps {
  const s = strings[lang];
  if (stuck) return { text: `${nudged ? s.stuckSpace : s.stuckLead}${s.stuckKeys}`, color: theme.note, bold: nudged };
  const [long, short] = tour ? [`${s.keys}  ${s.keysTour}`, `${s.keysShort}  ${s.keysTour}`] : [s.keys, s.keysShort];
  return { text: columns >= 100 && stringWidth(long) <= columns ? long : short };
}
