// What the command line says, in both languages: its usage errors and its help. The demos'
// names, variants and roles come from the registry; only the sentences around them are here.
import type { Lang } from '../demos/types.js';

const list = (items: readonly string[]): string => items.join(', ');

const en = {
  unknownDemo: (name: string, guess: string | undefined, ids: readonly string[]) =>
    `unknown demo '${name}'.${guess ? ` Did you mean '${guess}'?` : ''}\nValid demos: ${list(ids)}. Run 'ipc-demo list' to see them all.`,
  unknownVariant: (demo: string, variant: string, guess: string | undefined, variants: readonly string[]) =>
    `demo '${demo}' has no variant '${variant}'.${guess ? ` Did you mean '${guess}'?` : ''}\nIts variants: ${list(variants)}.`,
  noRoles: (demo: string, roleDemos: readonly string[]) =>
    `demo '${demo}' is one program that forks: it has no roles to run in two terminals. --role is for ${list(roleDemos)}.`,
  unknownRole: (demo: string, role: string, roles: readonly string[]) => `demo '${demo}' has no role '${role}'. Its roles: ${list(roles)}.`,
  roleOfOtherVariants: (demo: string, variant: string, role: string, roles: readonly string[], variants: readonly string[]) =>
    `variant '${variant}' of demo '${demo}' has no role '${role}' (its roles: ${list(roles)}). '${role}' is a role of the variant${variants.length > 1 ? 's' : ''} ${list(variants)}: ipc-demo ${demo} --variant ${variants[0]} --role ${role}`,
  jsonAndPlain: '--json and --plain are two different outputs: choose one.',
  stepNeedsTerminal: '--mode step reads keys from a terminal; with --plain, --json or output to a pipe use --mode run (the default there) or --mode play.',
  stdinNotTerminal: 'step mode reads keys from a terminal, but stdin is not one. Use --plain (or --json) to run without keys.',
  tourNeedsTerminal: 'the guided tour reads keys from a terminal, but stdin is not one. Use --plain to print it instead.',
  unknownFile: (demo: string, file: string, files: readonly string[]) => `demo '${demo}' has no file '${file}'. Its files: ${list(files)}.`,
  severalPrograms: (demo: string, files: readonly string[]) =>
    `demo '${demo}' has ${files.length} programs: name one (${list(files)}), e.g. ipc-demo source ${demo} ${files[0]}`,
  badLang: 'use zh or en.',
  badDelay: 'give milliseconds, 0 to 60000.',
  // commander's own errors, by their code (src/cli/commander-errors.ts reads their details).
  unknownOption: (option: string, suggestion: string | undefined) => `unknown option '${option}'${suggestion ? ` (did you mean ${suggestion}?)` : ''}.`,
  unknownCommand: (command: string) => `unknown command '${command}'.`,
  excessArguments: (expected: string, got: string) => `too many arguments: expected ${expected}, got ${got}.`,
  missingArgument: (name: string) => `missing the argument <${name}>.`,
  optionMissingArgument: (flags: string) => `option '${flags}' needs a value.`,
  invalidArgument: (flags: string, value: string, why: string) => `option '${flags}' cannot be '${value}': ${why}`,
  choices: (values: string) => `use one of ${values}.`,
  seeHelp: "Run 'ipc-demo --help' for the options.",
  // Help.
  helpTitles: {} as Readonly<Record<string, string>>,
  description: 'See how Linux processes talk to each other: seven IPC mechanisms, run for real and stepped line by line.',
  argDemo: (ids: readonly string[]) => `a demo: ${list(ids)} (default: the guided tour); or your own C program(s), prog.c, compiled with cc and stepped (its arguments after --)`,
  optMode: 'step: you press a key for each line; play: a step a second; run: straight through',
  optVariant: "run a variant of the demo (see 'ipc-demo pipe --help' or 'ipc-demo list')",
  optLang: 'language: zh or en (default: from LC_ALL / LANG)',
  optPlain: 'print a narrated transcript instead of the interactive screen (automatic when stdout is not a terminal)',
  optJson: "print one JSON event per line, for scripts (every kind and field: the README's 'JSON events')",
  optRole: 'lab mode: run only this side (e.g. reader) of a two-program demo',
  optNative: "run the demo's C listing itself, compiled with cc, instead of its Node twin",
  optDelay: 'play mode: milliseconds between steps (default: 900)',
  optNoQuestions: 'do not ask the questions (step mode asks each before its line runs; --plain prints them with the answers the run gave)',
  optVersion: 'print the version',
  optHelp: "this help; after a demo, the demo's own: ipc-demo pipe --help",
  cmdList: 'list the demos, their aliases, variants and roles',
  cmdSource: "print a demo's C program(s), ready to compile: ipc-demo source pipe > pipe.c && cc -Wall -Wextra -Werror pipe.c",
  cmdClean: 'remove what runs killed by SIGKILL left behind (FIFOs, sockets, System V objects), and say what',
  cmdDoctor: 'check that this machine has what the demos need, and say how to fix what is missing',
  argSourceDemo: 'the demo',
  argSourceFile: 'one file of a demo with several programs',
  examples: `
Examples:
  ipc-demo                      the guided tour of all seven mechanisms
  ipc-demo pipe                 step through the anonymous pipe demo
  ipc-demo pipe --help          what the pipe demo shows: its variants, examples
  ipc-demo pipe --variant fill  the writer fills the pipe and blocks (-v fill)
  ipc-demo pipe --lang zh       in Chinese (中文)
  ipc-demo pipe --plain         a narrated transcript, no keys needed
  ipc-demo pipe --no-questions  step through it without the predict-first questions
  ipc-demo pipe --json | jq .   one event per line for scripts
  ipc-demo list                 the demos, their roles and variants
  ipc-demo fifo --role reader   lab mode, terminal 1 (terminal 2: --role writer)
  ipc-demo my-pipe.c -- fill 3  your own C program, compiled with cc, stepped; its args after --
  ipc-demo writer.c reader.c    two programs of yours, started together
  ipc-demo pipe --native        the real pipe.c, compiled, instead of its twin
  ipc-demo source pipe > pipe.c the C program, to compile and run yourself
  ipc-demo clean                remove what killed runs left behind, and list it
                                (the same sweep runs quietly at every start)
  ipc-demo doctor               check Linux, /proc, memfd, System V limits, terminal,
                                cc and Node, and say how to fix what is missing

Keys: space/→ next step · ← back (replay) · tab switch process · p play · r run · v variants · l language · ? help · q quit
Exit codes: 0 done · 1 the run failed · 2 bad usage · 3 unsupported environment`,
  // ipc-demo list.
  listVariants: 'variants',
  listRoles: 'roles (--role)',
  // A demo's own help (src/cli/demo-help.ts).
  alsoCalled: (aliases: readonly string[]) => ` (also: ${list(aliases)})`,
  variants: 'Variants (--variant, -v):',
  defaultVariant: ' (default)',
  oneProgram: 'One program that forks: parent and child run side by side in one terminal (no --role).',
  roles: 'Roles (--role: one program per terminal, lab mode):',
  roleIn: (variants: string) => `in ${variants}`,
  allVariants: 'every variant',
  examplesTitle: 'Examples:',
  exStep: 'step through it, one line per key',
  exPlain: 'a narrated transcript, no keys needed',
  exJson: 'one JSON event per line',
  exSource: 'the C program, to compile yourself',
  exLab: (other: string) => `lab mode, terminal 1 (terminal 2: --role ${other})`,
  exNoQuestions: 'without the questions',
  questions: (n: number) =>
    `Questions: ${n}. Step mode asks each one right before its line runs (a–d, or a number), then the run itself shows the answer; --plain prints them with the answers this run gave; --no-questions skips them.`,
  moreOptions: "All options: ipc-demo --help · every demo: ipc-demo list",
};

