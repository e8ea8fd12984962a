// What the command line says about C programs it compiles (issue 12), in both languages.
import type { Lang } from '../demos/types.js';

const INSTALL = 'sudo apt install gcc (Debian/Ubuntu), sudo dnf install gcc (Fedora), sudo pacman -S gcc (Arch), apk add build-base (Alpine)';
const INSTALL_ZH = 'sudo apt install gcc（Debian/Ubuntu），sudo dnf install gcc（Fedora），sudo pacman -S gcc（Arch），apk add build-base（Alpine）';

const en = {
  noFile: (path: string) => `no C program '${path}': there is no such file.`,
  notFile: (path: string) => `'${path}' is not a file ipc-demo can read.`,
  noCompiler: `to step a C program, ipc-demo compiles it with cc, and there is no cc on PATH.\nInstall a C compiler: ${INSTALL}. 'ipc-demo doctor' checks for it.`,
  compileFailed: (files: string) => `${files} did not compile. What cc says (file:line:column: message):`,
  compileHint: (files: string) => `Fix the line it names and run ipc-demo ${files} again. ipc-demo builds with -Wall -include ipc-trace.h (src/native/README.md).`,
  warnings: 'cc compiled it with warnings (the program runs all the same):',
  threadsRefused: (files: string) => `${files} starts threads, and ipc-demo steps processes, not threads. Found:`,
  threadsHint: (files: string) =>
    `ipc-demo stops a process before each call and follows it across fork(); a second thread would run beside the one being stepped, its calls unseen. Make the second line of work a process with fork() (the demos show how), or run the program without ipc-demo: cc -pthread ${files} && ./a.out`,
  argsWithoutProgram: "arguments after '--' are for a C program of yours (ipc-demo my-pipe.c -- fill 3); a built-in demo takes its variant with --variant.",
  demoAndProgram: 'name either a demo or C programs (files ending in .c), not both.',
  tooManyPrograms: 'at most two C programs run together (ipc-demo writer.c reader.c); run more in other terminals.',
  optionForDemos: (option: string) => `${option} is for the built-in demos; a C program of yours runs as it is.`,
  oneDemo: "name one demo (or C programs ending in .c); 'ipc-demo list' shows the demos.",
};

const zh: typeof en = {
  noFile: (path) => `没有 C 程序“${path}”：这个文件不存在。`,
  notFile: (path) => `“${path}”不是 ipc-demo 能读的文件。`,
  noCompiler: `要单步运行 C 程序，ipc-demo 得先用 cc 编译它，但 PATH 里没有 cc。\n请安装 C 编译器：${INSTALL_ZH}。'ipc-demo doctor' 会检查它。`,
  compileFailed: (files) => `${files} 没有编译通过。下面是 cc 的原话（文件:行:列: 信息）：`,
  compileHint: (files) => `改好它指出的那一行，再运行 ipc-demo ${files}。ipc-demo 用 -Wall -include ipc-trace.h 编译（见 src/native/README.md）。`,
  warnings: 'cc 编译时给出了警告（程序照样运行）：',
  threadsRefused: (files) => `${files} 会创建线程，而 ipc-demo 单步运行的是进程，不是线程。找到的调用：`,
  threadsHint: (files) =>
    `ipc-demo 让进程在每次调用之前停下，并在 fork() 之后继续跟踪它；第二个线程会在被单步的线程旁边自顾自地运行，它的调用都看不到。请用 fork() 把第二条执行流改成一个进程（各个演示里有写法），或者不经 ipc-demo 直接运行：cc -pthread ${files} && ./a.out`,
  argsWithoutProgram: "'--' 之后的参数是给你自己的 C 程序的（ipc-demo my-pipe.c -- fill 3）；内置演示用 --variant 选变体。",
  demoAndProgram: '要么给一个演示名，要么给 C 程序（以 .c 结尾的文件），不能同时给。',
  tooManyPrograms: '最多同时运行两个 C 程序（ipc-demo writer.c reader.c）；更多的请在别的终端里运行。',
  optionForDemos: (option) => `${option} 只用于内置演示；你自己的 C 程序按原样运行。`,
  oneDemo: "只能给一个演示名（或以 .c 结尾的 C 程序）；'ipc-demo list' 列出所有演示。",
};

export const nativeText: Readonly<Record<Lang, typeof en>> = { en, zh };
