// Predict, then reveal: what the learner is asked before a step runs. The answer is never
// stored here: each choice says what the run must show for it to be the true one.
import type { Question } from '../types.js';

export const questions: readonly Question[] = [
  {
    id: 'who-makes-it',
    step: 'mkfifo',
    variants: ['basic'],
    prompt: {
      en: 'Both programs call mkfifo() on the same path. What does it return in this process?',
      zh: '两个程序都对同一个路径调用 mkfifo()。在这个进程里它返回什么？',
    },
    choices: [
      {
        text: { en: '0: this process made the FIFO', zh: '0：FIFO 是这个进程建的' },
        when: { value: 0 },
        why: {
          en: 'This process got there first: the FIFO is a new file of type p in the run’s directory, and the other program’s mkfifo() will fail with EEXIST.',
          zh: '这个进程先到：FIFO 是运行目录里一个新的 p 类型文件，另一个程序的 mkfifo() 将以 EEXIST 失败。',
        },
      },
      {
        text: { en: '-1, errno EEXIST', zh: '-1，errno 为 EEXIST' },
        when: { errno: 'EEXIST' },
        why: {
          en: 'The other program made it first. The listing expects this: it checks with stat() that what is there is a FIFO, and goes on.',
          zh: '另一个程序先建好了。代码料到了这种情况：它用 stat() 确认那里是个 FIFO，然后继续。',
        },
      },
      { text: { en: '-1, errno ENOENT', zh: '-1，errno 为 ENOENT' }, when: { errno: 'ENOENT' } },
    ],
    racy: {
      en: 'Which one is first is up to the scheduler (and to you, in step mode): in another run this process gets the other answer.',
      zh: '谁先到由调度器决定（单步模式下由你决定）：换一次运行，这个进程可能得到另一个答案。',
    },
    reveal: { from: 'return', call: 'mkfifo' },
  },
  {
    id: 'nonblock-open',
    step: 'open-nonblock',
    prompt: {
      en: 'open(path, O_WRONLY | O_NONBLOCK), and no process has the FIFO open for reading. What does open() do?',
      zh: 'open(path, O_WRONLY | O_NONBLOCK)，而没有任何进程以读方式打开这个 FIFO。open() 会怎样？',
    },
    choices: [
      { text: { en: 'Sleeps until a reader opens it', zh: '睡下，直到有读者打开它' }, when: { blocked: true } },
      {
        text: { en: 'Returns -1, errno ENXIO', zh: '返回 -1，errno 为 ENXIO' },
        when: { errno: 'ENXIO' },
        why: {
          en: 'Without O_NONBLOCK this open would sleep until a reader came. With it, a writer may not open a FIFO no one reads: ENXIO. (A reader with O_NONBLOCK opens at once.)',
          zh: '不带 O_NONBLOCK 时，这次 open 会一直睡到有读者为止。带上它，写者就不能打开一个没人读的 FIFO：ENXIO。（带 O_NONBLOCK 的读者则会立刻打开成功。）',
        },
      },
      { text: { en: 'Returns -1, errno EAGAIN', zh: '返回 -1，errno 为 EAGAIN' }, when: { errno: 'EAGAIN' } },
      { text: { en: 'Returns a descriptor; the first write() will fail', zh: '返回一个描述符；之后第一次 write() 才失败' }, when: { min: 0 } },
    ],
    reveal: { from: 'return', call: 'open' },
  },
  {
    id: 'read-after-close',
    step: 'read',
    occurrence: 2,
    variants: ['basic'],
    role: 'reader',
    prompt: {
      en: 'The writer wrote its 22 bytes and closes its end. The reader calls read() again: what does it return?',
      zh: '写者写完 22 字节，关掉了自己那一端。读者再调用一次 read()：返回什么？',
    },
    choices: [
      { text: { en: '22 again', zh: '又是 22' }, when: { value: 22 } },
      {
        text: { en: '0: end of file', zh: '0：文件结束' },
        when: { value: 0 },
        why: {
          en: 'A FIFO reads like a pipe: once every writer has closed it and it is empty, read() returns 0. The FIFO’s file stays, and a new writer could open it, but this read() does not wait for one.',
          zh: 'FIFO 读起来和管道一样：所有写者都关闭、里面又空了，read() 就返回 0。FIFO 文件还在，新的写者也可以再打开它，但这次 read() 不会等。',
        },
      },
      { text: { en: '-1, errno EAGAIN', zh: '-1，errno 为 EAGAIN' }, when: { errno: 'EAGAIN' } },
      { text: { en: 'It sleeps until another writer opens the FIFO', zh: '睡下，直到另一个写者打开 FIFO' }, when: { blocked: true } },
    ],
    reveal: { from: 'return', call: 'read' },
  },
];
