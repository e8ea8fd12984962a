// Words that point at the interactive screen's panes: true on the screen, false in a transcript
// (--plain), which has no panes. Lesson text keeps them between ⟦ and ⟧ (src/demos/lesson.ts).
import type { Lang } from '../../src/demos/types.js';

export const SCREEN_WORDS: Readonly<Record<Lang, RegExp>> = {
  en: /\bpanel\b|\bpanes?\b|hex views?|\bwatch\b|\bon screen\b|fds: …|⟦|⟧/i,
  zh: /面板|十六进制视图|屏幕|窗格|盯住|fd 表里|文件描述符: …|fds: …|留意 \/proc|⟦|⟧/,
};
