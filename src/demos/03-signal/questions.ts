// Predict, then reveal: what the learner is asked before a step runs. The answer is never
// stored here: each choice says what the run must show for it to be the true one.
import type { Question } from '../types.js';

export const questions: readonly Question[] = [
  {
    id: 'handler-runs',
    step: 'unblock',
    prompt: {
      en: 'Three SIGUSR1 and three SIGRTMIN wait, blocked, in the child. It unblocks them: how many times does the handler run in all?',
      zh: '子进程里阻塞着三个 SIGUSR1 和三个 SIGRTMIN。现在它解除阻塞：处理函数一共会运行几次？',
    },
    why: {
      en: 'A standard signal that is already pending is not queued again: three SIGUSR1 are one bit in the pending set, one run. Real-time signals queue each one: three runs.',
      zh: '普通信号已经挂起时不会再排队：三个 SIGUSR1 只是挂起集合里的一位，只运行一次。实时信号每个都排队：运行三次。',
    },
    reveal: { from: 'count', step: 'count' },
  },
  {
    id: 'sigsuspend-returns',
    step: 'sigsuspend',
    prompt: {
      en: 'SIGUSR1 arrives while the child sleeps in sigsuspend(), and the handler runs. What does sigsuspend() return then?',
      zh: 'SIGUSR1 在子进程睡在 sigsuspend() 里时到达，处理函数运行了。然后 sigsuspend() 返回什么？',
    },
    choices: [
      { text: { en: '0', zh: '0' }, when: { value: 0 } },
      {
        text: { en: '-1, errno EINTR', zh: '-1，errno 为 EINTR' },
        when: { value: -1, errno: 'EINTR' },
        why: {
          en: 'sigsuspend() returns only after a handler has run, and then always -1 with EINTR: here that is not a failure, it is how it says a signal came.',
          zh: 'sigsuspend() 只有在处理函数运行之后才返回，而且总是返回 -1、errno 为 EINTR：这里它不是失败，而是在告诉你信号来过了。',
        },
      },
      { text: { en: 'The signal’s number, 10', zh: '信号的编号 10' }, when: { value: 10 } },
      { text: { en: 'It never returns', zh: '永远不返回' }, when: { blocked: true } },
    ],
    reveal: { from: 'return', call: 'sigsuspend' },
  },
  {
    id: 'kill-blocked',
    step: 'kill-blocked',
    prompt: {
      en: 'The child has SIGUSR1 blocked. What does the parent’s kill(pid, SIGUSR1) return?',
      zh: '子进程阻塞了 SIGUSR1。父进程的 kill(pid, SIGUSR1) 返回什么？',
    },
    choices: [
      {
        text: { en: '0: the signal is sent, and waits pending', zh: '0：信号已发出，挂起等待' },
        when: { value: 0 },
        why: {
          en: 'kill() hands the signal to the kernel and returns: with SIGUSR1 blocked it stays pending in the child (SigPnd in /proc/<pid>/status) until the child takes it. kill() never waits for a handler.',
          zh: 'kill() 把信号交给内核就返回：SIGUSR1 被阻塞，它就挂在子进程身上（/proc/<pid>/status 的 SigPnd），直到子进程去取。kill() 从不等处理函数。',
        },
      },
      { text: { en: '-1, errno EAGAIN: try again later', zh: '-1，errno 为 EAGAIN：稍后再试' }, when: { errno: 'EAGAIN' } },
      { text: { en: '-1, errno EPERM: a blocked signal cannot be sent', zh: '-1，errno 为 EPERM：被阻塞的信号发不出去' }, when: { errno: 'EPERM' } },
    ],
    reveal: { from: 'return', call: 'kill' },
  },
  {
    id: 'child-ends',
    step: 'wait',
    variants: ['textbook', 'textbook-race'],
    prompt: {
      en: 'The parent sent SIGUSR1 once. How did the child end, as waitpid() reports it?',
      zh: '父进程发了一次 SIGUSR1。按 waitpid() 的报告，子进程是怎么结束的？',
    },
    choices: [
      {
        text: { en: 'Exited 0: the handler ran and pause() returned', zh: '以 0 退出：处理函数运行了，pause() 返回了' },
        when: { value: null },
        why: {
          en: 'The child had installed its handler and was in pause() when the signal came: the handler ran, pause() returned, the child exited 0.',
          zh: '信号到达时，子进程已经装好处理函数、正在 pause() 里：处理函数运行，pause() 返回，子进程以 0 退出。',
        },
      },
      {
        text: { en: 'Killed by SIGUSR1', zh: '被 SIGUSR1 杀死' },
        when: { value: 'SIGUSR1' },
        why: {
          en: 'The signal came before the child’s signal() call: SIGUSR1’s default action ends the process. Nothing in the code orders the two.',
          zh: '信号在子进程调用 signal() 之前就到了：SIGUSR1 的默认动作是结束进程。代码里没有任何东西保证两者的先后。',
        },
      },
      {
        text: { en: 'It never ends: pause() waits for ever', zh: '永远不结束：pause() 一直等下去' },
        when: { blocked: true },
        why: {
          en: 'The signal came after signal() but before pause(): the handler ran, then pause() waited for a signal that had already come.',
          zh: '信号在 signal() 之后、pause() 之前到达：处理函数先运行了，然后 pause() 去等一个早已来过的信号。',
        },
      },
    ],
    racy: {
      en: 'Which comes true depends on scheduling (and, in step mode, on the order you step): textbook-race sends at once, so the child usually dies; in textbook the sleep(1) only makes that unlikely.',
      zh: '哪个成真取决于调度（单步模式下取决于你先走哪个进程）：textbook-race 立刻就发，子进程通常会死；textbook 里的 sleep(1) 只是让这种情况不太可能发生。',
    },
    reveal: { from: 'return', call: 'waitpid', field: 'status.signal' },
  },
];
