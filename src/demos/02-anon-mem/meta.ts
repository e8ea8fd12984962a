import type { DemoMeta } from '../types.js';
import anonMemC from './anon-mem.c';
import { questions } from './questions.js';

const listings = { main: 'anon-mem.c' };

export const demo: DemoMeta = {
  id: 'anon-mem',
  order: 2,
  section: 'related',
  aliases: ['memfd', 'anonymous-memory', 'shared-memory-anon'],
  title: { en: 'Anonymous shared memory', zh: '匿名共享内存' },
  summary: {
    en: 'A parent maps one page of memory that belongs to no named file, forks, and its child writes into it: both processes see the same physical page, with no system call per byte.',
    zh: '父进程映射一页不属于任何具名文件的内存，然后 fork；子进程往里写，父进程直接就能读到：两个进程看的是同一个物理页，读写数据不需要任何系统调用。',
  },
  roles: [{ id: 'main', title: { en: 'anon-mem.c (parent, then child)', zh: 'anon-mem.c（父进程与子进程）' } }],
  variants: [
    {
      id: 'memfd',
      title: { en: 'memfd + mmap', zh: 'memfd + mmap' },
      summary: {
        en: 'memfd_create() makes a file that lives only in memory; mapped with MAP_SHARED before fork(), the same /memfd:anon-mem (deleted) object shows up in both fd tables and both maps.',
        zh: 'memfd_create() 创建一个只存在于内存里的文件；fork() 之前用 MAP_SHARED 映射它，之后两个进程的文件描述符表和 maps 里都会出现同一个 /memfd:anon-mem (deleted) 对象。',
      },
      listings,
      expect: { main: 'exited 0' },
    },
    {
      id: 'mmap',
      title: { en: 'mmap(MAP_ANONYMOUS)', zh: 'mmap(MAP_ANONYMOUS)' },
      summary: {
        en: 'The shortest way: one mmap() with MAP_SHARED | MAP_ANONYMOUS and no file descriptor at all. The maps still show a backing object, /dev/zero (deleted): shared pages need one.',
        zh: '最简单的写法：一次 mmap()，参数 MAP_SHARED | MAP_ANONYMOUS，根本没有文件描述符。maps 里仍能看到一个后备对象 /dev/zero (deleted)：要共享页面，内核总得有个对象来挂这些页。',
      },
      listings,
      cArgs: ['mmap'],
      expect: { main: 'exited 0' },
    },
    {
      id: 'private',
      title: { en: 'MAP_PRIVATE: copy-on-write', zh: 'MAP_PRIVATE：写时复制' },
      summary: {
        en: 'The same memfd, mapped MAP_PRIVATE: the child’s write makes the kernel give it its own copy of the page, so the parent still reads an empty string. Compare the rw-p flags in maps with rw-s.',
        zh: '同一个 memfd，改用 MAP_PRIVATE 映射：子进程一写，内核就给它复制出一页私有的副本，父进程读到的仍是空字符串。对比 maps 里的 rw-p 和共享时的 rw-s。',
      },
      listings,
      cArgs: ['private'],
      expect: { main: 'exited 0' },
    },
    {
      id: 'no-wait',
      title: { en: 'Reading without waiting', zh: '不等待就读' },
      summary: {
        en: 'The parent reads right after fork(), without waiting for the child: it usually finds the page still empty. Shared memory carries data, not order; the child here sleeps a second so the unlucky order is the usual one, but nothing guarantees either order: in step mode, step the child through its write first and the parent reads the message.',
        zh: '父进程 fork() 之后不等子进程就去读，通常读到的还是一页空白。共享内存只管传数据，不管先后；这里让子进程先睡一秒，让“读早了”成为常见情形，但哪种顺序都没有保证：在单步模式下先让子进程把消息写完，父进程就能读到它。',
      },
      listings,
      cArgs: ['no-wait'],
      expect: { main: 'exited 0' },
      racy: true,
    },
  ],
  steps: {
    'mmap-anon': {
      text: {
        en: 'mmap() with MAP_SHARED | MAP_ANONYMOUS and fd -1: the kernel creates a hidden shmem object and maps one page of it. No fd appears; in /proc/PID/maps the page is named /dev/zero (deleted), flags rw-s.',
        zh: 'mmap() 带上 MAP_SHARED | MAP_ANONYMOUS，fd 传 -1：内核悄悄建一个 shmem 对象，把它的一页映射进来。文件描述符表里什么也没多，/proc/PID/maps 里这一页显示为 /dev/zero (deleted)，权限 rw-s。',
      },
    },
    'memfd-create': {
      text: {
        en: 'memfd_create() creates a file that has no path and lives only in RAM, and returns a file descriptor for it. The fd table gains a new fd -> /memfd:anon-mem (deleted), "deleted" because no directory entry ever pointed to it.',
        zh: 'memfd_create() 创建一个没有路径、只存在于内存中的文件，并返回它的文件描述符。文件描述符表里多出一项，指向 /memfd:anon-mem (deleted)；标着 deleted，是因为从来没有任何目录项指向它。',
      },
    },
    ftruncate: {
      text: {
        en: 'A new memfd is 0 bytes long; ftruncate() sets its size to one page (4096 bytes). Mapping beyond the end of a file would give SIGBUS on access, so the size comes first.',
        zh: '新建的 memfd 长度为 0；ftruncate() 把它设成一页（4096 字节）。访问超出文件末尾的映射会收到 SIGBUS，所以要先定好大小。',
      },
    },
    'mmap-fd': {
      text: {
        en: 'mmap() maps the memfd’s page into this address space. With MAP_SHARED, writes go to the file’s page itself (rw-s in maps); with MAP_PRIVATE (rw-p), the first write makes a private copy instead.',
        zh: 'mmap() 把 memfd 的这一页映射进本进程的地址空间。用 MAP_SHARED 时，写操作直接落在文件的页上（maps 里是 rw-s）；用 MAP_PRIVATE 时（rw-p），第一次写会先复制出一份私有副本。',
      },
    },
    fork: {
      text: {
        en: 'fork() copies the process: its fd table (the child holds the memfd too, where there is one) and its mappings, at the same addresses. A shared mapping stays shared, so both now reach one physical page; a private one is shared only until someone writes.',
        zh: 'fork() 复制整个进程：文件描述符表（如果有 memfd，子进程也拿着它）和内存映射都被复制，地址也完全相同。共享映射复制后依然共享，父子进程访问的是同一个物理页；私有映射则只在有人写之前是共用的。',
      },
    },
    'child-sleep': {
      text: {
        en: 'The child dawdles for a second before writing. Nothing in the program makes the parent wait for it: see what the parent reads meanwhile.',
        zh: '子进程先磨蹭一秒再写。程序里没有任何东西让父进程等它：留意父进程这时去读会读到什么。',
      },
    },
    'child-write': {
      text: {
        en: 'A plain strcpy() into the mapping: no system call, just stores to memory. ⟦Watch the first bytes of the page in the kernel panel change, in both processes if the mapping is shared.⟧',
        zh: '就是一次普通的 strcpy()，写进映射好的内存：没有系统调用，只是几条内存写指令。⟦看内核面板里这一页开头的字节怎么变；如果是共享映射，两个进程里会同时变。⟧',
      },
    },
    'child-exit': {
      text: {
        en: 'The child ends with _exit(0). Its mappings go away with it; a shared page lives on, since the parent still maps it, while a private copy dies with the child.',
        zh: '子进程以 _exit(0) 结束，它的映射随之消失。共享的那一页还在，因为父进程仍映射着它；而私有副本就跟着子进程一起没了。',
      },
    },
    'read-early': {
      text: {
        en: 'The parent reads the page at once, without waiting: if the child has not written yet, it reads an empty string. Shared memory gives no ordering; that takes waitpid(), a semaphore, a pipe or similar.',
        zh: '父进程不等待，马上读这一页：子进程要是还没写，读到的就是空字符串。共享内存本身不保证先后顺序，要靠 waitpid()、信号量、管道之类的手段来同步。',
      },
    },
    wait: {
      text: {
        en: 'waitpid() sleeps until the child has ended and collects its exit status. Here it is also the synchronisation: once it returns, everything the child wrote is in place.',
        zh: 'waitpid() 一直睡到子进程结束，并取走它的退出状态。在这里它同时起到同步作用：它一返回，子进程写的东西就一定都在了。',
      },
    },
    'parent-read': {
      text: {
        en: 'The parent reads the start of the page. Shared mapping: the child’s message. MAP_PRIVATE: an empty string, since the child wrote into its own copy-on-write copy, which died with it.',
        zh: '父进程读这一页的开头。共享映射时读到子进程写的消息；MAP_PRIVATE 时读到空字符串，因为子进程写的是它自己那份写时复制的副本，已经随它一起消失了。',
      },
    },
    munmap: {
      text: {
        en: 'munmap() removes the page from the parent’s address space: the line disappears from /proc/PID/maps. Nothing is freed yet: the page belongs to the memfd, which lives on while an fd refers to it, and the parent still holds one until close().',
        zh: 'munmap() 把这一页从父进程的地址空间里撤掉，/proc/PID/maps 里那一行随之消失。但内存还没有释放：这一页属于 memfd 文件，只要还有文件描述符指向它，它就一直在；父进程手里还有一个，要等到 close()。',
      },
      variants: {
        mmap: {
          en: 'munmap() removes the page from the parent’s address space: the line disappears from /proc/PID/maps. MAP_ANONYMOUS gave no fd, and the child’s mapping went when it exited, so this was the last reference: the memory is freed.',
          zh: 'munmap() 把这一页从父进程的地址空间里撤掉，/proc/PID/maps 里那一行随之消失。MAP_ANONYMOUS 没有文件描述符，子进程的映射在它退出时就没了，所以这是最后一个引用，内存就此释放。',
        },
      },
    },
    close: {
      text: {
        en: 'close() drops the last fd to the memfd. With no fd and no mapping left anywhere, the kernel frees the file and its page: nothing to clean up, unlike System V shared memory.',
        zh: 'close() 关掉指向 memfd 的最后一个文件描述符。再没有任何描述符或映射引用它，内核就释放这个文件和它的页：不用像 System V 共享内存那样手动删除。',
      },
    },
  },
  sources: { 'anon-mem.c': anonMemC },
  questions,
};
