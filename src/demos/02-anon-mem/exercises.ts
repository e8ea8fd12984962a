// Anonymous shared memory's exercises (issue 13): data and checks, read by `ipc-demo lab`.
import { cleanEnd, fail, pass, type Exercise } from '../exercise.js';
import sharedCounter from './exercises/shared-counter.c';

export const exercises: readonly Exercise[] = [
  {
    id: 'anon-mem-counter',
    title: { en: 'Share a counter with your child', zh: '和子进程共享一个计数器' },
    task: {
      en: 'shared-counter.c: the child adds 1 to a counter 1000 times; the parent waits for it and prints the counter, which says 0. Make the parent see 1000, through memory both processes share. The check looks at the mappings the kernel shows in both processes and at what the parent printed.',
      zh: 'shared-counter.c：子进程把计数器加 1，共 1000 次；父进程等它结束后打印计数器，结果是 0。让父进程看到 1000，靠的是两个进程共享的内存。检查会看内核显示的两个进程的映射，以及父进程打印了什么。',
    },
    file: 'shared-counter.c',
    starter: sharedCounter,
    hints: [
      { en: 'After fork() the child has a copy of the parent\'s memory. A private mapping is copied on the first write: the child counts in its own copy.', zh: 'fork() 之后子进程拿到的是父进程内存的副本。私有映射在第一次写时被复制（写时复制）：子进程是在自己的副本里计数。' },
      { en: 'mmap()\'s flags decide whether a mapping is private or shared. Look at the fourth argument.', zh: 'mmap() 的标志决定映射是私有的还是共享的。看第四个参数。' },
      { en: 'MAP_SHARED | MAP_ANONYMOUS: one page, the same in both processes (the kernel pane shows `rw-s`, s for shared).', zh: 'MAP_SHARED | MAP_ANONYMOUS：同一个页，两个进程里是同一份（内核面板显示 `rw-s`，s 表示共享）。' },
    ],
    check(evidence) {
      const ended = cleanEnd(evidence);
      if (ended) return ended;
      const sharedIn = new Set(evidence.views.flatMap((view) => view.filter((p) => p.maps.some((m) => m.perms.endsWith('s'))).map((p) => p.role)));
      const printed = evidence.output.filter((o) => o.role === 'main').map((o) => /(-?\d+)\s*$/.exec(o.text)?.[1]).filter((n) => n !== undefined);
      const last = printed.at(-1);
      if (!sharedIn.has('main') || !sharedIn.has('child')) {
        return fail({
          en: `No shared mapping was seen in ${sharedIn.has('main') ? 'the child' : sharedIn.has('child') ? 'the parent' : 'either process'}: the kernel showed only private memory (no \`s\` in the mapping's permissions). The child's counting went into its own copy${last !== undefined ? `, and the parent printed ${last}` : ''}.`,
          zh: `在${sharedIn.has('main') ? '子进程' : sharedIn.has('child') ? '父进程' : '两个进程'}里都没有看到共享映射：内核只显示了私有内存（映射权限里没有 \`s\`）。子进程是在自己的副本里计数的${last !== undefined ? `，父进程打印的是 ${last}` : ''}。`,
        });
      }
      if (last !== '1000') {
        return fail({ en: `Both processes had a shared mapping, but the parent printed ${last ?? 'no number'}, not 1000.`, zh: `两个进程都有共享映射，但父进程打印的是 ${last ?? '（没有数字）'}，不是 1000。` });
      }
      return pass({
        en: 'The kernel showed a shared mapping (`…s`) in both parent and child, and the parent printed 1000: the child counted in the page they share.',
        zh: '内核显示父子进程里都有共享映射（`…s`），父进程打印了 1000：子进程是在它们共享的那一页里计数的。',
      });
    },
  },
];
