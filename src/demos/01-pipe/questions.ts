// Predict, then reveal: what the learner is asked before a step runs. The answer is never
// stored here: each choice says what the run must show for it to be the true one.
import type { Question } from '../types.js';

export const questions: readonly Question[] = [
  {
    id: 'first-read',
    step: 'child-read',
    variants: ['basic'],
    prompt: {
      en: 'The child asks read() for up to 65536 bytes (sizeof buf). How many bytes does this first read() return?',
      zh: '子进程让 read() 最多读 65536 字节（sizeof buf）。这第一次 read() 返回多少字节？',
    },
    why: {
      en: 'read() on a pipe returns what is there (sleeping only while nothing is), not the size asked for: the parent wrote one 17-byte message, so that is what comes back.',
      zh: '管道上的 read() 有多少就返回多少（只有一个字节都没有时才睡下等），不是要多少给多少：父进程只写了一条 17 字节的消息，回来的就是这么多。',
    },
    reveal: { from: 'return', call: 'read' },
  },
  {
    id: 'read-again',
    step: 'child-read',
    occurrence: 2,
    variants: ['basic', 'unclosed'],
    prompt: {
      en: 'The child has read the parent’s message and calls read() again. What happens?',
      zh: '子进程已经读到了父进程的消息，又调用了一次 read()。会发生什么？',
    },
    choices: [
      { text: { en: 'It returns 17 again', zh: '再次返回 17' }, when: { value: 17 } },
      {
        text: { en: 'It returns 0: end of file', zh: '返回 0：文件结束' },
        when: { value: 0 },
        why: {
          en: 'Every write end is closed: the parent closed its own (parent-close-write) and the child its copy (child-close-write). With no writer left and the pipe empty, read() returns 0.',
          zh: '所有写端都已关闭：父进程关了自己的（parent-close-write），子进程也关了继承来的那份（child-close-write）。没有写者、管道又空，read() 就返回 0。',
        },
      },
      { text: { en: 'It returns -1 with an error', zh: '返回 -1，出错' }, when: { value: -1 } },
      {
        text: { en: 'It sleeps in read() for ever', zh: '永远睡在 read() 里' },
        when: { blocked: true },
        why: {
          en: 'The pipe is empty but a write end is still open: the child’s own fd[1], never closed⟦ (kernel panel: `C fds: … w pipe`)⟧. read() waits for a writer, and that writer is itself.',
          zh: '管道空了，可还有一个写端开着：子进程自己那份 fd[1]，一直没关⟦（看内核面板：`C 文件描述符: … w pipe`）⟧。read() 在等一个写者，而那个写者就是它自己。',
        },
      },
    ],
    reveal: { from: 'return', call: 'read' },
  },
  {
    id: 'capacity',
    step: 'pipe-size',
    prompt: {
      en: 'fcntl(F_GETPIPE_SZ): how many bytes can this pipe hold before a write() has to wait?',
      zh: 'fcntl(F_GETPIPE_SZ)：这个管道能装多少字节，再写 write() 就得等？',
    },
    why: {
      en: 'The default is 16 pages of 4096 bytes: 65536. F_SETPIPE_SZ can change it, up to /proc/sys/fs/pipe-max-size for an ordinary user.',
      zh: '默认是 16 页、每页 4096 字节，即 65536。可以用 F_SETPIPE_SZ 修改，普通用户最多改到 /proc/sys/fs/pipe-max-size。',
    },
    reveal: { from: 'return', call: 'fcntl' },
  },
  {
    id: 'no-reader',
    step: 'parent-write',
    variants: ['reader-gone', 'reader-gone-ignore'],
    prompt: {
      en: 'The child closed the last read end and has exited. What does the parent’s write() do?',
      zh: '子进程关掉了最后一个读端，已经退出。父进程的 write() 会怎样？',
    },
    choices: [
      { text: { en: 'Returns 17: the bytes wait in the pipe', zh: '返回 17：数据留在管道里等人来读' }, when: { value: 17 } },
      { text: { en: 'Sleeps until a reader comes', zh: '睡下，直到有读者出现' }, when: { blocked: true } },
      {
        text: { en: 'The process is killed by SIGPIPE', zh: '进程被 SIGPIPE 杀死' },
        when: { killedBy: 'SIGPIPE' },
        why: {
          en: 'Writing to a pipe no one can read makes the kernel send the writer SIGPIPE, whose default action ends the process: write() never returns.',
          zh: '往没人能读的管道里写，内核会给写者发 SIGPIPE，它的默认动作就是结束进程：write() 根本没有返回。',
        },
      },
      {
        text: { en: 'Returns -1 with errno EPIPE', zh: '返回 -1，errno 为 EPIPE' },
        when: { value: -1, errno: 'EPIPE' },
        why: {
          en: 'SIGPIPE is ignored here (ignore-sigpipe), so nothing kills the process: write() fails with EPIPE instead, and the program decides what to do.',
          zh: '这里先忽略了 SIGPIPE（ignore-sigpipe），没有什么来杀进程：write() 改为以 EPIPE 失败，由程序自己决定怎么办。',
        },
      },
    ],
    racy: {
      en: 'Without ignore-sigpipe it is the signal; with it, EPIPE: the other variant gives the other answer.',
      zh: '不忽略 SIGPIPE 时是信号，忽略了就是 EPIPE：换另一个变体，答案就是另一个。',
    },
    reveal: { from: 'return', call: 'write' },
  },
];
