// Predict, then reveal: what the learner is asked before a step runs. The answer is never
// stored here: each choice says what the run must show for it to be the true one.
import type { Question } from '../types.js';

export const questions: readonly Question[] = [
  {
    id: 'nattch',
    step: 'r-stat',
    prompt: {
      en: 'shmctl(IPC_STAT) while the writer and the reader are both attached: what is shm_nattch?',
      zh: '写者和读者都已挂接时调用 shmctl(IPC_STAT)：shm_nattch 是多少？',
    },
    why: {
      en: 'nattch counts attachments: each shmat() adds one, each shmdt() (or exit) takes one away. The writer and the reader each attached once.',
      zh: 'nattch 数的是挂接次数：每次 shmat() 加一，每次 shmdt()（或进程退出）减一。写者和读者各挂接了一次。',
    },
    reveal: { from: 'return', call: 'shmctl', field: 'nattch' },
  },
  {
    id: 'after-last-shmdt',
    step: 'w-shmdt',
    variants: ['basic', 'leak'],
    prompt: {
      en: 'The writer detaches. Once no process is attached any more (nattch 0), is the segment gone from /proc/sysvipc/shm?',
      zh: '写者分离了。等到没有任何进程挂接（nattch 为 0）时，这个段会从 /proc/sysvipc/shm 里消失吗？',
    },
    choices: [
      {
        text: { en: 'Yes: the last shmdt() frees it', zh: '会：最后一次 shmdt() 就把它释放了' },
        when: { leaked: false },
        why: {
          en: 'It goes because the reader marked it with shmctl(IPC_RMID) (r-rmid): a marked segment is freed when nattch falls to 0. Without that mark it would stay.',
          zh: '它消失，是因为读者用 shmctl(IPC_RMID) 给它做了删除标记（r-rmid）：带标记的段在 nattch 降到 0 时释放。没有这个标记它就会留下来。',
        },
      },
      {
        text: { en: 'No: it stays, nattch 0, until IPC_RMID or a reboot', zh: '不会：它留下来，nattch 为 0，直到 IPC_RMID 或重启' },
        when: { leaked: true },
        why: {
          en: 'No one called IPC_RMID (the reader forgot, r-forget): a System V segment outlives every process attached to it. ipc-demo removed it after the run; a real program would have leaked it.',
          zh: '没有人调用 IPC_RMID（读者忘了，r-forget）：System V 共享内存段会比挂接它的所有进程活得都久。ipc-demo 在运行后把它删掉了；真实程序就泄漏了。',
        },
      },
    ],
    reveal: { from: 'leak', kind: 'shm' },
  },
  {
    id: 'count',
    step: 'a-wait',
    prompt: {
      en: 'a and b each added 1 to the shared count 2000 times. When b is done, what count does a find?',
      zh: 'a 和 b 各自把共享计数加 1，各加 2000 次。b 做完后，a 看到的计数是多少？',
    },
    choices: [
      {
        text: { en: 'Exactly 4000', zh: '正好 4000' },
        when: { value: 4000 },
        why: {
          en: 'No update was lost: with the semaphore only one process at a time does the load, add and store of count++. (In race that takes luck.)',
          zh: '一次更新都没丢：有信号量时，count++ 的读、加、写同一时刻只有一个进程在做。（在 race 变体里这得靠运气。）',
        },
      },
      {
        text: { en: 'Less than 4000', zh: '少于 4000' },
        when: { max: 3999 },
        why: {
          en: 'Updates were lost: count++ is a load, an add and a store, and with no lock the other process can store in between, so one of the two adds is overwritten.',
          zh: '有更新丢了：count++ 是读、加、写三步，没有锁时另一个进程可以在中间写入，两次加法里就有一次被覆盖。',
        },
      },
      { text: { en: 'More than 4000', zh: '多于 4000' }, when: { min: 4001 } },
    ],
    racy: {
      en: 'In race the number lost changes from run to run, and 4000 is possible, only rare; with the semaphore it is 4000 every time.',
      zh: '在 race 变体里，每次丢掉的数目都不一样，4000 也可能出现，只是很少；有信号量时每次都是 4000。',
    },
    reveal: { from: 'memory', as: 'int' },
  },
];
