// The signals' exercises (issue 13): data and checks, read by `ipc-demo lab`.
import { at, blockedCalls, callsOf, cleanEnd, fail, pass, type Exercise } from '../exercise.js';
import waitForSignal from './exercises/wait-for-signal.c';

export const exercises: readonly Exercise[] = [
  {
    id: 'signal-sigsuspend',
    title: { en: 'Wait for a signal without a race', zh: '没有竞态地等待信号' },
    task: {
      en: 'wait-for-signal.c: the parent reaps its child, then pause()s for the SIGUSR1 the child sent, and waits for ever. Make the parent wait so that it wakes whenever the signal comes, before the wait or during it: block SIGUSR1 until the parent waits for it, and wait with sigsuspend() (or sigwait()). The check looks at the parent\'s signal mask in the kernel and at how its wait returned.',
      zh: 'wait-for-signal.c：父进程先回收子进程，再用 pause() 等子进程发来的 SIGUSR1，结果永远等下去。让父进程无论信号在等待之前还是等待之中到来都能醒来：在父进程开始等待之前一直阻塞 SIGUSR1，并用 sigsuspend()（或 sigwait()）等待。检查会看内核里父进程的信号掩码，以及它的等待是怎样返回的。',
    },
    file: 'wait-for-signal.c',
    starter: waitForSignal,
    hints: [
      { en: 'The child sends SIGUSR1 at once; the handler runs in the parent during waitpid(), before pause() is called. pause() waits for the next signal, and none comes.', zh: '子进程立刻就发出了 SIGUSR1；处理函数在父进程的 waitpid() 期间就已经运行了，那时还没调用 pause()。pause() 等的是下一个信号，而不会再有了。' },
      { en: 'A blocked signal is not lost: it stays pending (SigPnd in /proc) until it is unblocked. Block SIGUSR1 with sigprocmask() before fork().', zh: '被阻塞的信号不会丢：它保持挂起（/proc 里的 SigPnd），直到被解除阻塞。在 fork() 之前用 sigprocmask() 阻塞 SIGUSR1。' },
      { en: 'sigsuspend(&old) unblocks and waits in one step: `while (!got_usr1) sigsuspend(&old);`, where old is the mask sigprocmask() gave back.', zh: 'sigsuspend(&old) 一步完成“解除阻塞并等待”：`while (!got_usr1) sigsuspend(&old);`，其中 old 是 sigprocmask() 返回的旧掩码。' },
    ],
    check(evidence) {
      const blockedWait = blockedCalls(evidence).find((c) => c.name === 'pause' || c.name === 'sigsuspend');
      if (evidence.stuck && blockedWait) {
        return fail({
          en: `The parent waits in ${blockedWait.name}()${at(blockedWait).en} for a signal that has already come: the child's kill() returned before it, and the handler ran then. Nothing will wake it.`,
          zh: `父进程在 ${blockedWait.name}()${at(blockedWait).zh}里等一个早已来过的信号：子进程的 kill() 在此之前就返回了，处理函数当时就运行了。没有什么能再唤醒它。`,
        });
      }
      const ended = cleanEnd(evidence);
      if (ended) return ended;
      const suspended = callsOf(evidence, 'sigsuspend', 'main').find((c) => c.returned && c.errno === 'EINTR');
      const waited = callsOf(evidence, ['sigwait', 'sigwaitinfo', 'sigtimedwait'], 'main').find((c) => c.returned && !c.errno);
      if (!suspended && !waited) {
        return fail({
          en: 'The parent ended without waiting for the signal in sigsuspend() or sigwait(): checking a flag and then pausing leaves a window in which the signal can come unseen.',
          zh: '父进程没有用 sigsuspend() 或 sigwait() 等待信号就结束了：先检查标志再 pause() 之间留有空隙，信号可能恰好在那时到来而被错过。',
        });
      }
      const blockedSeen = evidence.views.some((view) => view.some((p) => p.role === 'main' && p.sigBlk.includes('SIGUSR1')));
      if (!blockedSeen) {
        return fail({ en: 'The kernel never showed SIGUSR1 blocked in the parent: block it before fork(), so that it waits, pending, until the parent is ready.', zh: '内核从未显示父进程阻塞了 SIGUSR1：要在 fork() 之前阻塞它，让它挂起等待，直到父进程准备好。' });
      }
      const how = suspended ? { en: `sigsuspend()${at(suspended).en} returned -1 EINTR: the handler ran inside the wait`, zh: `sigsuspend()${at(suspended).zh}返回 -1 EINTR：处理函数在等待之中运行` } : { en: `sigwait()${at(waited).en} took the pending signal`, zh: `sigwait()${at(waited).zh}取走了挂起的信号` };
      return pass({
        en: `SIGUSR1 was blocked in the parent (the kernel's SigBlk), so it waited, pending, until ${how.en}. No window is left.`,
        zh: `父进程阻塞了 SIGUSR1（内核里的 SigBlk），信号就挂起等着，直到 ${how.zh}。没有留下任何空隙。`,
      });
    },
  },
];
