import type { DemoMeta } from '../types.js';
import receiverC from './msgq-receiver.c';
import senderC from './msgq-sender.c';
import { questions } from './questions.js';

const listings = { sender: 'msgq-sender.c', receiver: 'msgq-receiver.c' };

export const demo: DemoMeta = {
  id: 'msgq',
  order: 6,
  section: 'unrelated',
  aliases: ['mq', 'message-queue', 'sysv-msg'],
  title: { en: 'System V message queue', zh: 'System V 消息队列' },
  summary: {
    en: 'Two unrelated programs find one message queue through a key that ftok() makes from a file. The sender leaves typed messages in the kernel; the receiver picks them out by type: exactly one type, the lowest type up to a limit, or simply the oldest.',
    zh: '两个毫无亲缘关系的程序，靠 ftok() 从同一个文件算出的键找到同一个消息队列。发送方把带类型的消息放进内核，接收方按类型来取：指定某一种类型、不超过某个值的最小类型，或者干脆取最早的一条。',
  },
  roles: [
    { id: 'sender', title: { en: 'Sender (msgq-sender.c)', zh: '发送方（msgq-sender.c）' } },
    { id: 'receiver', title: { en: 'Receiver (msgq-receiver.c)', zh: '接收方（msgq-receiver.c）' } },
  ],
  variants: [
    {
      id: 'types',
      title: { en: 'Receive by type', zh: '按类型取消息' },
      summary: {
        en: 'The sender queues four messages of types 3, 2, 2, 1 and a last one of type 99. The receiver waits for type 99, then asks for type 2, type -2 and type 0, and each time a different message comes out; a last try with IPC_NOWAIT gets ENOMSG. ⟦Watch qnum and cbytes in /proc/sysvipc/msg.⟧',
        zh: '发送方依次放入类型为 3、2、2、1 的四条消息，最后再放一条类型 99 的。接收方先等类型 99，再分别按类型 2、-2、0 去取，每次取出的消息都不一样；最后带 IPC_NOWAIT 再取一次，得到 ENOMSG。⟦留意 /proc/sysvipc/msg 里 qnum 和 cbytes 的变化。⟧',
      },
      listings,
      argv: { sender: ['{key}'], receiver: ['{key}'] },
    },
    {
      id: 'size-bug',
      title: { en: 'Size bug: sizeof the struct', zh: '长度写错：用了整个结构体的 sizeof' },
      summary: {
        en: 'Both programs pass sizeof the whole struct (112) where msgsnd and msgrcv want the size of mtext (100). The sender ships 8 bytes from past its struct; the receiver gets 8 bytes written past its own, onto a guard value that changes from 0x5a5a… to 0xa5a5….',
        zh: '两边都把整个结构体的 sizeof（112）当成长度传给 msgsnd 和 msgrcv，而它们要的只是 mtext 的大小（100）。发送方多发出了结构体后面的 8 个字节；接收方则被多写了 8 个字节，越过结构体末尾，把紧跟其后的守卫值从 0x5a5a… 改成了 0xa5a5…。',
      },
      listings,
      argv: { sender: ['size-bug', '{key}'], receiver: ['size-bug', '{key}'] },
    },
  ],
  steps: {
    's-keyfile': {
      text: {
        en: 'open() with O_CREAT makes sure the key file exists (the run has usually made it already) and it is closed at once: ftok() needs only the file’s identity, its inode and device, never its contents.',
        zh: '用 O_CREAT 打开一次，保证钥匙文件存在（运行目录里通常已经有了），然后马上关闭：ftok() 只认文件的身份——inode 号和设备号，根本不读里面的内容。',
      },
    },
    's-ftok': {
      text: {
        en: 'ftok() builds a 32-bit key from the low 16 bits of the file’s inode number, the low 8 bits of its device number and the project id \'q\' (0x71, the top byte). Any process that names the same file and id gets the same key: that is all the two programs share.',
        zh: 'ftok() 用文件 inode 号的低 16 位、设备号的低 8 位和项目号 \'q\'（0x71，放在最高字节）拼出一个 32 位的键。任何进程只要给出同一个文件和同一个项目号，就得到同一个键——两个程序之间共享的也就只有这一点。',
      },
    },
    's-msgget': {
      text: {
        en: 'msgget() with IPC_CREAT | 0600 returns the queue for this key and creates it if no one has yet, so either program may start first. A row appears in /proc/sysvipc/msg (perms 600, qnum 0); the number returned, the msqid, is what every later call uses.',
        zh: 'msgget() 带上 IPC_CREAT | 0600：这个键对应的队列已存在就直接返回，否则新建一个，所以两个程序谁先启动都行。/proc/sysvipc/msg 里会多出一行（perms 600，qnum 0）；返回值 msqid 就是后面所有调用要用的队列标识。',
      },
    },
    's-send': {
      text: {
        en: 'msgsnd() copies the type and strlen+1 bytes of text into the kernel and returns at once; it does not wait for a reader. In /proc/sysvipc/msg, qnum goes up by one and cbytes by the text’s size (mtype is not counted). It would only sleep if the queue were full (16384 bytes by default).',
        zh: 'msgsnd() 把消息类型和 strlen+1 个字节的正文复制进内核，立刻返回，并不等谁来读。/proc/sysvipc/msg 里 qnum 加一，cbytes 增加正文的长度（mtype 不算在内）。只有队列满了（默认 16384 字节）它才会阻塞。',
      },
    },
    's-send-done': {
      text: {
        en: 'The last message has type 99, which nothing else uses. The receiver asked for type 99 only, so the four earlier messages left it asleep; if it is waiting, the kernel hands this one straight to it, and qnum never counts it. The sender now exits, yet the queue and its messages stay: they belong to the kernel, not to a process.',
        zh: '最后这条消息的类型是 99，别的消息都不用这个类型。接收方只等类型 99，所以前面四条都没能把它叫醒；如果它正在等，内核会把这一条直接交到它手里，qnum 根本不会把它算进去。发送方随后就退出了，但队列和里面的消息都还在：它们属于内核，不属于哪个进程。',
      },
    },
    's-send-full': {
      text: {
        en: 'The bug: sizeof g.m is 112, but the size argument counts mtext alone, which holds 100. The kernel copies 112 bytes starting at mtext, so the last 8 come from past the struct: here g.guard, 0xa5a5a5a5a5a5a5a5; in a real program, whatever happens to lie there. If no receiver is waiting yet, the message stays in the queue and cbytes shows 112.',
        zh: '错误就在这里：sizeof g.m 是 112，可长度参数只该算 mtext，它只有 100 字节。内核从 mtext 开始复制 112 个字节，最后 8 个就来自结构体之外：这里是 g.guard，即 0xa5a5a5a5a5a5a5a5；真实程序里则是那块内存上碰巧放着的任何东西。如果此刻还没有接收方在等，消息就留在队列里，cbytes 显示为 112。',
      },
    },
    'r-keyfile': {
      text: {
        en: 'The receiver makes sure of the key file too: if it is missing, whichever program starts first creates it, and both then see the same inode.',
        zh: '接收方同样先确保钥匙文件存在：文件要是还没有，就由先启动的那个程序创建，之后两边看到的都是同一个 inode。',
      },
    },
    'r-ftok': {
      text: {
        en: 'Same file, same project id, same key as the sender’s: the receiver never learns the sender’s pid or any id from it, only this file’s name on its command line.',
        zh: '同一个文件、同一个项目号，算出来的键和发送方完全一样。接收方从没从发送方那里得到过 pid 或队列标识，它手里只有命令行上的这个文件名。',
      },
    },
    'r-msgget': {
      text: {
        en: 'msgget() finds the queue the sender created, or creates it if the receiver is first. Either way both programs now hold the same msqid, the one row in /proc/sysvipc/msg.',
        zh: 'msgget() 找到发送方建好的队列；如果接收方先到，就由它来创建。无论哪种情况，两个程序现在拿到的都是同一个 msqid，对应 /proc/sysvipc/msg 里的同一行。',
      },
    },
    'r-wait-done': {
      text: {
        en: 'msgrcv() with type 99 accepts only a message of exactly that type. Until the sender’s last message arrives the receiver sleeps in the kernel, wchan do_msgrcv, while qnum grows around it. Waiting for it first means everything is queued before the lesson begins.',
        zh: 'msgrcv() 指定类型 99，就只接受类型恰好为 99 的消息。发送方最后那条到达之前，接收方一直阻塞在内核里（wchan 为 do_msgrcv），眼看着 qnum 一点点变大也不醒。先等这一条，就保证后面要演示的消息已经全部在队列里了。',
      },
    },
    'r-type-pos': {
      text: {
        en: 'Type 2, positive: the oldest message of exactly type 2. The type-3 "first" at the head is skipped and "second" comes out; messages of one type keep their order. qnum drops by one.',
        zh: '类型 2，正数：取类型恰好为 2 的消息里最早的一条。排在队首的类型 3 “first” 被跳过，取出的是 “second”；同一类型的消息之间保持先进先出。qnum 减一。',
      },
    },
    'r-type-neg': {
      text: {
        en: 'Type -2, negative: the message with the lowest type not above 2. Left are types 3, 2 and 1: 3 is too big, and type 1 "fourth" wins over type 2 "third" although it was sent last. This is how a queue serves priorities.',
        zh: '类型 -2，负数：在类型不超过 2 的消息里，取类型值最小的那条。队列里还剩类型 3、2、1：3 超过了上限，类型 1 的 “fourth” 虽然最后才发，却排在类型 2 的 “third” 前面被取走。用消息队列实现优先级，靠的就是这一点。',
      },
    },
    'r-type-zero': {
      text: {
        en: 'Type 0: simply the oldest message, whatever its type. That is type 3 "first", which both earlier calls passed over. Only "third" is left.',
        zh: '类型 0：不管类型，直接取最早的那条，也就是前两次都被跳过的类型 3 “first”。队列里只剩 “third” 了。',
      },
    },
    'r-nowait': {
      text: {
        en: 'No type-1 message is left. Without flags msgrcv() would sleep in do_msgrcv until one came; with IPC_NOWAIT it fails at once with ENOMSG. qnum is still 1: ENOMSG means nothing matches, not that the queue is empty.',
        zh: '类型 1 的消息已经没有了。不带标志的话，msgrcv() 会阻塞在 do_msgrcv 里一直等下去；带上 IPC_NOWAIT 则立即失败，errno 为 ENOMSG。这时 qnum 仍然是 1：ENOMSG 说的是没有匹配的消息，而不是队列空了。',
      },
    },
    'r-stat': {
      text: {
        en: 'msgctl(IPC_STAT) copies the kernel’s struct msqid_ds out: the qnum and cbytes columns of /proc/sysvipc/msg, and msg_lspid, the pid of the last sender. The kernel tells the receiver who wrote, though the two never met.',
        zh: 'msgctl(IPC_STAT) 把内核里的 struct msqid_ds 复制出来：内容就是 /proc/sysvipc/msg 里的 qnum、cbytes 两列，外加 msg_lspid，即最后一个发送者的 pid。两个进程从未碰面，内核却能告诉接收方消息是谁发的。',
      },
    },
    'r-recv-full': {
      text: {
        en: 'The same bug on this side: room given as 112 instead of 100. The message is 112 bytes, so the kernel writes 112 bytes into a 100-byte mtext and the last 8 land on g.guard, right after the struct. With the correct 100, msgrcv() would fail with E2BIG instead (or truncate, with MSG_NOERROR).',
        zh: '接收方犯了同样的错：缓冲区大小给成 112 而不是 100。消息本身有 112 字节，内核就往只有 100 字节的 mtext 里写了 112 个字节，最后 8 个正好落在结构体后面的 g.guard 上。如果传的是正确的 100，msgrcv() 会以 E2BIG 失败（带 MSG_NOERROR 则截断）。',
      },
    },
    'r-rmid': {
      text: {
        en: 'msgctl(IPC_RMID) destroys the queue at once, with any message still in it, and wakes anyone asleep in msgsnd() or msgrcv() with EIDRM. Its row leaves /proc/sysvipc/msg. Without this line the queue would outlive both programs until reboot or ipcrm.',
        zh: 'msgctl(IPC_RMID) 立即删除队列，里面剩下的消息也一并丢弃，还在 msgsnd() 或 msgrcv() 里阻塞的进程会被唤醒并得到 EIDRM。/proc/sysvipc/msg 里那一行随之消失。少了这一行，队列会比两个程序都活得久，直到重启或者有人用 ipcrm 删掉它。',
      },
    },
    'r-unlink': {
      text: {
        en: 'unlink() removes the key file. The queue is gone already, so the key names nothing any more, and nothing of this demo is left in the run directory.',
        zh: 'unlink() 删掉钥匙文件。队列已经不在了，这个键也就不再指向任何东西，运行目录里也不再留下这个演示的任何痕迹。',
      },
    },
  },
  sources: { 'msgq-sender.c': senderC, 'msgq-receiver.c': receiverC },
  questions,
};
