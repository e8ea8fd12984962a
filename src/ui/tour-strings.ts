// The tour's menu and its welcome back, in both languages. Kept apart from strings.ts: the
// learner's progress in the tour is one feature, and its words travel with it.
import type { Lang } from '../demos/types.js';

const en = {
  title: 'The tour, and your progress',
  demo: 'demo',
  variants: 'variants seen',
  questions: 'questions right',
  exercise: 'exercise',
  passed: 'passed',
  started: 'started',
  notYet: 'not yet',
  legend: '✓ every variant seen to its end · exercises: ipc-demo lab · ipc-demo progress',
  back: (demo: string) => `esc or m: back to ${demo}`,
  keys: '↑↓ or j k: choose · 1–7 or enter: go · q: quit',
  resumed: (demo: string, variant: string) => `Resumed where you left off: ${demo} (${variant}) · m: the menu`,
  allSeen: 'You have seen every variant of every demo · m: the menu, with your progress',
  setAside: (path: string) => `Your progress file could not be read; it was set aside as ${path} and progress starts afresh.`,
};

const zh: typeof en = {
  title: '导览，以及你的进度',
  demo: '演示',
  variants: '看完的变体',
  questions: '答对的问题',
  exercise: '练习',
  passed: '已通过',
  started: '已开始',
  notYet: '未开始',
  legend: '✓ 每个变体都已看到结束 · 练习：ipc-demo lab · ipc-demo progress',
  back: (demo) => `esc 或 m：回到 ${demo}`,
  keys: '↑↓ 或 j k：选择 · 1–7 或回车：前往 · q：退出',
  resumed: (demo, variant) => `从上次停下的地方继续：${demo}（${variant}）· m：菜单`,
  allSeen: '每个演示的每个变体你都已看过 · m：菜单，附你的进度',
  setAside: (path) => `你的进度文件无法读取，已另存为 ${path}，进度从头开始。`,
};

export const tourText: Readonly<Record<Lang, typeof en>> = { en, zh };
