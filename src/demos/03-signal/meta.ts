import type { DemoMeta } from '../types.js';
import signalQueueingC from './signal-queueing.c';
import signalRobustC from './signal-robust.c';
import signalTextbookC from './signal-textbook.c';
import { questions } from './questions.js';

// Every variant of signal-robust.c and signal-textbook.c names its path in argv,
// so the twin's main() can tell the three programs apart by args[0]
// (no argument: signal-queueing.c).
const robust = { main: 'signal-robust.c' };
const textbook = { main: 'signal-textbook.c' };

export const demo: DemoMeta = {
  id: 'signal',
  order: 3,
  section: 'related',
  aliases: ['signals', 'kill', 'sigaction'],
  title: { en: 'Signals', zh: '信号' },
  summary: {
    en: 'A signal is an asynchronous notification: kill() makes the kernel interrupt another process to run its handler, or its default action. ⟦Watch the child’s blocked, pending and caught signals in the kernel panel (SigBlk, ShdPnd and SigCgt in /proc/<pid>/status).⟧ See why the textbook version races, and how blocking first fixes it.',
    zh: '信号是一种异步通知：kill() 让内核打断另一个进程，去执行它的处理函数，或者执行默认动作。⟦在内核面板里盯住子进程被屏蔽、未决和被捕获的信号（即 /proc/<pid>/status 里的 SigBlk、ShdPnd 和 SigCgt）。⟧看看教科书写法为什么有竞态，以及“先阻塞”是怎样消除它的。',
  },
  roles: [{ id: 'main', title: { en: 'parent, then child', zh: '父进程与子进程' } }],
  variants: [
    {
      id: 'robust',
      title: { en: 'Block first: no race', zh: '先阻塞：没有竞态' },
      summary: {
        en: 'The parent blocks SIGUSR1 before fork() and sends it at once, without sleeping; the child installs its handler with sigaction() and waits in sigsuspend() with an empty mask. Until the child is ready the signal simply waits, pending: correct whatever the timing.',
        zh: '父进程在 fork() 之前先阻塞 SIGUSR1，之后不睡眠，立刻发送；子进程用 sigaction() 装好处理函数，再以空掩码调用 sigsuspend() 等待。子进程没准备好之前，信号就挂起等着：不管时序怎样，结果都正确。',
      },
      listings: robust,
      cArgs: ['sigsuspend'],
      expect: { main: 'exited 0', child: 'exited 0' },
    },
    {
      id: 'textbook',
      title: { en: 'Textbook: signal, pause, sleep', zh: '教科书写法：signal、pause、sleep' },
      summary: {
        en: 'The child installs a handler with signal() and pause()s; the parent sleep(1)s, then kill()s. It works because a second is usually enough: the sleep is a guess, not synchronisation. In step mode, step the parent past its sleep to kill() before the child reaches signal(), and the child dies.',
        zh: '子进程用 signal() 装上处理函数后 pause()；父进程 sleep(1) 一秒再 kill()。它能工作，只是因为一秒通常够用：sleep 是在猜时间，不是同步。在单步模式下，先让父进程走过 sleep 执行 kill()，而子进程还没执行到 signal()，子进程就会被杀死。',
      },
      listings: textbook,
      cArgs: ['sleep'],
      expect: { main: 'exited 0', child: 'exited 0' },
    },
    {
      id: 'textbook-race',
      title: { en: 'Textbook without the sleep: a race', zh: '去掉 sleep：竞态' },
      summary: {
        en: 'The same program without the sleep: now whichever comes first decides. If the parent’s kill() comes before the child’s signal(), SIGUSR1’s default action kills the child (“killed by SIGUSR1”); if not, the handler runs and the child exits 0. Run it a few times and you will see both: the C program gives each about as often. Both are legitimate runs of this program, and that is the bug. A third outcome: the signal lands between signal() and pause(), the handler runs before pause(), and pause() waits forever. In C that gap is a few instructions wide and you will rarely meet it; ipc-demo runs the program in Node, which does more between two lines, so here it comes now and then.',
        zh: '同一个程序，只是去掉了 sleep：这下谁先到就由谁说了算。如果父进程的 kill() 赶在子进程的 signal() 之前，SIGUSR1 的默认动作直接杀死子进程（“killed by SIGUSR1”）；否则处理函数执行，子进程以 0 退出。多运行几次，两种结果都会看到：C 程序跑出这两种结果的次数差不多。这两种结果都是这个程序的合法运行结果，问题恰恰就在这里。还有第三种：信号落在 signal() 与 pause() 之间，处理函数在 pause() 之前就执行完了，pause() 将永远等下去。在 C 里这个空隙只有几条指令宽，很难碰上；ipc-demo 是在 Node 里运行这个程序的，两行之间要多做不少事，所以这里时不时就会出现。',
      },
      listings: textbook,
      cArgs: ['race'],
      expect: { main: 'exited 0' },
      racy: true,
    },
    {
      id: 'sigwaitinfo',
      title: { en: 'sigwaitinfo: a signal as a message', zh: 'sigwaitinfo：把信号当消息收' },
      summary: {
        en: 'Blocked as before, but the child installs no handler: it takes SIGUSR1 synchronously with sigwaitinfo(), like reading a message. siginfo_t tells who sent it: si_pid is the parent’s pid.',
        zh: '和前面一样先阻塞，但子进程不装处理函数，而是用 sigwaitinfo() 同步地把 SIGUSR1 取走，就像读一条消息。siginfo_t 里写着是谁发的：si_pid 就是父进程的 pid。',
      },
      listings: robust,
      cArgs: ['sigwaitinfo'],
      expect: { main: 'exited 0', child: 'exited 0' },
    },
    {
      id: 'queueing',
      title: { en: 'Merged or queued', zh: '合并还是排队' },
      summary: {
        en: 'The child keeps SIGUSR1 and SIGRTMIN blocked while the parent sends three of each. Once unblocked, SIGUSR1 is handled once, since a standard signal is only a pending bit, and SIGRTMIN three times: real-time signals queue.',
        zh: '子进程把 SIGUSR1 和 SIGRTMIN 都阻塞着，父进程各发三次。解除阻塞后，SIGUSR1 只被处理一次，因为标准信号挂起时只是一个标志位；SIGRTMIN 被处理三次：实时信号会排队。',
      },
      listings: { main: 'signal-queueing.c' },
      expect: { main: 'exited 0', child: 'exited 0' },
    },
  ],
  steps: {
    fork: {
      text: {
        en: 'fork() creates the child, and from here the scheduler decides who runs first. The child starts with SIGUSR1 at its default action, which is to terminate: until it calls signal(), a SIGUSR1 kills it.',
        zh: 'fork() 创建子进程，从这里开始，谁先运行由调度器说了算。子进程起初对 SIGUSR1 采用默认动作，也就是终止进程：在它调用 signal() 之前，来一个 SIGUSR1 就会把它杀掉。',
      },
    },
    signal: {
      text: {
        en: 'signal() installs handler for SIGUSR1 (glibc turns it into sigaction with SA_RESTART). SIGUSR1’s bit appears in SigCgt, “caught”. If the signal came before this line, the child is already dead.',
        zh: 'signal() 为 SIGUSR1 装上处理函数 handler（glibc 内部用带 SA_RESTART 的 sigaction 实现）。SigCgt 里随即出现 SIGUSR1 这一位，表示“捕获”。如果信号在这一行之前就到了，子进程已经死了。',
      },
    },
    pause: {
      text: {
        en: 'pause() sleeps (wchan __do_sys_pause) until a handler has run, then returns -1 with EINTR. Its flaw: a SIGUSR1 arriving after signal() but before pause() runs the handler early, and pause() then waits for a signal that never comes.',
        zh: 'pause() 让进程睡眠（wchan 为 __do_sys_pause），直到某个处理函数执行完，再返回 -1，errno 为 EINTR。它的缺陷在于：如果 SIGUSR1 在 signal() 之后、pause() 之前到达，处理函数提前执行了，pause() 就会去等一个再也不会来的信号。',
      },
    },
    handler: {
      text: {
        en: 'The kernel has interrupted the child to run handler(); when it returns, the child resumes where it was. A handler may call only async-signal-safe functions (signal-safety(7)): printf() could have been interrupted halfway, holding stdout’s lock or a half-updated buffer, so this one uses write().',
        zh: '内核打断了子进程，转去执行 handler()；处理函数返回后，子进程从被打断的地方继续。处理函数里只能调用异步信号安全的函数（见 signal-safety(7)）：printf() 可能正执行到一半，持有 stdout 的锁、缓冲区改了一半，所以这里用 write()。',
      },
    },
    'child-exit': {
      text: {
        en: 'The child ends with _exit(0). It stays a zombie until the parent’s waitpid() collects its status.',
        zh: '子进程以 _exit(0) 结束。在父进程用 waitpid() 取走它的退出状态之前，它是一个僵尸进程。',
      },
    },
    sleep: {
      text: {
        en: 'The parent sleeps one second, hoping the child has installed its handler by then. That is a bet on timing, not a guarantee: on a loaded machine, or when you step the child slowly, the bet is lost.',
        zh: '父进程睡一秒，指望子进程到那时已经装好处理函数。这是在赌时序，不是保证：机器负载高的时候，或者你单步时让子进程走得慢一些，这个赌就输了。',
      },
    },
    kill: {
      text: {
        en: 'kill() asks the kernel to send SIGUSR1 to the child. If the handler is installed, the child will run it; if not yet, the default action applies and the child is terminated on the spot.',
        zh: 'kill() 请内核给子进程发送 SIGUSR1。如果子进程已经装好处理函数，就去执行它；如果还没装，就执行默认动作，子进程当场被终止。',
      },
    },
    wait: {
      text: {
        en: 'waitpid() sleeps until the child ends and decodes its wait status: “exited 0” after _exit(0), “killed by SIGUSR1” if a signal’s default action ended it. ⟦A child killed by SIGUSR1 may show in the panel as a zombie with SIGUSR1 still pending. That is no signal waiting to be handled: kill() recorded it as pending (ShdPnd), the kernel saw that its default action terminates and ended the process on the spot, without taking it off the record. A zombie runs no code, so nothing will ever handle it; the record goes when waitpid() reaps the child.⟧',
        zh: 'waitpid() 一直睡到子进程结束，并解读它的等待状态：调用 _exit(0) 结束的是“exited 0”，被信号默认动作终止的是“killed by SIGUSR1”。⟦被 SIGUSR1 杀死的子进程，在面板上可能显示为僵尸进程，却还挂着一个未决的 SIGUSR1。这并不是一个等着被处理的信号：kill() 先把它记为未决（ShdPnd），内核发现它的默认动作是终止进程，就当场结束了进程，并没有把这条记录清掉。僵尸进程不再执行任何代码，这个信号永远不会被处理；等 waitpid() 回收了子进程，这条记录也就随之消失。⟧',
      },
    },
    block: {
      text: {
        en: 'sigprocmask(SIG_BLOCK) adds SIGUSR1 to the blocked mask (SigBlk). A blocked signal is not lost: the kernel keeps it pending until it is unblocked. Doing this before fork() leaves the child no unprotected moment.',
        zh: 'sigprocmask(SIG_BLOCK) 把 SIGUSR1 加进阻塞掩码（SigBlk）。被阻塞的信号不会丢，内核会让它一直挂起，直到解除阻塞。在 fork() 之前做这一步，子进程从出生起就受到保护，不留任何空档。',
      },
    },
    'fork-blocked': {
      text: {
        en: 'fork() copies the blocked mask: the child starts with the same signals blocked, as SigBlk shows for both. Pending signals are not inherited; the child starts with none.',
        zh: 'fork() 会复制阻塞掩码：子进程一出生就阻塞着同样的信号，两个进程的 SigBlk 一模一样。挂起的信号不会被继承，子进程开始时没有任何挂起信号。',
      },
    },
    sigaction: {
      text: {
        en: 'sigaction() installs the handler, with an empty sa_mask and no flags; SIGUSR1 appears in SigCgt. The signal may well be pending already: blocked, it just waits.',
        zh: 'sigaction() 装上处理函数，sa_mask 为空，不带任何标志；SigCgt 里出现 SIGUSR1。这时信号很可能已经挂起了：它被阻塞着，只能等。',
      },
    },
    sigsuspend: {
      text: {
        en: 'sigsuspend() installs the empty mask and sleeps in one system call (wchan sigsuspend), so a pending SIGUSR1 is delivered at once and none can slip in between unblocking and sleeping. After the handler it restores the old mask and returns -1 with EINTR, its normal return.',
        zh: 'sigsuspend() 在同一个系统调用里换上空掩码并进入睡眠（wchan 为 sigsuspend），已挂起的 SIGUSR1 立刻递送，解除阻塞和睡眠之间也不会有信号漏进来。处理函数执行完后，它恢复原来的掩码并返回 -1、errno 为 EINTR，这正是它的正常返回方式。',
      },
    },
    sigwaitinfo: {
      text: {
        en: 'sigwaitinfo() takes a pending SIGUSR1 off the child’s queue, or sleeps until one arrives (wchan do_sigtimedwait). No handler runs; the signal must stay blocked for this. siginfo_t says who sent it: si_pid is the parent’s pid, si_code SI_USER because it came from kill().',
        zh: 'sigwaitinfo() 把挂起的 SIGUSR1 从子进程的挂起队列里取走，没有就睡着等（wchan 为 do_sigtimedwait）。不会执行任何处理函数，而且信号必须保持阻塞。siginfo_t 说明了发送者：si_pid 是父进程的 pid，si_code 为 SI_USER，表示它来自 kill()。',
      },
    },
    'kill-blocked': {
      text: {
        en: 'kill() right after fork(), no sleep. If the child is not ready yet, SIGUSR1 waits as pending until the child takes it⟦: the kernel panel lists it under the child’s pending signals (ShdPnd, those sent to the whole process)⟧.',
        zh: 'fork() 之后立刻 kill()，不用睡眠。子进程如果还没准备好，SIGUSR1 就处于未决状态，等着子进程取走它⟦：在那之前，内核面板里子进程的“未决”一栏一直有它（对应 ShdPnd，即发给整个进程的未决信号）⟧。',
      },
    },
    'block-three': {
      text: {
        en: 'The parent blocks SIGUSR1, SIGRTMIN and SIGUSR2 before forking. SIGRTMIN is 34 here, not 32: glibc keeps 32 and 33 for its threads, which is why programs write SIGRTMIN, never a number.',
        zh: '父进程在 fork 之前阻塞 SIGUSR1、SIGRTMIN 和 SIGUSR2。这里 SIGRTMIN 是 34 而不是 32：glibc 把 32 和 33 留给线程库自己用，所以程序里要写 SIGRTMIN，别写死数字。',
      },
    },
    'catch-usr1': {
      text: {
        en: 'The child installs count() as SIGUSR1’s handler. SIGUSR1 stays blocked, so the handler cannot run yet, whatever is already pending.',
        zh: '子进程把 count() 装为 SIGUSR1 的处理函数。SIGUSR1 仍被阻塞，所以不管已经挂起了多少，处理函数现在都不会执行。',
      },
    },
    'catch-rt': {
      text: {
        en: 'The same handler for SIGRTMIN, the first real-time signal. SigCgt now shows both.',
        zh: '同一个处理函数也装给 SIGRTMIN，也就是第一个实时信号。现在 SigCgt 里两个都有了。',
      },
    },
    'wait-done': {
      text: {
        en: 'sigwaitinfo() waits for SIGUSR2, the parent’s “that’s all”. When it returns, all six signals have been sent, yet ShdPnd holds SIGUSR1 and SIGRTMIN once each⟦ (the panel’s “pending”)⟧: it is a bitmask. The three SIGRTMIN are kept elsewhere, as three entries in the kernel’s queue of pending signals; the extra SIGUSR1s were never kept.',
        zh: 'sigwaitinfo() 等待 SIGUSR2，也就是父进程发来的“发完了”。它返回时，六个信号都已发出，可 ShdPnd 里 SIGUSR1 和 SIGRTMIN 各只记了一次⟦（面板上的“未决”）⟧：ShdPnd 只是一个位图。三个 SIGRTMIN 另外保存在内核的未决信号队列里，是三个独立的表项；多出来的两个 SIGUSR1 则根本没有被记下。',
      },
    },
    unblock: {
      text: {
        en: 'sigprocmask(SIG_UNBLOCK) lifts the block, and before the call returns the kernel delivers everything pending: SIGUSR1 once, because the three sends merged into one pending bit, and SIGRTMIN three times, each send queued with its own siginfo.',
        zh: 'sigprocmask(SIG_UNBLOCK) 解除阻塞，这个调用返回之前，内核就把所有挂起的信号递送完毕：SIGUSR1 只递送一次，因为三次发送合并成了一个挂起位；SIGRTMIN 递送三次，每次发送都带着自己的 siginfo 排在队列里。',
      },
    },
    count: {
      text: {
        en: 'The handler counts one delivery. It only increments a volatile sig_atomic_t, about the only kind of variable a handler may safely share with the rest of the program.',
        zh: '处理函数记下一次递送。它只对一个 volatile sig_atomic_t 变量加一，这几乎是处理函数能与程序其他部分安全共享的唯一一种变量。',
      },
    },
    'kill-usr1': {
      text: {
        en: 'SIGUSR1 is sent three times, and every kill() succeeds. But the child blocks it: the first send sets the pending bit, the next two find it set and are dropped without a word.',
        zh: 'SIGUSR1 发了三次，每次 kill() 都返回成功。但子进程阻塞着它：第一次把挂起位置上，后两次发现这一位已经置上，就被悄无声息地丢掉了。',
      },
    },
    'kill-rt': {
      text: {
        en: 'SIGRTMIN is sent three times. Real-time signals queue: each send is kept in order with its own sender info, up to the per-user limit RLIMIT_SIGPENDING.',
        zh: 'SIGRTMIN 发了三次。实时信号会排队：每次发送都按顺序保存下来，各带各的发送者信息，上限是每个用户的 RLIMIT_SIGPENDING。',
      },
    },
    'kill-done': {
      text: {
        en: 'SIGUSR2 tells the child that everything is sent. kill() returns only once the signal is pending in the target, so when the child sees SIGUSR2, the six before it are already in place.',
        zh: 'SIGUSR2 告诉子进程“全部发完了”。kill() 要等信号在目标进程里挂起之后才返回，所以子进程看到 SIGUSR2 时，之前的六个信号都已经就位。',
      },
    },
  },
  sources: {
    'signal-robust.c': signalRobustC,
    'signal-textbook.c': signalTextbookC,
    'signal-queueing.c': signalQueueingC,
  },
  questions,
};
