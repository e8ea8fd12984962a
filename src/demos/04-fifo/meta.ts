import type { DemoMeta } from '../types.js';
import readerC from './fifo-reader.c';
import writerC from './fifo-writer.c';
import { questions } from './questions.js';

const pair = { writer: 'fifo-writer.c', reader: 'fifo-reader.c' };

export const demo: DemoMeta = {
  id: 'fifo',
  order: 4,
  section: 'unrelated',
  aliases: ['named-pipe', 'mkfifo'],
  title: { en: 'Named pipe (FIFO)', zh: '命名管道（FIFO）' },
  summary: {
    en: 'A pipe with a name in the file system: two programs that share nothing but a path meet there. open() waits for the other side, then the bytes flow as through a pipe, and end of file comes when the last writer closes.',
    zh: '在文件系统里有名字的管道：两个毫无关系的程序只凭一个路径就能在这里会合。open() 会一直等到另一端也打开，之后数据就像在普通管道里一样流动，最后一个写者关闭时，读者读到文件结束。',
  },
  roles: [
    { id: 'writer', title: { en: 'Writer (fifo-writer.c)', zh: '写者（fifo-writer.c）' } },
    { id: 'reader', title: { en: 'Reader (fifo-reader.c)', zh: '读者（fifo-reader.c）' } },
    { id: 'writer2', title: { en: 'Second writer (fifo-writer.c)', zh: '第二个写者（fifo-writer.c）' } },
  ],
  variants: [
    {
      id: 'basic',
      title: { en: 'Writer to reader', zh: '写者到读者' },
      summary: {
        en: 'Whichever program comes first creates the FIFO; each open() sleeps in wait_for_partner until the other side opens. One message goes through, the writer closes, the reader sees end of file and removes the name.',
        zh: '哪个程序先到，就由它创建 FIFO；每个 open() 都睡在 wait_for_partner 里，直到另一端也打开。一条消息传过去，写者关闭，读者读到文件结束，再删掉这个名字。',
      },
      listings: pair,
      argv: { writer: ['{dir}/fifo'], reader: ['{dir}/fifo'] },
    },
    {
      id: 'nonblock',
      title: { en: 'No reader: ENXIO', zh: '没有读者：ENXIO' },
      summary: {
        en: 'The writer runs alone and opens with O_NONBLOCK: instead of waiting for a reader, open() fails at once with ENXIO. The writer removes the FIFO it created and exits 1.',
        zh: '写者独自运行，并以 O_NONBLOCK 方式打开：open() 不再等读者，而是立即失败，返回 ENXIO。写者删掉自己创建的 FIFO，以状态 1 退出。',
      },
      listings: { writer: 'fifo-writer.c' },
      argv: { writer: ['nonblock', '{dir}/fifo'] },
      expect: { writer: 'exited 1' },
    },
    {
      id: 'not-fifo',
      title: { en: 'Path taken: EEXIST', zh: '路径被占用：EEXIST' },
      summary: {
        en: 'Both programs are given the path of a regular file (the run’s ftok key file). mkfifo() fails with EEXIST, stat() shows it is no FIFO, and each program refuses to touch it and exits 1, leaving the file as it was.',
        zh: '两个程序拿到的路径都是一个普通文件（本次运行给 ftok 用的 key 文件）。mkfifo() 失败，返回 EEXIST；stat() 显示它不是 FIFO，于是两个程序都拒绝动它，以状态 1 退出，文件原封不动。',
      },
      listings: pair,
      argv: { writer: ['{key}'], reader: ['{key}'] },
      expect: { writer: 'exited 1', reader: 'exited 1' },
    },
    {
      id: 'atomic',
      title: { en: 'Two writers, PIPE_BUF', zh: '两个写者与 PIPE_BUF' },
      summary: {
        en: 'Writers A and B each send 32 records of exactly PIPE_BUF (4096) bytes, every byte its writer’s letter, into one FIFO. How often they take turns depends on scheduling, but a write of up to PIPE_BUF bytes is atomic: the reader finds every turn at a record boundary, none in the middle of a record.',
        zh: '写者 A 和 B 往同一个 FIFO 各写 32 条记录，每条正好 PIPE_BUF（4096）字节，每个字节都是写者自己的字母。两者轮流了几次取决于调度，但不超过 PIPE_BUF 字节的写是原子的：读者发现每次轮换都发生在记录边界上，没有一次落在记录中间。',
      },
      listings: { writer: 'fifo-writer.c', writer2: 'fifo-writer.c', reader: 'fifo-reader.c' },
      argv: { writer: ['atomic', 'A', '{dir}/fifo'], writer2: ['atomic', 'B', '{dir}/fifo'], reader: ['atomic', '{dir}/fifo'] },
      racy: true,
    },
    {
      id: 'torn',
      title: { en: 'Records bigger than PIPE_BUF', zh: '超过 PIPE_BUF 的记录' },
      summary: {
        en: 'The same, with records of 80 KiB: more than PIPE_BUF and more than the pipe’s 64 KiB. A write that does not fit goes in piece by piece, sleeping in between (anon_pipe_write; pipe_write on older kernels), and the other writer’s bytes land in the middle of the record: the reader counts torn records. The exact counts change from run to run.',
        zh: '同样的做法，但每条记录 80 KiB：既超过 PIPE_BUF，也超过管道的 64 KiB 容量。放不下的写会一段一段地写进去，中间要睡眠等待（anon_pipe_write，旧内核上叫 pipe_write），另一个写者的字节就会插进这条记录的中间：读者统计被撕裂的记录数。具体数字每次运行都不一样。',
      },
      listings: { writer: 'fifo-writer.c', writer2: 'fifo-writer.c', reader: 'fifo-reader.c' },
      argv: { writer: ['torn', 'A', '{dir}/fifo'], writer2: ['torn', 'B', '{dir}/fifo'], reader: ['torn', '{dir}/fifo'] },
      racy: true,
    },
  ],
  steps: {
    mkfifo: {
      text: {
        en: 'mkfifo() puts a FIFO, a pipe with a name, into the directory, mode 0600 so only this user can open it. It holds no data yet; data only ever lives in the kernel. If the other program was first, this fails with EEXIST.',
        zh: 'mkfifo() 在目录里建一个 FIFO，也就是有名字的管道，权限 0600，只有本用户能打开。它本身不存数据，数据始终只在内核里。如果另一个程序先到，这里会失败，返回 EEXIST。',
      },
    },
    stat: {
      text: {
        en: 'EEXIST only says the name is taken, not by what. stat() tells: a FIFO (S_ISFIFO) is presumably the other program’s and is used; anything else belongs to someone else.',
        zh: 'EEXIST 只说明这个名字被占了，没说被什么占了。stat() 能告诉我们：如果是 FIFO（S_ISFIFO），多半是另一个程序建的，直接用；如果是别的东西，那就是别人的。',
      },
    },
    refuse: {
      text: {
        en: 'The path is not a FIFO: writing into or deleting someone else’s file would be a bug, so the program stops here and exits 1.',
        zh: '这个路径不是 FIFO：往别人的文件里写或者把它删掉都是错误的做法，所以程序就此停下，以状态 1 退出。',
      },
    },
    open: {
      text: {
        en: 'open() on a FIFO sleeps until the other side opens it too (wchan wait_for_partner): a reader waits for a writer and a writer for a reader. When both are there, each gets an fd to the same pipe inode.',
        zh: '对 FIFO 调用 open() 会一直睡着，直到另一端也打开它（wchan 为 wait_for_partner）：读者等写者，写者等读者。两边都到齐后，各自拿到一个 fd，指向同一个管道 inode。',
      },
    },
    'open-nonblock': {
      text: {
        en: 'With O_NONBLOCK, open() for writing does not wait: if no process has the FIFO open for reading, it fails at once with ENXIO. (For reading, O_NONBLOCK open always succeeds.)',
        zh: '加上 O_NONBLOCK 后，以写方式 open() 不再等待：如果没有任何进程以读方式打开这个 FIFO，它立即失败，返回 ENXIO。（以读方式加 O_NONBLOCK 打开则总能成功。）',
      },
    },
    'unlink-mine': {
      text: {
        en: 'The writer gives up, but first removes the FIFO if it created it itself, so nothing is left behind; a FIFO someone else made is not its to remove.',
        zh: '写者放弃了，但走之前先删掉自己创建的 FIFO，不留垃圾；如果 FIFO 是别人建的，就轮不到它来删。',
      },
    },
    write: {
      text: {
        en: 'write() copies the message into the pipe buffer in the kernel and returns at once; nothing is written to the disk, the FIFO file stays 0 bytes long.',
        zh: 'write() 把消息复制到内核里的管道缓冲区，立即返回；磁盘上什么也没写，FIFO 文件的长度始终是 0。',
      },
    },
    'write-record': {
      text: {
        en: 'One write() per record. Up to PIPE_BUF bytes, POSIX makes it atomic: if there is no room, the writer sleeps (anon_pipe_write; pipe_write on older kernels) until all of it fits, so no other writer’s bytes get in between. A bigger write may go in piece by piece.',
        zh: '每条记录一次 write()。不超过 PIPE_BUF 字节时，POSIX 保证写是原子的：空间不够，写者就睡眠等待（anon_pipe_write，旧内核上叫 pipe_write），直到整条都放得下，其他写者的字节不会插进来。更大的写则可能被分成几段写入。',
      },
    },
    read: {
      text: {
        en: 'read() returns the bytes waiting in the FIFO, or sleeps (anon_pipe_read; pipe_read on older kernels) while it is empty and a writer still has it open; once no writer is left it returns 0, end of file.',
        zh: 'read() 返回 FIFO 里已有的字节；FIFO 为空而仍有写者打开着它时，就睡眠等待（anon_pipe_read，旧内核上叫 pipe_read）；一个写者都不剩时，返回 0，即文件结束。',
      },
    },
    settle: {
      text: {
        en: 'The reader waits a second before its first read, so that both writers have opened the FIFO and filled it: both now sleep in write(), and every bit of room the reader makes is fought over.',
        zh: '读者先等一秒再开始读，好让两个写者都打开 FIFO 并把它写满：此时两个写者都睡在 write() 里，读者每腾出一点空间，它们都要争抢。',
      },
    },
    'read-record': {
      text: {
        en: 'The reader reads whatever is there and looks at every byte: its letter says which writer it came from, so a switch to the other writer while the current one is in the middle of a record is a torn record. A 0 (no writer has it open right now) before everything arrived means opening the FIFO again to wait for the other writer.',
        zh: '读者有多少读多少，并逐字节检查：字节上的字母说明它来自哪个写者；如果当前写者的一条记录还没写完，就换成了另一个写者的字节，这条记录就被撕裂了。如果数据还没收齐就读到 0（此刻没有写者打开 FIFO），就重新打开它，等另一个写者。',
      },
    },
    close: {
      text: {
        en: 'close() drops this end. When the last writer closes, a sleeping reader wakes up and its read() returns 0.',
        zh: 'close() 关掉这一端。最后一个写者关闭时，正在等待的读者会被唤醒，它的 read() 返回 0。',
      },
      roles: {
        reader: {
          en: 'The reader closes its end once it has seen end of file. Every writer has closed already, so this was the last end open: the kernel frees the pipe behind the name. The name itself stays in the directory, a FIFO of 0 bytes, until unlink().',
          zh: '读者读到文件结束后，关掉自己这一端。写者都已经关闭了，所以这是最后一个还开着的端：内核随即释放这个名字背后的管道。名字本身仍留在目录里，是一个 0 字节的 FIFO，直到 unlink() 把它删掉。',
        },
      },
    },
    unlink: {
      text: {
        en: 'The name was only a meeting point, and the reader is the one that cleans it up: after end of file it removes it, so nothing is left in the directory. A process that still had the FIFO open could go on using it without the name.',
        zh: '这个名字只是会合点，清理它是读者的职责：读到文件结束后读者把它删掉，目录里就什么也不留。即便名字没了，仍打开着这个 FIFO 的进程照样可以继续使用它。',
      },
    },
  },
  sources: { 'fifo-writer.c': writerC, 'fifo-reader.c': readerC },
  questions,
};
