// Predict, then reveal: what the learner is asked before a step runs. The answer is never
// stored here: each choice says what the run must show for it to be the true one.
import type { Question } from '../types.js';

const hello = { en: '“Hello from child”, the child’s message', zh: '“Hello from child”，子进程写的消息' };
const empty = { en: 'An empty string: the page is still zeros', zh: '空字符串：那一页仍然全是 0' };

export const questions: readonly Question[] = [
  {
    id: 'parent-sees',
    step: 'parent-read',
    prompt: {
      en: 'The child wrote “Hello from child” into the mapping and has exited. What does the parent read there?',
      zh: '子进程往映射里写了“Hello from child”，已经退出。父进程在同一处读到什么？',
    },
    choices: [
      {
        text: hello,
        when: { value: 'Hello from child' },
        why: {
          en: 'The mapping is MAP_SHARED: after fork() parent and child map the same physical pages, so the child’s write is in the parent’s memory too.',
          zh: '这是 MAP_SHARED 映射：fork() 之后父子进程映射的是同一批物理页，子进程写的内容父进程也能看到。',
        },
      },
      {
        text: empty,
        when: { value: '' },
        why: {
          en: 'MAP_PRIVATE: at the child’s first write the kernel gave the child its own copy of the page (copy-on-write). The parent’s page was never written: still zeros.',
          zh: 'MAP_PRIVATE：子进程第一次写时，内核给它复制了一页自己的（写时复制）。父进程那一页从没被写过，仍然全是 0。',
        },
      },
    ],
    reveal: { from: 'memory', as: 'text' },
  },
  {
    id: 'child-sees',
    step: 'child-write',
    variants: ['private'],
    prompt: {
      en: 'This mapping is MAP_PRIVATE. The child writes “Hello from child” into it. What does the child itself find there afterwards?',
      zh: '这个映射是 MAP_PRIVATE。子进程往里写“Hello from child”。写完之后，子进程自己在那里看到什么？',
    },
    choices: [
      {
        text: hello,
        when: { value: 'Hello from child' },
        why: {
          en: 'Private is not read-only (the mapping is PROT_READ | PROT_WRITE): the kernel copies the page for the child at its first write, and the child sees its own write in its copy.',
          zh: '私有不等于只读（映射是 PROT_READ | PROT_WRITE）：子进程第一次写时内核为它复制一页，子进程在自己的副本里看得到自己写的内容。',
        },
      },
      { text: empty, when: { value: '' } },
      { text: { en: 'Nothing: the write kills it with SIGSEGV', zh: '什么也看不到：这次写会让它被 SIGSEGV 杀死' }, when: { killedBy: 'SIGSEGV' } },
    ],
    reveal: { from: 'memory', as: 'text' },
  },
  {
    id: 'read-early',
    step: 'read-early',
    prompt: {
      en: 'The parent reads the shared mapping right after fork(), without waiting for the child. What does it read?',
      zh: '父进程在 fork() 之后立刻读共享映射，没有等子进程。它读到什么？',
    },
    choices: [
      {
        text: hello,
        when: { value: 'Hello from child' },
        why: {
          en: 'The child’s write came first this time: the mapping is shared, so whoever reads after it sees it. Nothing in the code made it come first.',
          zh: '这一次子进程先写了：映射是共享的，之后谁来读都能看到。但代码里没有任何东西保证它先写。',
        },
      },
      {
        text: empty,
        when: { value: '' },
        why: {
          en: 'The child had not written yet (it sleeps a second first): shared memory has no waiting built in, the reader gets whatever is there at that moment.',
          zh: '子进程还没写（它先睡了一秒）：共享内存本身不会等，读的人读到的就是那一刻里面的东西。',
        },
      },
    ],
    racy: {
      en: 'A race: usually the empty string, but on a loaded machine, or if you step the child’s write first, the parent reads the message.',
      zh: '这是竞争：通常读到空字符串；但机器很忙时，或者你先单步执行了子进程的写，父进程就会读到消息。',
    },
    reveal: { from: 'memory', as: 'text' },
  },
];
