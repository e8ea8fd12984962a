import { Box, Text } from 'ink';
import { forMedium } from '../../demos/lesson.js';
import type { Lang, VariantMeta } from '../../demos/types.js';
import { strings } from '../strings.js';
import { theme } from '../theme.js';

export interface VariantMenuProps {
  readonly variants: readonly VariantMeta[];
  readonly highlighted: number;
  readonly current: string;
  readonly lang: Lang;
}

export function VariantMenu({ variants, highlighted, current, lang }: VariantMenuProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.borderActive} paddingX={1}>
      <Text bold>{strings[lang].variantsTitle}</Text>
      {variants.map((variant, i) => (
        <Box key={variant.id} flexDirection="column">
          <Text inverse={i === highlighted}>
            {i === highlighted ? '›' : ' '} {variant.id}
            {variant.id === current ? ' •' : ''} — {variant.title[lang]}
          </Text>
          {i === highlighted ? (
            <Text color={theme.dim} wrap="wrap">
              {'  '}
              {forMedium(variant.summary[lang], 'screen')}
            </Text>
          ) : null}
        </Box>
      ))}
    </Box>
  );
}
