import { Box, Text } from 'ink';
import type { DemoMeta, Lang } from '../../demos/types.js';
import { theme } from '../theme.js';
import { menuLines } from '../tour-menu-lines.js';
import type { DemoProgress } from '../tour-progress.js';
import { tourText } from '../tour-strings.js';

export interface TourMenuProps {
  readonly demos: readonly DemoMeta[];
  /** Each demo's progress, in the demos' order. */
  readonly progress: readonly DemoProgress[];
  readonly highlighted: number;
  /** The demo that was running, which esc goes back to. */
  readonly current: DemoMeta;
  readonly lang: Lang;
  /** Where a damaged progress file was set aside when the menu read it. */
  readonly setAside?: string;
}

/** The tour's menu: the seven demos, one line each with the learner's progress, and its keys. */
export function TourMenu({ demos, progress, highlighted, current, lang, setAside }: TourMenuProps) {
  const t = tourText[lang];
  const { header, lines } = menuLines(demos, progress, highlighted, lang);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>ipc-demo</Text> {t.title}
      </Text>
      <Box flexDirection="column" borderStyle="round" borderColor={theme.borderActive} paddingX={1}>
        <Text color={theme.dim} wrap="truncate-end">
          {header}
        </Text>
        {lines.map((line, i) => (
          <Text key={demos[i]!.id} inverse={i === highlighted} wrap="truncate-end">
            {line}
          </Text>
        ))}
      </Box>
      <Text color={theme.dim}>{t.legend}</Text>
      <Text>{t.back(`${current.order} ${current.title[lang]}`)}</Text>
      <Text color={theme.dim}>{t.keys}</Text>
      {setAside ? <Text color={theme.note}>{t.setAside(setAside)}</Text> : null}
    </Box>
  );
}
