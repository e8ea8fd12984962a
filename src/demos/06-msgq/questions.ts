// Predict, then reveal: what the learner is asked before a step runs. The answer is never
// stored here: each choice says what the run must show for it to be the true one.
import type { Question } from '../types.js';

export const questions: readonly Question[] = [
  {
    id: 'negative-type',
    step: 'r-type-neg',
    prompt: {
      en: 'Still queued, oldest first: type 3 “first” (6 bytes), type 2 “third” (6 bytes), type 1 “fourth” (7 bytes). Which one does msgrcv(q, &m, size, -2, 0) take? (It returns the size of what it took.)',
      zh: '队列里还剩（从旧到新）：类型 3 “first”（6 字节）、类型 2 “third”（6 字节）、类型 1 “fourth”（7 字节）。msgrcv(q, &m, size, -2, 0) 取走哪一条？（它返回取走那条消息的字节数。）',
    },
    choices: [
      { text: { en: '“first”: the oldest', zh: '“first”：最旧的那条' }, when: { value: 6 } },
      { text: { en: '“third”: type 2 exactly', zh: '“third”：类型正好是 2' }, when: { value: 6 } },
      {
        text: { en: '“fourth”: the lowest type of those ≤ 2', zh: '“fourth”：类型 ≤ 2 的消息里类型最小的' },
        when: { value: 7 },
        why: {
          en: 'A negative type asks for the lowest type not above its absolute value: of types ≤ 2, type 1 is lowest, so “fourth” comes out even though “third” is older. Only “fourth” has 7 bytes.',
          zh: '类型为负数时，取的是类型不超过其绝对值的消息里类型最小的一条：类型 ≤ 2 的里面类型 1 最小，所以即使“third”更旧，取出的也是“fourth”。只有“fourth”是 7 字节。',
        },
      },
    ],
    reveal: { from: 'return', call: 'msgrcv' },
  },
  {
    id: 'nowait',
    step: 'r-nowait',
    prompt: {
      en: 'No message of type 1 is left, and the receiver passes IPC_NOWAIT. What does msgrcv() return?',
      zh: '队列里已经没有类型 1 的消息，接收者又带上了 IPC_NOWAIT。msgrcv() 返回什么？',
    },
    choices: [
      { text: { en: '0: an empty message', zh: '0：一条空消息' }, when: { value: 0 } },
      {
        text: { en: '-1, errno ENOMSG', zh: '-1，errno 为 ENOMSG' },
        when: { errno: 'ENOMSG' },
        why: {
          en: 'With IPC_NOWAIT, msgrcv() does not sleep when nothing matches: it fails with ENOMSG (not EAGAIN, which is what msgsnd() says when the queue is full).',
          zh: '带 IPC_NOWAIT 时，没有匹配的消息 msgrcv() 也不睡：它以 ENOMSG 失败（不是 EAGAIN；EAGAIN 是队列满时 msgsnd() 给的）。',
        },
      },
      { text: { en: '-1, errno EAGAIN', zh: '-1，errno 为 EAGAIN' }, when: { errno: 'EAGAIN' } },
      { text: { en: 'It sleeps until a type 1 message comes', zh: '睡下，直到来一条类型 1 的消息' }, when: { blocked: true } },
    ],
    reveal: { from: 'return', call: 'msgrcv' },
  },
  {
    id: 'qnum',
    step: 'r-stat',
    prompt: {
      en: 'msgctl(IPC_STAT): how many messages are still in the queue (msg_qnum)?',
      zh: 'msgctl(IPC_STAT)：队列里还剩几条消息（msg_qnum）？',
    },
    why: {
      en: 'Five were sent (four, then “done”) and four taken: “done”, “second”, “fourth”, “first”. “third” is still there: the kernel keeps a queue until IPC_RMID, readers or not.',
      zh: '发了五条（四条，再加“done”），取走四条：“done”“second”“fourth”“first”。“third”还在：不管有没有人读，内核都会一直保留队列，直到 IPC_RMID。',
    },
    reveal: { from: 'return', call: 'msgctl', field: 'qnum' },
  },
];
