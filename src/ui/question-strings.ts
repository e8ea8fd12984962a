// The words around a question (predict, then reveal), in both languages. Kept apart from
// strings.ts: the questions are one feature, and its words travel with it.
import type { Lang } from '../demos/types.js';

const en = {
  predict: 'Predict',
  before: 'before this line runs',
  pickKeys: (last: string) => `a–${last}: your answer · Esc: skip the question`,
  numberKeys: 'type a number, then Enter · Esc: skip the question',
  yourNumber: 'your answer:',
  waiting: 'Your answer is in: the line runs now, and the run will tell.',
  revealed: (result: string, answer: string) => `The run: ${result} → answer: ${answer}.`,
  theRunEnded: 'The run ended before it showed the answer.',
  right: '✓ right.',
  wrong: '✗ not this time.',
  skipped: '(you skipped it)',
  otherRuns: 'Another run can differ: ',
  or: 'or',
  noAnswer: 'none of the choices',
  question: 'Question: ',
  handoutAnswer: 'Answer (this run): ',
  aNumber: '(answer with a number)',
  noOutcome: 'The run ended before it showed the answer.',
  blocked: (call: string) => `${call}() never returned: the run was stuck with the process in it`,
  killed: (signal: string) => `killed by ${signal} before the call returned`,
  exited: (code: number | null) => `the process exited (${code ?? '?'}) before the call returned`,
  count: (step: string, n: number) => `the line marked ${step} ran ${n} time${n === 1 ? '' : 's'} inside this call`,
  memory: (text: string, int: number) => `the mapping as this process read it: ${text} (int ${int})`,
  leaked: 'after the run, /proc/sysvipc still listed the object (ipc-demo removed it)',
  notLeaked: 'after the run, /proc/sysvipc listed nothing of the run’s',
};

export type QuestionText = typeof en;

const zh: QuestionText = {
  predict: '先猜一猜',
  before: '这一行执行之前',
  pickKeys: (last: string) => `a–${last}：选择答案 · Esc：跳过本题`,
  numberKeys: '输入一个数字，再按 Enter · Esc：跳过本题',
  yourNumber: '你的答案：',
  waiting: '答案已记下：现在执行这一行，结果由这次运行揭晓。',
  revealed: (result, answer) => `这次运行：${result} → 答案：${answer}。`,
  theRunEnded: '运行在揭晓答案之前就结束了。',
  right: '✓ 答对了。',
  wrong: '✗ 这次没猜中。',
  skipped: '（你跳过了这题）',
  otherRuns: '换一次运行可能不同：',
  or: '或',
  noAnswer: '没有一个选项符合',
  question: '问题：',
  handoutAnswer: '答案（本次运行）：',
  aNumber: '（答一个数字）',
  noOutcome: '运行在揭晓答案之前就结束了。',
  blocked: (call) => `${call}() 没有返回：运行卡住了，进程一直睡在里面`,
  killed: (signal) => `调用还没返回，进程就被 ${signal} 杀死了`,
  exited: (code) => `调用还没返回，进程就退出了（${code ?? '?'}）`,
  count: (step, n) => `这次调用期间，标着 ${step} 的那一行运行了 ${n} 次`,
  memory: (text, int) => `该进程读到的映射内容：${text}（int ${int}）`,
  leaked: '运行结束后，/proc/sysvipc 里还列着这个对象（ipc-demo 已将它删除）',
  notLeaked: '运行结束后，/proc/sysvipc 里没有这次运行留下的任何对象',
};

export const questionText: Readonly<Record<Lang, QuestionText>> = { en, zh };
