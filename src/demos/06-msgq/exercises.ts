// The message queue's exercises (issue 13): data and checks, read by `ipc-demo lab`.
import { at, callsOf, cleanEnd, fail, pass, type Exercise } from '../exercise.js';
import msgqSize from './exercises/msgq-size.c';

/** The size of `mtext` in the exercise's struct message. */
const MTEXT = 32;

export const exercises: readonly Exercise[] = [
  {
    id: 'msgq-size',
    title: { en: 'The size msgsnd() takes', zh: 'msgsnd() 要的大小' },
    task: {
      en: `msgq-size.c sends a struct message (a long mtype, then char mtext[${MTEXT}]) and receives it back, and msgrcv() fails with E2BIG. Fix the size the sender gives, so that the message the kernel keeps fits the receiver's mtext. The check looks at the sizes msgsnd() and msgrcv() were given and returned.`,
      zh: `msgq-size.c 发送一个 struct message（一个 long 类型的 mtype，加上 char mtext[${MTEXT}]），再把它收回来，而 msgrcv() 以 E2BIG 失败。修正发送方给的大小，让内核保存的消息放得进接收方的 mtext。检查会看 msgsnd() 和 msgrcv() 收到的大小和返回值。`,
    },
    file: 'msgq-size.c',
    starter: msgqSize,
    hints: [
      { en: 'msgrcv() failed with E2BIG: the message in the queue is longer than the size the receiver asked for. How long is it?', zh: 'msgrcv() 以 E2BIG 失败：队列里的消息比接收方要的大小更长。它到底有多长？' },
      { en: 'msgsnd()\'s size counts the bytes of mtext only, after the mtype. sizeof out counts the mtype too (and padding).', zh: 'msgsnd() 的大小只算 mtype 之后 mtext 的字节。sizeof out 把 mtype（还有填充）也算进去了。' },
      { en: 'msgsnd(id, &out, sizeof out.mtext, 0).', zh: 'msgsnd(id, &out, sizeof out.mtext, 0)。' },
    ],
    check(evidence) {
      const e2big = callsOf(evidence, 'msgrcv').find((c) => c.errno === 'E2BIG');
      const sends = callsOf(evidence, 'msgsnd').filter((c) => c.returned && !c.errno);
      const tooBig = sends.find((c) => Number(c.args[2]) > MTEXT);
      if (tooBig) {
        return fail({
          en: `msgsnd()${at(tooBig).en} put a message of ${Number(tooBig.args[2])} bytes into the queue, but mtext holds ${MTEXT}${e2big ? `: msgrcv()${at(e2big).en} failed with E2BIG` : ''}. The size counts mtext only, not mtype.`,
          zh: `msgsnd()${at(tooBig).zh}往队列里放了一条 ${Number(tooBig.args[2])} 字节的消息，而 mtext 只有 ${MTEXT} 字节${e2big ? `：msgrcv()${at(e2big).zh}以 E2BIG 失败` : ''}。这个大小只算 mtext，不算 mtype。`,
        });
      }
      const received = callsOf(evidence, 'msgrcv').find((c) => c.returned && !c.errno && typeof c.value === 'number');
      if (sends.length === 0 || !received) {
        return fail({ en: 'The program must still send a message with msgsnd() and receive it with msgrcv().', zh: '程序仍然要用 msgsnd() 发送一条消息，并用 msgrcv() 收回来。' });
      }
      if (Number(received.args[2]) > MTEXT) {
        return fail({ en: `msgrcv()${at(received).en} was given ${Number(received.args[2])} bytes for an mtext of ${MTEXT}: it may write past the struct. Fix the sender, not the receiver.`, zh: `msgrcv()${at(received).zh}的大小是 ${Number(received.args[2])} 字节，而 mtext 只有 ${MTEXT} 字节：它可能写出结构体的边界。要改发送方，不是接收方。` });
      }
      const ended = cleanEnd(evidence);
      if (ended) return ended;
      const left = evidence.leftBehind.filter((o) => o.startsWith('msg '));
      if (left.length > 0) return fail({ en: `The queue was left behind: ${left.join(', ')}.`, zh: `消息队列留了下来：${left.join('、')}。` });
      return pass({
        en: `msgsnd()${at(sends[0]).en} sent ${Number(sends[0]!.args[2])} bytes, and msgrcv()${at(received).en} returned ${received.value as number}: the message fits mtext.`,
        zh: `msgsnd()${at(sends[0]).zh}发送了 ${Number(sends[0]!.args[2])} 字节，msgrcv()${at(received).zh}返回 ${received.value as number}：消息放得进 mtext。`,
      });
    },
  },
];
