// What each abbreviation of the kernel pane (src/ui/kernel-lines.ts) and the process pane stands
// for, shown on `?`: a term as the pane writes it, then what it means. The terms are built from
// the panes' own words, so the legend names exactly what the learner sees in either language.
import type { Lang } from '../demos/types.js';
import { strings } from './strings.js';

export interface LegendEntry {
  readonly term: string;
  readonly meaning: string;
}

export function kernelLegend(lang: Lang): LegendEntry[] {
  const s = strings[lang];
  const en = lang === 'en';
  const e = (term: string, english: string, chinese: string): LegendEntry => ({ term, meaning: en ? english : chinese });
  return [
    e('P C W R S A B', 'the process: P parent, C child or client, W writer, R reader or receiver, S server or sender, A and B shm’s two counters; W2 a second writer', '进程：P 父进程，C 子进程或客户端，W 写者，R 读者或接收方，S 服务端或发送方，A 和 B 是 shm 的两个计数进程；W2 是第二个写者'),
    e(`P ${s.fds}: 4 w pipe:77`, 'P’s fd 4, opened to write (r read, rw both), on the pipe with inode 77', 'P 的 fd 4，以写方式打开（r 读，rw 读写），指向 inode 为 77 的管道'),
    e(`${s.fds}: ${s.none}`, 'no fd of the program’s own: ipc-demo’s (its trace socket, Node’s epoll and eventfd) are not shown, nor 0, 1 and 2 unless dup2() put the program’s pipe there', '程序自己的 fd 一个也没有：ipc-demo 自己的（跟踪套接字、Node 的 epoll 和 eventfd）不显示；0、1、2 也不显示，除非 dup2() 把程序的管道放到了那里'),
    e('pipe:77 ⇄ Pr Pw Cr Cw', 'one kernel object (same inode) and who holds which end: Pr P’s read end, Cw C’s write end', '同一个内核对象（inode 相同）以及谁握着哪一端：Pr 是 P 的读端，Cw 是 C 的写端'),
    e('16 KiB/64 KiB ██░░', 'bytes waiting in the pipe, of what it holds before write() sleeps', '管道里等着被读的字节数，以及写满前能容纳的总量（满了 write() 就睡眠）'),
    e('fifo:77 name', 'a FIFO: a pipe with a name in the file system', 'FIFO：在文件系统里有名字的管道'),
    e('/memfd:name (deleted)', 'memory with an fd and no file: "(deleted)" is how /proc names it', '有 fd、没有文件的一块内存：“(deleted)”是 /proc 对它的叫法'),
    e('map rw-s name', 'a mapping in /proc/PID/maps: r read, w write, x execute, s shared (p private)', '/proc/PID/maps 中的一段映射：r 读，w 写，x 执行，s 共享（p 私有）'),
    e('P 1a2b3c 48 65 |He|', 'the end of an address, the first bytes there in hex, then as text (. unprintable)', '地址的末几位，那里最前面几个字节的十六进制，再是对应的文字（. 表示不可打印）'),
    e(`sig ${s.sigBlk} / ${s.sigPnd} / ${s.sigCgt}`, 'signals in /proc/PID/status: SigBlk, SigPnd with ShdPnd, SigCgt', '/proc/PID/status 里的信号：SigBlk、SigPnd 加 ShdPnd、SigCgt'),
    e('/proc/net/unix', 'Unix sockets: holder and inode, type, state, name (…/ the last part of a path, @ abstract)', 'Unix 套接字：持有者和 inode、类型、状态、名字（…/ 是路径的最后一段，@ 是抽象名字）'),
    e(`⇄ ${s.peer} C 78`, 'the socket at the other end, and who holds it', '连接另一端的套接字，以及谁持有它'),
    e('/proc/net/tcp', 'TCP sockets: holder and inode, state, local address; ⇄ the remote one; - no process holds it', 'TCP 套接字：持有者和 inode、状态、本地地址；⇄ 后是对端地址；- 表示不属于任何进程'),
    e('shm id 5 size 4096 nattch 2', 'System V shared memory: nattch, the processes attached', 'System V 共享内存：nattch 是挂接着的进程数'),
    e('msg id 6 qnum 3 cbytes 18', 'System V message queue: messages waiting, and their bytes', 'System V 消息队列：排队的消息数，以及它们的字节数'),
    e('sem id 7 nsems 1', 'System V semaphore set: how many semaphores it has', 'System V 信号量集：其中信号量的个数'),
    e('key 0x…', 'the System V key the programs meet by', '两个程序据以相会的 System V 键'),
    e('S R D T Z', 'process state: S asleep, R running, D asleep and deaf to signals, T stopped, Z zombie', '进程状态：S 睡眠，R 运行，D 不可中断的睡眠，T 已停止，Z 僵尸'),
    e(`${s.blockedIn} read() · pipe_read`, 'a call not yet returned, and the kernel function it sleeps in (wchan)', '尚未返回的调用，以及它睡在哪个内核函数里（wchan）'),
  ];
}
