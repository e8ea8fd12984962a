import type { DemoMeta } from '../types.js';
import pipeC from './pipe.c';
import { questions } from './questions.js';

const listings = { main: 'pipe.c' };

export const demo: DemoMeta = {
  id: 'pipe',
  order: 1,
  section: 'related',
  aliases: ['anon-pipe', 'anonymous-pipe'],
  title: { en: 'Anonymous pipe', zh: '匿名管道' },
  summary: {
    en: 'A parent writes into a pipe and its forked child reads from it: a one-way byte stream the kernel buffers, shared only through fork().',
    zh: '父进程往管道里写，fork 出来的子进程从中读：一条由内核缓冲的单向字节流，只能靠 fork() 继承来共享。',
  },
  roles: [{ id: 'main', title: { en: 'pipe.c (parent, then child)', zh: 'pipe.c（父进程与子进程）' } }],
  variants: [
    {
      id: 'basic',
      title: { en: 'Parent to child', zh: '父写子读' },
      summary: {
        en: 'Each side closes the end it does not use; the child reads until end of file.',
        zh: '两边各自关掉用不到的那一端；子进程一直读到文件结束（EOF）。',
      },
      listings,
    },
    {
      id: 'unclosed',
      title: { en: 'Forgotten write end', zh: '忘了关写端' },
      summary: {
        en: 'The child never closes its copy of the write end, so the pipe always has a writer: after the message, its read() sleeps in anon_pipe_read (pipe_read on older kernels) forever.',
        zh: '子进程没有关闭自己继承的写端，管道就永远“有人在写”：读完消息后，read() 会永远睡在 anon_pipe_read 里（旧内核上叫 pipe_read）。',
      },
      listings,
      cArgs: ['unclosed'],
      stuck: {
        en: 'The cause: the child still holds a write end of the pipe it reads ⟦(kernel panel: `C fds: … w pipe`)⟧, so its read() waits for a writer that is itself. basic closes that end (child-close-write) and ends.',
        zh: '原因：子进程仍握着它所读管道的一个写端⟦（看内核面板：`C 文件描述符: … w pipe`）⟧，所以它的 read() 等的写者就是它自己。basic 变体关掉了这一端（child-close-write），就能正常结束。',
      },
    },
    {
      id: 'reader-gone',
      title: { en: 'Reader gone: SIGPIPE', zh: '读者走了：SIGPIPE' },
      summary: {
        en: 'Every read end is closed before the parent writes: the kernel sends the writer SIGPIPE, whose default action kills it.',
        zh: '父进程写之前，所有读端都已关闭：内核给写者发 SIGPIPE，默认动作就是把它杀掉。',
      },
      listings,
      cArgs: ['reader-gone'],
      expect: { main: 'killed by SIGPIPE' },
    },
    {
      id: 'reader-gone-ignore',
      title: { en: 'Reader gone: EPIPE', zh: '读者走了：EPIPE' },
      summary: {
        en: 'The same, but the parent ignores SIGPIPE first: write() now fails with EPIPE and the program decides what to do.',
        zh: '同样的情形，但父进程先忽略了 SIGPIPE：write() 改为返回错误 EPIPE，由程序自己处理。',
      },
      listings,
      cArgs: ['reader-gone-ignore'],
      expect: { main: 'exited 1' },
    },
    {
      id: 'fill',
      title: { en: 'Full pipe', zh: '管道写满' },
      summary: {
        en: 'The parent writes exactly the pipe’s capacity (F_GETPIPE_SZ, 64 KiB by default), then one more message: that write sleeps in anon_pipe_write (pipe_write on older kernels) until the child drains the pipe.',
        zh: '父进程先写满管道的容量（F_GETPIPE_SZ，默认 64 KiB），再写一条消息：这次 write() 会睡在 anon_pipe_write 里（旧内核上叫 pipe_write），直到子进程把管道读空。',
      },
      listings,
      cArgs: ['fill'],
    },
  ],
  steps: {
    pipe: {
      text: {
        en: 'pipe() asks the kernel for a new pipe: a buffer in kernel memory with two file descriptors, fd[0] to read and fd[1] to write. ⟦Watch both appear in the fd table, pointing at the same pipe inode.⟧',
        zh: 'pipe() 请内核新建一个管道：内核里的一块缓冲区，配两个文件描述符，fd[0] 读、fd[1] 写。⟦注意 fd 表里同时出现了两项，指向同一个管道 inode。⟧',
      },
    },
    fork: {
      text: {
        en: 'fork() copies the process, fd table included: the child gets its own fd[0] and fd[1], pointing at the same pipe. Now four ends are open, two in each process.',
        zh: 'fork() 复制整个进程，fd 表也一起复制：子进程有了自己的 fd[0] 和 fd[1]，指向同一个管道。现在一共开着四个端，每个进程两个。',
      },
    },
    'child-close-write': {
      text: {
        en: 'The child only reads, so it closes its write end. This matters: the reader sees end of file only when every write end, in every process, is closed.',
        zh: '子进程只负责读，于是关掉自己的写端。这一步很关键：只有所有进程里的写端都关掉了，读者才会读到文件结束。',
      },
    },
    'child-close-read': {
      text: {
        en: 'The child closes its read end without reading anything. The parent closed its own already, so no one can read this pipe any more.',
        zh: '子进程一个字节都没读，就关掉了读端。父进程的读端早已关闭，这个管道从此再也没有读者。',
      },
    },
    'child-exit-early': {
      text: {
        en: 'The child ends with _exit(): in a forked child this skips the parent’s atexit handlers and stdio buffers, which belong to the parent.',
        zh: '子进程用 _exit() 结束：在 fork 出来的子进程里，这样可以跳过属于父进程的 atexit 处理函数和 stdio 缓冲区。',
      },
    },
    'child-sleep': {
      text: {
        en: 'The child waits a second before reading, so the parent has time to fill the pipe. ⟦Watch the parent’s state while the child sleeps.⟧',
        zh: '子进程先睡一秒再读，给父进程留出写满管道的时间。⟦子进程睡觉的时候，留意父进程的状态。⟧',
      },
    },
    'child-read': {
      text: {
        en: 'read() returns what is in the pipe, up to the buffer size; if the pipe is empty it sleeps in anon_pipe_read (pipe_read on older kernels) until data arrives, and returns 0 (end of file) once no write end is left.',
        zh: 'read() 返回管道里现有的数据（不超过缓冲区大小）；管道空时就睡在 anon_pipe_read 里（旧内核上叫 pipe_read）等数据，等到所有写端都关闭后返回 0，表示文件结束。',
      },
      variants: {
        unclosed: {
          en: 'read() returns what is in the pipe. Once the message is read the pipe is empty, yet a write end is still open: the child’s own fd[1], never closed ⟦(kernel panel: `C fds: … w pipe`)⟧. So read() never returns 0: it sleeps in anon_pipe_read (pipe_read on older kernels), waiting for a writer that is itself.',
          zh: 'read() 返回管道里现有的数据。消息读完后管道就空了，可还有一个写端开着：子进程自己那份 fd[1]，一直没关⟦（看内核面板：`C 文件描述符: … w pipe`）⟧。所以 read() 永远等不到 0：它睡在 anon_pipe_read 里（旧内核上叫 pipe_read），等的写者正是它自己。',
        },
      },
    },
    'child-exit': {
      text: {
        en: 'End of file reached: the child exits with _exit(0) and becomes a zombie until its parent collects the exit status.',
        zh: '读到了文件结束：子进程以 _exit(0) 退出，在父进程取走它的退出状态之前，它是一个僵尸进程。',
      },
    },
    'parent-close-read': {
      text: {
        en: 'The parent only writes, so it closes its read end. Data now has exactly one way to go: from the parent’s fd[1] to the child’s fd[0].',
        zh: '父进程只负责写，于是关掉读端。现在数据只有一条路：从父进程的 fd[1] 流到子进程的 fd[0]。',
      },
    },
    'ignore-sigpipe': {
      text: {
        en: 'signal(SIGPIPE, SIG_IGN): from now on, writing to a pipe without readers does not kill this process; write() returns -1 with errno EPIPE instead.',
        zh: 'signal(SIGPIPE, SIG_IGN)：从此往没有读者的管道写，不会再杀死本进程，而是让 write() 返回 -1、errno 为 EPIPE。',
      },
    },
    'wait-first': {
      text: {
        en: 'The parent waits for the child to finish first, so that when it writes, the last read end is surely gone.',
        zh: '父进程先等子进程结束，确保自己写的时候，最后一个读端确实已经不在了。',
      },
    },
    'pipe-size': {
      text: {
        en: 'fcntl(F_GETPIPE_SZ) asks how many bytes this pipe can hold: 65536 (16 pages) unless someone changed it with F_SETPIPE_SZ.',
        zh: 'fcntl(F_GETPIPE_SZ) 查询这个管道能装多少字节：默认 65536（16 页），除非有人用 F_SETPIPE_SZ 改过。',
      },
    },
    fill: {
      text: {
        en: 'One write() of exactly the capacity: it fits, so it returns at once. The pipe is now full⟦; watch the fill level in the kernel panel⟧.',
        zh: '一次 write() 正好写入管道容量那么多字节：装得下，所以立即返回。此时管道已满⟦，看内核面板里的填充量⟧。',
      },
    },
    'parent-write': {
      text: {
        en: 'write() copies the message into the pipe’s kernel buffer and returns; it does not wait for the reader. If the pipe is full it sleeps in anon_pipe_write (pipe_write on older kernels); if no reader is left it raises SIGPIPE.',
        zh: 'write() 把消息复制进管道的内核缓冲区就返回，并不等读者来读。管道满了就睡在 anon_pipe_write 里（旧内核上叫 pipe_write）；没有读者了就触发 SIGPIPE。',
      },
    },
    'parent-close-write': {
      text: {
        en: 'The parent closes its write end. If the child closed its own copy, this was the last writer: the child’s next read() returns 0.',
        zh: '父进程关闭写端。如果子进程也关了自己那份，这就是最后一个写端：子进程下一次 read() 会返回 0。',
      },
      variants: {
        unclosed: {
          en: 'The parent closes its write end, but it is not the last one: the child never closed its copy ⟦(kernel panel: `C fds: … w pipe`, and Cw on the pipe’s line)⟧. The pipe keeps a writer, so the child’s read() will never return 0.',
          zh: '父进程关闭了写端，但它不是最后一个：子进程从没关过自己那份⟦（看内核面板：`C 文件描述符: … w pipe`，管道那一行上也还有 Cw）⟧。管道始终有写者，子进程的 read() 永远不会返回 0。',
        },
      },
    },
    wait: {
      text: {
        en: 'waitpid() sleeps until the child ends, then collects its exit status, so no zombie is left behind.',
        zh: 'waitpid() 一直等到子进程结束，再取走它的退出状态，这样就不会留下僵尸进程。',
      },
      variants: {
        unclosed: {
          en: 'waitpid() sleeps until the child ends, and here it never does: the child sleeps in read() on a pipe whose last write end it holds itself ⟦(`C fds: … w pipe`)⟧. Parent and child wait for ever, for want of one close() in the child.',
          zh: 'waitpid() 要等子进程结束，可这里子进程永远不会结束：它睡在 read() 里，而这个管道最后的写端就握在它自己手里⟦（`C 文件描述符: … w pipe`）⟧。父子两个进程就这样永远等下去，只因子进程少调了一次 close()。',
        },
      },
    },
  },
  sources: { 'pipe.c': pipeC },
  questions,
};
