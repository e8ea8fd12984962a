// System V shared memory's exercises (issue 13): data and checks, read by `ipc-demo lab`.
import { at, callsOf, cleanEnd, fail, pass, type Exercise } from '../exercise.js';
import shmScratch from './exercises/shm-scratch.c';
import { counterExercise } from './counter-exercise.js';

export const exercises: readonly Exercise[] = [
  {
    id: 'shm-leak',
    title: { en: 'Leave no segment behind', zh: '不要留下共享内存段' },
    task: {
      en: 'shm-scratch.c makes a shared memory segment, uses it, and ends, and the segment stays: run it, then `ipcs -m`. Make the program remove its segment, so that nothing is left once it has ended. The check looks at /proc/sysvipc/shm after the run (ipc-demo removes what is left, and tells you).',
      zh: 'shm-scratch.c 创建一个共享内存段，用完就结束了，而这个段留了下来：运行它，再看 `ipcs -m`。让程序删除自己的段，结束后什么也不留下。检查会在运行后看 /proc/sysvipc/shm（剩下的由 ipc-demo 删除，并告诉你）。',
    },
    file: 'shm-scratch.c',
    starter: shmScratch,
    hints: [
      { en: 'A System V segment belongs to the kernel, not to a process: it outlives every process attached to it, until someone removes it.', zh: 'System V 共享内存段属于内核而不属于某个进程：它比所有附加到它的进程都活得久，直到有人删除它。' },
      { en: 'shmdt() only detaches: nattch goes down, the segment stays. The call that removes is shmctl().', zh: 'shmdt() 只是分离：nattch 减一，段还在。负责删除的调用是 shmctl()。' },
      { en: 'shmctl(id, IPC_RMID, NULL): the segment is removed once its last process has detached.', zh: 'shmctl(id, IPC_RMID, NULL)：最后一个进程分离后，段就被删除了。' },
    ],
    check(evidence) {
      const left = evidence.leftBehind.filter((o) => o.startsWith('shm '));
      if (left.length > 0) {
        return fail({
          en: `After your program ended, the kernel still had ${left.join(', ')} (ipc-demo removed it now). Nothing removed it: shmdt() only detaches.`,
          zh: `程序结束后，内核里还留着 ${left.join('、')}（ipc-demo 刚刚删除了它）。没有任何调用删除它：shmdt() 只是分离。`,
        });
      }
      const ended = cleanEnd(evidence);
      if (ended) return ended;
      const made = callsOf(evidence, 'shmget').find((c) => c.returned && !c.errno);
      if (!made) return fail({ en: 'The program made no segment: it must still make one with shmget() and use it.', zh: '程序没有创建任何段：它仍然要用 shmget() 创建一个段并使用它。' });
      const removed = callsOf(evidence, 'shmctl').find((c) => c.returned && !c.errno && String(c.args[1]).includes('IPC_RMID'));
      return pass({
        en: `The segment shmget()${at(made).en} made was gone when the program ended${removed ? `: shmctl(IPC_RMID)${at(removed).en} removed it` : ''}.`,
        zh: `shmget()${at(made).zh}创建的段在程序结束时已经不在了${removed ? `：是 shmctl(IPC_RMID)${at(removed).zh}删除的` : ''}。`,
      });
    },
  },
  counterExercise,
];
