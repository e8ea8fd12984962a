import type { DemoMeta } from '../types.js';
import counterC from './shm-counter.c';
import readerC from './shm-reader.c';
import writerC from './shm-writer.c';
import { questions } from './questions.js';

const pair = { writer: 'shm-writer.c', reader: 'shm-reader.c' };
const counters = { a: 'shm-counter.c', b: 'shm-counter.c' };

export const demo: DemoMeta = {
  id: 'shm',
  order: 5,
  section: 'unrelated',
  aliases: ['shared-memory', 'sysv-shm', 'shmget'],
  title: { en: 'System V shared memory', zh: 'System V 共享内存' },
  summary: {
    en: 'Two unrelated programs attach one segment of memory that the kernel keeps under a key made by ftok(). What one stores, the other reads at once, with no system call in between — and with no warning either: who may read or write when is up to the programs, here with System V semaphores.',
    zh: '两个毫无亲缘关系的程序，通过 ftok() 算出的键，把内核保管的同一段内存挂接到各自的地址空间。一方写进去的内容，另一方立刻就能读到，中间不经过任何系统调用——但也没有任何通知：谁什么时候能读、能写，得由程序自己协调，这里用的是 System V 信号量。',
  },
  roles: [
    { id: 'writer', title: { en: 'Writer (shm-writer.c)', zh: '写者（shm-writer.c）' } },
    { id: 'reader', title: { en: 'Reader (shm-reader.c)', zh: '读者（shm-reader.c）' } },
    { id: 'a', title: { en: 'Counter a (shm-counter.c a)', zh: '计数进程 a（shm-counter.c a）' } },
    { id: 'b', title: { en: 'Counter b (shm-counter.c b)', zh: '计数进程 b（shm-counter.c b）' } },
  ],
  variants: [
    {
      id: 'basic',
      title: { en: 'Write, read, reply', zh: '写入、读取、回复' },
      summary: {
        en: 'The writer stores a message in the segment; the reader, asleep on a semaphore until then, reads it and writes its reply over it. ⟦Watch nattch in /proc/sysvipc/shm go 0, 1, 2 and back, and the segment’s first bytes change in the hex view.⟧ Both print the ids: a reader started by hand can be given them instead of the key file.',
        zh: '写者把一条消息存进共享内存段；读者在信号量上睡着等它，醒来读出消息，再把回复写在原处。⟦留意 /proc/sysvipc/shm 里 nattch 从 0 变成 1、2 再降回来，以及十六进制视图里段首字节的变化。⟧两个程序都会打印 shmid 和 semid：手动启动读者时，也可以直接把这两个数字写在命令行上，代替钥匙文件。',
      },
      listings: pair,
      argv: { writer: ['{key}'], reader: ['{key}'] },
    },
    {
      id: 'leak',
      title: { en: 'Forgotten IPC_RMID', zh: '忘了 IPC_RMID' },
      summary: {
        en: 'The same exchange, but the reader never calls shmctl(IPC_RMID). Both programs exit and the segment stays in /proc/sysvipc/shm with nattch 0: it belongs to the kernel, not to a process. ipc-demo then removes it and says so; outside this tool it would stay until ipcrm or a reboot.',
        zh: '同样的交换过程，只是读者没有调用 shmctl(IPC_RMID)。两个程序都退出了，这个段却还留在 /proc/sysvipc/shm 里，nattch 为 0：它属于内核，而不属于哪个进程。随后 ipc-demo 会把它删掉并告诉你；离开这个工具，它会一直留到有人执行 ipcrm 或者重启。',
      },
      listings: pair,
      argv: { writer: ['{key}'], reader: ['leak', '{key}'] },
    },
    {
      id: 'race',
      title: { en: 'Race: counter++ unlocked', zh: '竞争：不加锁的 counter++' },
      summary: {
        en: 'Processes a and b each add 1 to one int in the segment 2,000 times, with nothing to keep them apart. An addition is a load, an add and a store, and between the load and the store each sleeps 100 µs (usleep), as it would if the scheduler took the CPU from it right there. What the other stores meanwhile is overwritten: those additions are lost. a prints how many: about half, as the two fall into step, each loading the value the other has just loaded. Without the usleep the gap is a few nanoseconds wide: updates are still lost whenever the two run at the same instant on two CPUs, but on a busy machine a run can lose none at all, which is what makes such bugs hard to find.',
        zh: '进程 a 和 b 各自对共享段里的同一个 int 加 1，各加 2,000 次，中间没有任何互斥。一次加法其实是读、加、写三步；这里在读和写之间各自睡 100 微秒（usleep），就像调度器恰好在这一刻把 CPU 拿走一样。另一个进程在这期间写入的值会被覆盖，那些加法就白做了。a 最后打印丢失了多少次：大约一半，因为两个进程会步调一致，各自读到的正是对方刚读到的值。去掉 usleep，这个空隙只有几纳秒宽：只要两个进程恰好同时跑在两个 CPU 上，照样会丢；但在繁忙的机器上，一次运行可能一次都不丢——这正是这类 bug 难以发现的原因。',
      },
      listings: counters,
      argv: { a: ['race', 'a', '{key}'], b: ['race', 'b', '{key}'] },
      racy: true,
    },
    {
      id: 'semaphore',
      title: { en: 'Semaphore: counter++ locked', zh: '信号量：加锁的 counter++' },
      summary: {
        en: 'The same two processes and the same loop, 2,000 additions each, usleep included, but each addition sits between semop(-1) and semop(+1) on a semaphore that starts at 1, with SEM_UNDO. Only one process is inside at a time, so no addition is lost: the count is 4,000, what the race should have reached. The price: the two now take turns, one asleep inside while the other waits at the lock, so the run takes about twice as long, and each addition costs two more system calls.',
        zh: '还是这两个进程、同样的循环，各加 2,000 次，连 usleep 也一样，但每次加法都夹在同一个信号量的 semop(-1) 和 semop(+1) 之间，这个信号量初值为 1，并带上 SEM_UNDO。同一时刻只有一个进程在里面，所以一次加法也不会丢：结果正好是 4,000，也就是竞争版本本该得到的数。代价是两个进程只能轮流来：一个在里面睡着，另一个就在锁外等着，所以整个运行要花大约两倍的时间；而且每次加法还要多两次系统调用。',
      },
      listings: counters,
      argv: { a: ['semaphore', 'a', '{key}'], b: ['semaphore', 'b', '{key}'] },
    },
  ],
  steps: {
    'w-keyfile': {
      text: {
        en: 'open() with O_CREAT makes sure the key file exists, and close() at once: ftok() needs the file’s identity (inode and device), never its contents.',
        zh: '用 O_CREAT 打开一次，确保钥匙文件存在，随即关闭：ftok() 只需要文件的身份（inode 号和设备号），根本不读内容。',
      },
    },
    'w-ftok': {
      text: {
        en: 'ftok() packs the file’s inode and device numbers and the project id \'m\' into one key_t. The reader, naming the same file and id, gets the same key: that is how two unrelated programs find one segment.',
        zh: 'ftok() 把文件的 inode 号、设备号和项目号 \'m\' 拼成一个 key_t。读者给出同一个文件和项目号，就得到同一个键——两个毫无关系的程序就是这样找到同一段共享内存的。',
      },
    },
    'w-shmget': {
      text: {
        en: 'shmget() with IPC_CREAT | 0600 returns the segment for this key, creating it (4096 bytes, zero-filled) if no one has yet. A row appears in /proc/sysvipc/shm: perms 600, so no other user can attach it, and nattch 0, as nobody has mapped it yet.',
        zh: 'shmget() 带上 IPC_CREAT | 0600：这个键的段已存在就直接返回，否则新建一个（4096 字节，全部清零）。/proc/sysvipc/shm 里多出一行：perms 为 600，别的用户挂接不了；nattch 为 0，因为还没有谁把它映射进来。',
      },
    },
    'w-semget': {
      text: {
        en: 'semget() makes a set of two semaphores under the same key, 0600 too: "message written" and "reply written". Shared memory itself never tells anyone that something changed; these two counters will. Linux starts new semaphores at 0.',
        zh: 'semget() 用同一个键建一组两个信号量，权限同样是 0600：一个表示“消息已写好”，一个表示“回复已写好”。共享内存本身从不通知任何人内容变了，这件事交给这两个计数器。Linux 新建的信号量初值都是 0。',
      },
    },
    'w-shmat': {
      text: {
        en: 'shmat() maps the segment into this process and returns its address. nattch goes up by one, and a SYSV mapping appears in /proc/<pid>/maps.',
        zh: 'shmat() 把段映射进本进程的地址空间，返回它的地址。nattch 加一，/proc/<pid>/maps 里也多了一个 SYSV 映射。',
      },
    },
    'w-write': {
      text: {
        en: 'strcpy() into the segment is plain memory stores: no system call, and the kernel is not told. The bytes are nonetheless in the reader’s memory too, the same physical page⟦; see them in the hex view⟧.',
        zh: '往段里 strcpy() 只是普通的内存写入：没有系统调用，内核也不知道。可这些字节同时就出现在读者的内存里，因为两边是同一个物理页⟦；在十六进制视图里可以看到它们⟧。',
      },
    },
    'w-post': {
      text: {
        en: 'semop() with +1 on semaphore 0 (a V operation) says "the message is there". If the reader sleeps on it, the kernel wakes it.',
        zh: '对 0 号信号量做 semop() 加 1（V 操作），意思是“消息已经放好了”。如果读者正睡在这个信号量上，内核就把它唤醒。',
      },
    },
    'w-wait': {
      text: {
        en: 'semop() with -1 on semaphore 1 (a P operation): the value is 0, so the writer sleeps in the kernel until the reader has replied and added 1. Meanwhile it stays attached: nattch does not drop.',
        zh: '对 1 号信号量做 semop() 减 1（P 操作）：它的值是 0，写者就睡在内核里，直到读者写好回复、把它加 1。这期间写者一直挂接着，nattch 不会减少。',
      },
    },
    'w-semrm': {
      text: {
        en: 'The reader’s last semop was the +1 that woke the writer; it never touches the semaphores again. So the writer is their last user: semctl(IPC_RMID) removes the set now, and its row leaves /proc/sysvipc/sem.',
        zh: '读者最后一次 semop 就是唤醒写者的那次加 1，此后它再也不碰这组信号量。所以写者是它们最后的使用者：现在由它 semctl(IPC_RMID) 删除，/proc/sysvipc/sem 里那一行随之消失。',
      },
    },
    'w-shmdt': {
      text: {
        en: 'shmdt() unmaps the segment from the writer; nattch drops by one. Detaching never destroys a segment: only IPC_RMID does, and then only once nattch reaches 0.',
        zh: 'shmdt() 把段从写者的地址空间里解除映射，nattch 减一。解除挂接从不销毁段：只有 IPC_RMID 才会，而且要等 nattch 降到 0 才真正释放。',
      },
    },
    'r-keyfile': {
      text: {
        en: 'The reader makes sure of the same key file: whichever program starts first creates it, and both then see one inode.',
        zh: '读者同样先确保钥匙文件存在：谁先启动谁创建，之后两边看到的都是同一个 inode。',
      },
    },
    'r-ftok': {
      text: {
        en: 'Same file, same project id \'m\': the same key as the writer’s, though the two programs never spoke.',
        zh: '同一个文件、同一个项目号 \'m\'，算出的键和写者的完全相同，尽管两个程序从来没有交流过。',
      },
    },
    'r-shmget': {
      text: {
        en: 'shmget() finds the writer’s segment, or creates it if the reader is first; either way both now hold the same shmid. A reader started with the ids on its command line skips these steps.',
        zh: 'shmget() 找到写者建好的段；如果读者先到，就由它来建。无论哪种情况，两边拿到的都是同一个 shmid。如果启动读者时在命令行上直接给了 id，这几步就都省了。',
      },
    },
    'r-semget': {
      text: {
        en: 'semget() with the same key and count returns the same two-semaphore set: the one row in /proc/sysvipc/sem.',
        zh: 'semget() 用同一个键、同样的个数，拿到的就是同一组两个信号量，对应 /proc/sysvipc/sem 里的同一行。',
      },
    },
    'r-shmat': {
      text: {
        en: 'shmat() maps the same segment into the reader, likely at a different address; nattch counts both attachments.',
        zh: 'shmat() 把同一个段映射进读者，地址多半和写者的不同；nattch 把两次挂接都算上。',
      },
    },
    'r-wait': {
      text: {
        en: 'semop() -1 on semaphore 0: until the writer posts, its value is 0 and the reader sleeps in the kernel (wchan __do_semtimedop). Reading the segment now could see half a message, or none.',
        zh: '对 0 号信号量 semop() 减 1：写者 V 之前，它的值为 0，读者就睡在内核里（wchan 为 __do_semtimedop）。要是不等就去读，可能只读到半条消息，甚至什么也没有。',
      },
    },
    'r-read': {
      text: {
        en: 'The message is read straight from the shared page with plain loads, no read() and no copy through the kernel: the fastest way two processes can share data.',
        zh: '消息是用普通的内存读取直接从共享页里拿到的，没有 read()，也不经过内核复制：这是两个进程共享数据最快的方式。',
      },
    },
    'r-stat': {
      text: {
        en: 'shmctl(IPC_STAT) copies the kernel’s struct shmid_ds: the size, nattch (2, as both programs are attached) and shm_cpid, the pid of whichever process created the segment.',
        zh: 'shmctl(IPC_STAT) 把内核里的 struct shmid_ds 复制出来：段大小、nattch（两个程序都挂着，所以是 2），以及 shm_cpid，即创建这个段的进程的 pid。',
      },
    },
    'r-reply': {
      text: {
        en: 'The reply is written over the message, in place. The writer sees it the moment it is stored⟦; watch the bytes change in both processes’ hex views⟧.',
        zh: '回复直接覆盖在原消息上。写入的那一刻写者就能看到⟦；留意两个进程的十六进制视图里字节一起变了⟧。',
      },
    },
    'r-post': {
      text: {
        en: 'semop() +1 on semaphore 1 wakes the writer. This is the reader’s last use of the semaphores, so the writer may remove them once awake.',
        zh: '对 1 号信号量 semop() 加 1，唤醒写者。这是读者最后一次使用信号量，写者醒来后就可以删掉它们了。',
      },
    },
    'r-shmdt': {
      text: {
        en: 'shmdt() detaches the reader; nattch drops by one. The segment and its bytes stay as they are.',
        zh: 'shmdt() 解除读者的挂接，nattch 减一。段本身和其中的字节都原样保留。',
      },
    },
    'r-forget': {
      text: {
        en: 'The bug: no shmctl(IPC_RMID). When both programs have exited the segment is still in /proc/sysvipc/shm with nattch 0, holding its 4096 bytes until someone removes it. ipc-demo does, at the end of the run, and says so.',
        zh: '错误在于：没有调用 shmctl(IPC_RMID)。两个程序都退出后，这个段仍留在 /proc/sysvipc/shm 里，nattch 为 0，继续占着 4096 字节，直到有人删除。本工具会在运行结束时删掉它，并明确告诉你。',
      },
    },
    'r-rmid': {
      text: {
        en: 'shmctl(IPC_RMID) marks the segment for removal: its key is cleared at once (key 0 in /proc/sysvipc/shm), so no shmget() can find it again, and the kernel frees it when the last process detaches.',
        zh: 'shmctl(IPC_RMID) 把段标记为待删除：它的键立即被清掉（/proc/sysvipc/shm 里显示 key 为 0），此后谁也无法再用 shmget() 找到它；等最后一个进程解除挂接，内核就释放它。',
      },
    },
    'c-keyfile': {
      text: {
        en: 'Both counters make sure of the key file first; whichever starts first creates it.',
        zh: '两个计数进程都先确保钥匙文件存在，谁先启动谁创建。',
      },
    },
    'c-ftok': {
      text: {
        en: 'ftok() on the same file and project id: a and b compute the same key without ever talking to each other.',
        zh: '对同一个文件、同一个项目号调用 ftok()：a 和 b 互不通信，却算出同一个键。',
      },
    },
    'c-shmget': {
      text: {
        en: 'shmget() with IPC_CREAT | 0600: the first to get here creates the zero-filled segment, the other finds it. The counter is the int at its very start, so it begins at 0.',
        zh: 'shmget() 带 IPC_CREAT | 0600：先到的一方创建这个清零的段，后到的直接找到它。计数器就是段开头的那个 int，所以从 0 开始。',
      },
    },
    'c-semget': {
      text: {
        en: 'A set of three semaphores under the same key: "a is here", "b is here" and a lock. Linux creates them all at 0.',
        zh: '同一个键下的一组三个信号量：“a 到了”、“b 到了”和一把锁。Linux 新建时它们的值都是 0。',
      },
    },
    'c-shmat': {
      text: {
        en: 'shmat() maps the segment; count points at its first four bytes, the same four bytes in both processes. ⟦Watch them in the hex view, little-endian.⟧',
        zh: 'shmat() 映射这个段；count 指向它的头四个字节，两个进程看到的是同样的四个字节。⟦在十六进制视图里可以看到它们（小端序）。⟧',
      },
    },
    'lock-init': {
      text: {
        en: 'Only a sets the lock semaphore to 1, meaning "free", with semctl(SETVAL). It does so before announcing itself, so b cannot reach the lock before it is set. In the loop each addition then sits between semop(-1) and semop(+1) with SEM_UNDO: should a process die holding the lock, the kernel undoes its -1 and the lock is free again.',
        zh: '只有 a 用 semctl(SETVAL) 把锁信号量设为 1，表示“空闲”。它在宣告自己到达之前就设好了，所以 b 不可能在锁初始化之前用到它。循环里每次加法都夹在带 SEM_UNDO 的 semop(-1) 和 semop(+1) 之间：万一某个进程拿着锁死掉，内核会撤销它那次减 1，锁又恢复空闲。',
      },
    },
    start: {
      text: {
        en: 'meet() adds 1 to this process’s "here" semaphore, then takes 1 from the other’s, sleeping until the other has arrived: a rendezvous, so both loops start together. The loop then runs without a step: stepping it would take thousands of key presses, and the two would take turns instead of racing.',
        zh: 'meet() 先给自己的“已到达”信号量加 1，再从对方的信号量减 1，对方没到就一直睡着：这是一次会合，保证两个循环同时开始。之后整个循环一口气跑完，中间不停：一步步走要按几千次键，而且两个进程会变成轮流执行，就不再竞争了。',
      },
    },
    'b-done': {
      text: {
        en: 'b has finished its loop and posts "b is here" once more, now meaning "b is done": a waits for it before it reads the total.',
        zh: 'b 跑完了循环，再对“b 到了”信号量加 1，这次表示“b 做完了”：a 要等到这个信号才去读总数。',
      },
    },
    'b-shmdt': {
      text: {
        en: 'b detaches and exits. It leaves the removal to a, who is the last to use the segment and the semaphores.',
        zh: 'b 解除挂接后退出。删除工作留给 a，因为 a 是最后一个使用共享段和信号量的进程。',
      },
    },
    'a-wait': {
      text: {
        en: 'a sleeps until b is done, then reads the count. Without the lock it is short of 2 × 2,000 by every addition that was overwritten; with the lock it is exactly 4,000.',
        zh: 'a 一直睡到 b 做完，再读取计数。不加锁时，结果比 2 × 2,000 少，少掉的正是被覆盖的那些加法；加了锁，结果正好是 4,000。',
      },
    },
    'a-shmdt': {
      text: {
        en: 'a detaches; once b has too, nattch is 0.',
        zh: 'a 解除挂接；等 b 也解除后，nattch 就是 0 了。',
      },
    },
    'a-rmid': {
      text: {
        en: 'shmctl(IPC_RMID) removes the segment, at once if nattch is 0, otherwise when b detaches. Its row leaves /proc/sysvipc/shm.',
        zh: 'shmctl(IPC_RMID) 删除这个段：nattch 为 0 时立即删除，否则等 b 解除挂接时再删。/proc/sysvipc/shm 里那一行随之消失。',
      },
    },
    'a-semrm': {
      text: {
        en: 'semctl(IPC_RMID) removes the three semaphores. Nothing of the run is left in /proc/sysvipc.',
        zh: 'semctl(IPC_RMID) 删除这三个信号量。/proc/sysvipc 里不再留下这次运行的任何东西。',
      },
    },
  },
  sources: { 'shm-writer.c': writerC, 'shm-reader.c': readerC, 'shm-counter.c': counterC },
  questions,
};
