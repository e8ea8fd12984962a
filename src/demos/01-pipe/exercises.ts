// The pipe's exercises (issue 13): data and checks, read by `ipc-demo lab`.
import { at, blockedCalls, callsOf, cleanEnd, fail, pass, type Evidence, type Exercise } from '../exercise.js';
import pipeEof from './exercises/pipe-eof.c';

/** Who holds a write end of the pipe `fd` of process `pid` reads from, in the view the run ended in. */
function writeEndHolders(evidence: Evidence, pid: number, fd: number): { pid: number; role: string; fd: number }[] {
  const view = evidence.views.at(-1) ?? [];
  const inode = view.find((p) => p.pid === pid)?.fds.find((f) => f.fd === fd)?.inode;
  if (inode === undefined || inode === null) return [];
  return view.flatMap((p) => p.fds.filter((f) => f.kind === 'pipe' && f.inode === inode && f.access === 'w').map((f) => ({ pid: p.pid, role: p.role, fd: f.fd })));
}

export const exercises: readonly Exercise[] = [
  {
    id: 'pipe-eof',
    title: { en: 'Make the reader see end of file', zh: '让读者读到文件结束' },
    task: {
      en: 'pipe-eof.c: the child reads the pipe until read() returns 0, end of file, but it never gets there and waits for ever. Make the child see end of file, so that both processes end with 0. The check runs your program and looks at what its read() calls returned and who held the pipe\'s write end.',
      zh: 'pipe-eof.c：子进程一直读管道，直到 read() 返回 0（文件结束），但它永远等不到，一直阻塞。让子进程读到文件结束，两个进程都以 0 退出。检查会运行你的程序，看它的 read() 返回了什么、管道的写端被谁拿着。',
    },
    file: 'pipe-eof.c',
    starter: pipeEof,
    hints: [
      { en: 'read() on a pipe returns 0 only when no process holds the pipe\'s write end open any more. Count the write ends: after fork(), how many are there?', zh: '只有当再也没有任何进程打开着管道的写端时，read() 才会返回 0。数一数写端：fork() 之后一共有几个？' },
      { en: 'fork() copies the fd table: the child has its own fd[1]. The parent closes its copy; the child still holds its own, and it is the reader itself.', zh: 'fork() 复制了文件描述符表：子进程有自己的一份 fd[1]。父进程关了它那份，子进程还拿着自己那份——而它正是读者本身。' },
      { en: 'In the child, close(fd[1]) before the read loop. Step it with `ipc-demo pipe-eof.c` and watch the kernel pane\'s write ends.', zh: '在子进程里、读循环之前调用 close(fd[1])。用 `ipc-demo pipe-eof.c` 单步运行，看内核面板里的写端。' },
    ],
    check(evidence) {
      const reads = callsOf(evidence, 'read', 'child');
      const eof = reads.find((c) => c.returned && c.value === 0);
      if (!eof) {
        const blocked = blockedCalls(evidence).find((c) => c.name === 'read');
        if (blocked) {
          const holders = writeEndHolders(evidence, blocked.pid, Number(blocked.args[0]));
          const itself = (pid: number) => pid === blocked.pid;
          const who = holders.map((h) => `${itself(h.pid) ? 'the child itself' : h.role === 'child' ? 'your child' : 'your parent'} (${h.pid}) still holds fd ${h.fd}, the pipe's write end`).join('; ');
          const whoZh = holders.map((h) => `${itself(h.pid) ? '子进程自己' : h.role === 'child' ? '子进程' : '父进程'}（${h.pid}）还拿着 fd ${h.fd}，也就是管道的写端`).join('；');
          return fail({
            en: `The child's read()${at(blocked).en} never returned 0: ${who || 'a write end is still open'}. While any write end is open, read() waits for more.`,
            zh: `子进程的 read()${at(blocked).zh}始终没有返回 0：${whoZh || '还有写端开着'}。只要还有写端开着，read() 就会一直等更多数据。`,
          });
        }
        return fail({ en: 'No read() of the child returned 0: the child must read until end of file.', zh: '子进程没有哪次 read() 返回 0：子进程要一直读到文件结束。' });
      }
      const ended = cleanEnd(evidence);
      if (ended) return ended;
      const bytes = reads.filter((c) => c.returned && typeof c.value === 'number' && c.value > 0).reduce((sum, c) => sum + (c.value as number), 0);
      return pass({
        en: `The child read ${bytes} bytes, then read()${at(eof).en} returned 0: no write end was open any more. Both processes ended with 0.`,
        zh: `子进程读到 ${bytes} 字节，随后 read()${at(eof).zh}返回 0：已经没有任何写端开着。两个进程都以 0 退出。`,
      });
    },
  },
];
