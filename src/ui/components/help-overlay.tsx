import { Box, Text } from 'ink';
import type { Lang } from '../../demos/types.js';
import type { HelpLine } from '../help-pages.js';
import { strings } from '../strings.js';
import { theme } from '../theme.js';

export interface HelpOverlayProps {
  readonly lang: Lang;
  /** From helpPages(…, helpWidth(width), helpRows(rows)). */
  readonly pages: readonly (readonly HelpLine[])[];
  readonly page: number;
  /** Outer size, border included: the overlay takes the listing's place and no more. */
  readonly width: number;
  readonly rows: number;
}

/** The rows a page of help has inside the overlay: its border and the line that says which page. */
export function helpRows(rows: number): number {
  return rows - 3;
}

/** Help text width inside the border and padding. */
export function helpWidth(width: number): number {
  return width - 4;
}

/** One page of `?`: the variant's goal, the keys, the kernel pane's legend. */
export function HelpOverlay({ lang, pages, page, width, rows }: HelpOverlayProps) {
  const s = strings[lang];
  const at = Math.min(page, pages.length - 1);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.borderActive} paddingX={1} width={width} height={rows} overflow="hidden">
      <Text color={theme.dim} wrap="truncate-end">
        {s.helpPager.replace('{page}', `${at + 1}/${pages.length}`)}
      </Text>
      {(pages[at] ?? []).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.strong && line.text.startsWith(line.strong) ? (
            <>
              <Text bold>{line.strong}</Text>
              {line.text.slice(line.strong.length)}
            </>
          ) : (
            line.text || ' '
          )}
        </Text>
      ))}
    </Box>
  );
}