export type CliText = typeof en;

const zh: CliText = {
  unknownDemo: (name, guess, ids) =>
    `没有名为 '${name}' 的演示。${guess ? `你是想用 '${guess}' 吗？` : ''}\n可用的演示：${list(ids)}。运行 'ipc-demo list' 可查看全部。`,
  unknownVariant: (demo, variant, guess, variants) =>
    `演示 '${demo}' 没有变体 '${variant}'。${guess ? `你是想用 '${guess}' 吗？` : ''}\n它的变体：${list(variants)}。`,
  noRoles: (demo, roleDemos) => `演示 '${demo}' 是一个会 fork 的程序：没有可以分到两个终端里运行的角色。--role 用于 ${list(roleDemos)}。`,
  unknownRole: (demo, role, roles) => `演示 '${demo}' 没有角色 '${role}'。它的角色：${list(roles)}。`,
  roleOfOtherVariants: (demo, variant, role, roles, variants) =>
    `演示 '${demo}' 的变体 '${variant}' 没有角色 '${role}'（它的角色：${list(roles)}）。有 '${role}' 这个角色的变体：${list(variants)}：ipc-demo ${demo} --variant ${variants[0]} --role ${role}`,
  jsonAndPlain: '--json 和 --plain 是两种不同的输出：只能选一个。',
  stepNeedsTerminal: '--mode step 要从终端读按键；用 --plain、--json 或输出到管道时，请用 --mode run（这时的默认值）或 --mode play。',
  stdinNotTerminal: '单步模式要从终端读按键，但标准输入不是终端。加 --plain（或 --json）可以不用按键直接运行。',
  tourNeedsTerminal: '导览要从终端读按键，但标准输入不是终端。加 --plain 可以把它打印出来。',
  unknownFile: (demo, file, files) => `演示 '${demo}' 没有文件 '${file}'。它的文件：${list(files)}。`,
  severalPrograms: (demo, files) => `演示 '${demo}' 有 ${files.length} 个程序：请指定一个（${list(files)}），例如 ipc-demo source ${demo} ${files[0]}`,
  badLang: '请用 zh 或 en。',
  badDelay: '请给出毫秒数，0 到 60000。',
  unknownOption: (option, suggestion) => `未知选项 '${option}'${suggestion ? `（你是想用 ${suggestion} 吗？）` : ''}。`,
  unknownCommand: (command) => `未知命令 '${command}'。`,
  excessArguments: (expected, got) => `参数太多：需要 ${expected} 个，实际给了 ${got} 个。`,
  missingArgument: (name) => `缺少参数 <${name}>。`,
  optionMissingArgument: (flags) => `选项 '${flags}' 需要一个值。`,
  invalidArgument: (flags, value, why) => `选项 '${flags}' 不能取 '${value}'：${why}`,
  choices: (values) => `可选值：${values}。`,
  seeHelp: "运行 'ipc-demo --help' 查看所有选项。",
  helpTitles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：' },
  description: '看看 Linux 进程之间怎样通信：七种 IPC 机制，真实运行，逐行单步。',
  argDemo: (ids) => `演示：${list(ids)}（默认：导览）；或你自己的 C 程序 prog.c，用 cc 编译后单步运行（它的参数放在 -- 之后）`,
  optMode: 'step：每按一次键走一行；play：每秒一步；run：一口气跑完',
  optVariant: "运行演示的某个变体（见 'ipc-demo pipe --help' 或 'ipc-demo list'）",
  optLang: '语言：zh 或 en（默认按 LC_ALL / LANG）',
  optPlain: '打印带讲解的文字记录，不用交互界面（标准输出不是终端时自动如此）',
  optJson: '每行打印一个 JSON 事件，供脚本使用（各种事件与字段：见 README 的“JSON events”一节）',
  optRole: '实验模式：只运行双程序演示的一方（例如 reader）',
  optNative: '运行演示的 C 源程序本身（用 cc 编译），而不是它的 Node 孪生程序',
  optDelay: 'play 模式：两步之间的毫秒数（默认 900）',
  optNoQuestions: '不提问（单步模式会在相应代码行执行前提问；--plain 会把问题连同本次运行给出的答案一起打印出来）',
  optVersion: '打印版本号',
  optHelp: "本帮助；写在演示名之后则是该演示自己的帮助：ipc-demo pipe --help",
  cmdList: '列出所有演示及其别名、变体和角色',
  cmdSource: '打印演示的 C 程序，可直接编译：ipc-demo source pipe > pipe.c && cc -Wall -Wextra -Werror pipe.c',
  cmdClean: '清除被 SIGKILL 杀掉的运行遗留的东西（FIFO、套接字、System V 对象），并列出来',
  cmdDoctor: '检查本机是否具备演示所需的一切，缺什么就说明怎么补',
  argSourceDemo: '演示',
  argSourceFile: '多程序演示中的某一个文件',
  examples: `
示例：
  ipc-demo                      全部七种机制的导览
  ipc-demo pipe                 单步走一遍匿名管道演示
  ipc-demo pipe --help          管道演示讲什么：它的变体和示例
  ipc-demo pipe --variant fill  写者把管道写满后阻塞（-v fill）
  ipc-demo pipe --lang en       用英文（English）
  ipc-demo pipe --plain         带讲解的文字记录，不用按键
  ipc-demo pipe --no-questions  单步执行，但不先提问让你预测
  ipc-demo pipe --json | jq .   每行一个事件，供脚本使用
  ipc-demo list                 所有演示及其角色和变体
  ipc-demo fifo --role reader   实验模式，终端 1（终端 2：--role writer）
  ipc-demo my-pipe.c -- fill 3  你自己的 C 程序，用 cc 编译后单步运行；-- 之后是它的参数
  ipc-demo writer.c reader.c    你自己的两个程序，一起启动
  ipc-demo pipe --native        编译并运行真正的 pipe.c，而不是它的孪生程序
  ipc-demo source pipe > pipe.c C 程序，可以自己编译运行
  ipc-demo clean                清除被杀掉的运行遗留的东西，并列出来
                                （每次启动时也会悄悄做同样的清理）
  ipc-demo doctor               检查 Linux、/proc、memfd、System V 上限、终端、
                                cc 和 Node，缺什么就说明怎么补

按键：空格/→ 下一步 · ← 后退（回放） · tab 切换进程 · p 播放 · r 运行 · v 变体 · l 语言 · ? 帮助 · q 退出
退出码：0 完成 · 1 运行失败 · 2 用法错误 · 3 环境不支持`,
  listVariants: '变体',
  listRoles: '角色（--role）',
  alsoCalled: (aliases) => `（别名：${list(aliases)}）`,
  variants: '变体（--variant，-v）：',
  defaultVariant: '（默认）',
  oneProgram: '一个会 fork 的程序：父进程和子进程在同一个终端里并排运行（没有 --role）。',
  roles: '角色（--role：每个终端运行一个程序，即实验模式）：',
  roleIn: (variants) => `用于${variants}`,
  allVariants: '所有变体',
  examplesTitle: '示例：',
  exStep: '单步运行，每按一次键走一行',
  exPlain: '带讲解的文字记录，不用按键',
  exJson: '每行一个 JSON 事件',
  exSource: 'C 程序，可以自己编译',
  exLab: (other) => `实验模式，终端 1（终端 2：--role ${other}）`,
  exNoQuestions: '不提问',
  questions: (n) => `问题：${n} 道。单步模式会在相应代码行执行之前提问（选 a–d，或填一个数字），然后由这次运行本身揭晓答案；--plain 会把问题连同本次运行给出的答案一起打印；--no-questions 跳过全部问题。`,
  moreOptions: '全部选项：ipc-demo --help · 所有演示：ipc-demo list',
};

export const cliText: Readonly<Record<Lang, CliText>> = { en, zh };
