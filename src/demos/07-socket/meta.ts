import type { DemoMeta } from '../types.js';
import dgramClientC from './dgram-client.c';
import dgramServerC from './dgram-server.c';
import clientC from './socket-client.c';
import serverC from './socket-server.c';
import tcpClientC from './tcp-client.c';
import tcpServerC from './tcp-server.c';
import { questions } from './questions.js';

const stream = { server: 'socket-server.c', client: 'socket-client.c' };

export const demo: DemoMeta = {
  id: 'socket',
  order: 7,
  section: 'unrelated',
  aliases: ['unix-socket', 'uds'],
  title: { en: 'Unix domain socket', zh: 'Unix 域套接字' },
  summary: {
    en: 'A server and a client that share nothing but a name meet at a Unix domain socket and talk both ways over a connection the kernel makes between their two sockets. Variants show a stale socket file, datagrams, the abstract namespace, and TCP on 127.0.0.1 for comparison.',
    zh: '服务器和客户端除了一个名字之外毫无共同之处，它们通过 Unix 域套接字相遇，内核在两个套接字之间建立连接，双方就能一问一答。几个变体分别演示残留的套接字文件、数据报、抽象命名空间，以及作为对照的 127.0.0.1 上的 TCP。',
  },
  roles: [
    { id: 'server', title: { en: 'Server', zh: '服务器' } },
    { id: 'client', title: { en: 'Client', zh: '客户端' } },
  ],
  variants: [
    {
      id: 'stream',
      title: { en: 'Stream socket on a path', zh: '路径上的流式套接字' },
      summary: {
        en: 'The server binds a path, listens and accepts; the client connects (retrying until the server listens), sends a line and reads it back in capitals. ⟦Watch the socket inodes in /proc/net/unix and the link between the two connected ones.⟧',
        zh: '服务器绑定一个路径，监听并接受连接；客户端去连接（服务器还没监听就稍后重试），发出一行字，再读回服务器转成大写的结果。⟦留意 /proc/net/unix 里各个套接字的 inode，以及两个已连接套接字之间的对应关系。⟧',
      },
      listings: stream,
      argv: { server: ['stream', '{dir}/sock'], client: ['stream', '{dir}/sock'] },
    },
    {
      id: 'stale',
      title: { en: 'Stale socket file', zh: '残留的套接字文件' },
      summary: {
        en: 'A dead server’s socket file is still on disk, so bind() fails with EADDRINUSE; the server removes the file and binds again. A client that tries in between gets ECONNREFUSED from the dead file and simply retries.',
        zh: '一个已经死掉的服务器留下的套接字文件还在磁盘上，于是 bind() 失败，返回 EADDRINUSE；服务器删掉这个文件后重新绑定。在这期间来连接的客户端，碰到那个死文件会得到 ECONNREFUSED，稍后重试即可。',
      },
      listings: stream,
      argv: { server: ['stale', '{dir}/sock'], client: ['stale', '{dir}/sock'] },
    },
    {
      id: 'dgram',
      title: { en: 'Datagrams', zh: '数据报套接字' },
      summary: {
        en: 'SOCK_DGRAM: no listen, no accept. The client binds its own path so the server can answer, sends two datagrams, and the server receives exactly two, 3 and 7 bytes: datagram boundaries are kept.',
        zh: 'SOCK_DGRAM：没有监听，也没有 accept。客户端先绑定自己的路径，好让服务器能回信，然后发出两个数据报，服务器也正好收到两个，分别是 3 字节和 7 字节：数据报的边界原样保留。',
      },
      listings: { server: 'dgram-server.c', client: 'dgram-client.c' },
      argv: { server: ['{dir}/server.sock'], client: ['{dir}/server.sock', '{dir}/client.sock'] },
    },
    {
      id: 'abstract',
      title: { en: 'Abstract namespace', zh: '抽象命名空间' },
      summary: {
        en: 'The name starts with a NUL byte: no file is created and nothing needs unlink(); /proc/net/unix shows it with a leading @. Every byte of the address length is part of the name, so both sides must compute it the same way. No file also means no permissions: any process on the machine may connect, so the server asks the kernel who did (SO_PEERCRED) and refuses other users.',
        zh: '名字以一个 NUL 字节开头：不会创建文件，也就不需要 unlink()；在 /proc/net/unix 里它以 @ 开头显示。地址长度里的每个字节都算作名字的一部分，所以两边必须用同样的方法计算长度。没有文件也就没有权限检查：本机任何进程都能连上来，所以服务器要向内核问清连进来的是谁（SO_PEERCRED），拒绝其他用户。',
      },
      listings: stream,
      argv: { server: ['abstract', '{dir}/sock'], client: ['abstract', '{dir}/sock'] },
    },
    {
      id: 'tcp',
      title: { en: 'TCP on loopback', zh: '回环地址上的 TCP' },
      summary: {
        en: 'The same conversation over TCP on 127.0.0.1: the programs meet by a port number given on the command line. Same calls, but the bytes go through the TCP/IP stack, there is no file to remove, and SO_REUSEADDR lets a restarted server bind its port again.',
        zh: '同样的一问一答，换成 127.0.0.1 上的 TCP：两个程序靠命令行上给出的端口号相遇。调用几乎一样，但数据要走一遍 TCP/IP 协议栈，没有文件需要删除，SO_REUSEADDR 让重启的服务器能立刻再次绑定同一个端口。',
      },
      listings: { server: 'tcp-server.c', client: 'tcp-client.c' },
      argv: { server: ['{port}'], client: ['{port}'] },
    },
  ],
  steps: {
    's-leftover': {
      text: {
        en: 'To have a stale file to trip over, this server first plays the dead one: it binds a socket to the path and closes it without unlink(). The socket leaves /proc/net/unix, but the file stays (type s in ls -l), exactly what a crashed server leaves behind.',
        zh: '为了制造一个残留文件，服务器先扮演那个死掉的前任：把一个套接字绑定到这个路径，然后不调用 unlink() 就关掉它。套接字从 /proc/net/unix 里消失了，文件却还在（ls -l 里类型为 s）——崩溃的服务器留下的正是这样一个文件。',
      },
    },
    's-socket': {
      text: {
        en: 'socket(AF_UNIX, SOCK_STREAM, 0) creates a socket, a kernel object with an inode, reached through a new fd (socket:[inode] in the fd list). It has no name yet, so no other process can find it.',
        zh: 'socket(AF_UNIX, SOCK_STREAM, 0) 创建一个套接字：内核里的一个对象，有自己的 inode，通过一个新的 fd 访问（fd 列表里显示为 socket:[inode]）。它还没有名字，别的进程找不到它。',
      },
    },
    's-bind': {
      text: {
        en: 'bind() gives the socket its name. For a path the kernel creates a socket file there (the run’s 0700 directory keeps other users out) and /proc/net/unix shows the path; an abstract name makes no file and shows as @name. If the path exists, even as a dead server’s leftover, bind() fails with EADDRINUSE.',
        zh: 'bind() 给套接字起名字。如果是路径，内核就在那里创建一个套接字文件（运行目录权限是 0700，别的用户进不来），/proc/net/unix 里会显示这个路径；抽象名字不创建文件，显示为 @名字。路径上已经有文件的话，哪怕只是死掉的服务器留下的，bind() 也会失败，返回 EADDRINUSE。',
      },
      variants: {
        abstract: {
          en: 'bind() gives the socket its name. This name starts with a NUL byte, so it lives in the abstract namespace: nothing is created in any directory, and /proc/net/unix shows the name with an @ in place of the NUL. If a socket already holds the name, bind() fails with EADDRINUSE.',
          zh: 'bind() 给套接字起名字。这个名字以 NUL 字节开头，属于抽象命名空间：任何目录里都不会多出东西，/proc/net/unix 里显示这个名字时，开头的 NUL 换成了 @。如果已有套接字占着这个名字，bind() 会失败，返回 EADDRINUSE。',
        },
      },
    },
    's-unlink-stale': {
      text: {
        en: 'The path is held by a file that no socket owns any more, so the server removes it. This one knows the file is stale because it made it; a careful real server first tries connect() and removes the file only on ECONNREFUSED.',
        zh: '占着这个路径的文件已经没有任何套接字在用，服务器就把它删掉。这里的服务器知道文件是残留的，因为它就是自己造的；真实世界里谨慎的服务器会先试着 connect() 一下，得到 ECONNREFUSED 才删。',
      },
    },
    's-rebind': {
      text: {
        en: 'Second try: with the old file gone, bind() creates a fresh socket file and succeeds.',
        zh: '再试一次：旧文件没了，bind() 创建一个新的套接字文件，这次成功了。',
      },
    },
    's-listen': {
      text: {
        en: 'listen() makes this a listening socket: it never carries data itself, it only queues incoming connections, up to a backlog of 8. In /proc/net/unix its Flags become 00010000 (accepting) while St stays 01 (unconnected). From now on a client’s connect() succeeds.',
        zh: 'listen() 让它成为监听套接字：它自己从不传数据，只负责把到来的连接排进队列，最多 8 个。/proc/net/unix 里它的 Flags 变成 00010000（正在接受连接），St 仍是 01（未连接）。从这一刻起，客户端的 connect() 就能成功了。',
      },
    },
    's-accept': {
      text: {
        en: 'accept() takes the next connection from the queue, or sleeps until there is one (wchan __skb_wait_for_more_packets). It returns a new fd for a new socket, already connected to the client’s: /proc/net/unix shows a second line with the same name and St 03⟦, and the panel links it to its peer, the client socket⟧.',
        zh: 'accept() 从队列里取出下一个连接，没有就阻塞等待（wchan 为 __skb_wait_for_more_packets）。它返回一个新的 fd，对应一个新的套接字，已经和客户端的套接字连在一起：/proc/net/unix 里多出一行，名字相同，St 为 03⟦，面板会把它和对端——客户端的套接字——连起来⟧。',
      },
    },
    's-peercred': {
      text: {
        en: 'An abstract name has no file, so no permissions keep anyone out: any process that finds the name in /proc/net/unix can connect. So the server asks the kernel who is at the other end: getsockopt(SO_PEERCRED) fills a struct ucred with the peer’s pid, effective uid and gid as they were at connect(). The kernel recorded them itself, so a client cannot lie. A peer of another user is refused: the server closes that connection and goes back to accept().',
        zh: '抽象名字没有文件，也就没有权限能把别人挡在外面：任何进程只要在 /proc/net/unix 里找到这个名字，就能连上来。所以服务器要问内核对面是谁：getsockopt(SO_PEERCRED) 把对端在 connect() 那一刻的 pid、有效 uid 和 gid 填进一个 struct ucred。这些是内核自己记下的，客户端没法冒充。对端如果属于别的用户，服务器就拒绝它：关掉这条连接，回到 accept() 接着等。',
      },
    },
    's-read': {
      text: {
        en: 'read() returns what the client wrote, or sleeps in unix_stream_read_generic until something arrives. A stream keeps no message boundaries: read() returns whatever is queued, up to 256 bytes. The loop ends when read() returns 0, because the client closed its end.',
        zh: 'read() 返回客户端写来的数据，还没有数据就阻塞在 unix_stream_read_generic 里。字节流不保留消息边界：read() 有多少就返回多少，最多 256 字节。等到 read() 返回 0，说明客户端关闭了它那一端，循环结束。',
      },
    },
    's-write': {
      text: {
        en: 'write() puts the capitalised bytes straight onto the receive queue of the client’s socket. Between Unix sockets data never leaves kernel memory and never meets a network stack. The client’s read() wakes up.',
        zh: 'write() 把转成大写的字节直接挂到客户端套接字的接收队列上。Unix 域套接字之间的数据始终在内核内存里，根本不经过网络协议栈。客户端的 read() 随即被唤醒。',
      },
    },
    's-close': {
      text: {
        en: 'close() releases the connected socket and the listening one; both lines leave /proc/net/unix. The socket file is still on disk, though: closing a socket never removes its file.',
        zh: 'close() 释放已连接的套接字和监听套接字，两行都从 /proc/net/unix 里消失。可套接字文件仍然留在磁盘上：关闭套接字从来不会删掉它的文件。',
      },
      variants: {
        abstract: {
          en: 'close() releases the connected socket and the listening one; both lines leave /proc/net/unix. The abstract name was bound to the listening socket and goes with it: there never was a file, so nothing is left behind, and the next server can bind the same name at once.',
          zh: 'close() 释放已连接的套接字和监听套接字，两行都从 /proc/net/unix 里消失。抽象名字绑定在监听套接字上，随它一起消失：从来就没有文件，所以什么也不会留下，下一个服务器马上就能绑定同一个名字。',
        },
      },
    },
    's-unlink': {
      text: {
        en: 'unlink() removes the socket file. That is the server’s job: left behind, it would make the next server’s bind() fail with EADDRINUSE. An abstract name needs nothing here; it vanished with the last socket bound to it.',
        zh: 'unlink() 删除套接字文件。这是服务器的责任：要是留下来，下一个服务器的 bind() 就会以 EADDRINUSE 失败。抽象名字在这里什么也不用做，最后一个绑定它的套接字一关，名字就没了。',
      },
      variants: {
        abstract: {
          en: 'Nothing to remove: for an abstract name the condition skips unlink(), as there is no file to unlink. The name went away with the last socket bound to it, the listening one, when it was closed.',
          zh: '这里什么也不用删：名字是抽象的，条件不成立，unlink() 根本不会被调用，因为没有文件可删。名字在最后一个绑定它的套接字（监听套接字）关闭时就已经消失了。',
        },
      },
    },
    'c-socket': {
      text: {
        en: 'The client’s socket stays unnamed: it needs no bind(), because connecting links it directly to a server-side socket. Its line in /proc/net/unix has no path. It makes a new one for each try: POSIX leaves a socket’s state unspecified after a failed connect(), so the client closes it and starts over.',
        zh: '客户端的套接字不需要名字，也不用 bind()：连接时内核会把它直接和服务器那边的一个套接字连在一起。它在 /proc/net/unix 里的那一行没有路径。每次尝试都新建一个：connect() 失败后套接字处于什么状态，POSIX 没有规定，所以客户端把它关掉，从头再来。',
      },
    },
    'c-connect': {
      text: {
        en: 'connect() looks the name up. No file yet gives ENOENT; a file with no listener, like a dead server’s, gives ECONNREFUSED. The client then sleeps 50 ms (wchan hrtimer_nanosleep) and tries again, up to 100 times. Success means connected, even before the server calls accept().',
        zh: 'connect() 按名字去找服务器。文件还不存在，得到 ENOENT；文件在但没人监听（比如死掉的服务器留下的），得到 ECONNREFUSED。这时客户端睡 50 毫秒（wchan 为 hrtimer_nanosleep）再试，最多 100 次。一旦成功就已经连上了，哪怕服务器还没调用 accept()。',
      },
      variants: {
        abstract: {
          en: 'connect() looks the name up in the abstract namespace. With no file that could be missing, there is only one failure: until the server has bound the name and listens, connect() fails with ECONNREFUSED. The client then sleeps 50 ms (wchan hrtimer_nanosleep) and tries again, up to 100 times. Success means connected, even before the server calls accept().',
          zh: 'connect() 在抽象命名空间里按名字查找。这里没有文件，也就不会“文件不存在”，失败只有一种：服务器绑定名字并开始监听之前，connect() 一律以 ECONNREFUSED 失败。这时客户端睡 50 毫秒（wchan 为 hrtimer_nanosleep）再试，最多 100 次。一旦成功就已经连上了，哪怕服务器还没调用 accept()。',
        },
      },
    },
    'c-write': {
      text: {
        en: 'write() sends the request "hello, server": the 13 bytes go onto the receive queue of the server-side socket and wake its read().',
        zh: 'write() 发出请求 "hello, server"：这 13 个字节进入服务器端套接字的接收队列，并唤醒它的 read()。',
      },
    },
    'c-read': {
      text: {
        en: 'read() sleeps in unix_stream_read_generic until the server has answered, then returns the 13 capitalised bytes.',
        zh: 'read() 阻塞在 unix_stream_read_generic 里，等服务器回话，然后返回那 13 个大写字节。',
      },
    },
    'c-close': {
      text: {
        en: 'close() ends the connection from this side. The server’s next read() returns 0, end of file: that is how it learns the conversation is over.',
        zh: 'close() 从客户端这边结束连接。服务器下一次 read() 会返回 0，也就是读到文件结束：它就是这样知道对话结束了。',
      },
    },
    'ds-socket': {
      text: {
        en: 'socket(AF_UNIX, SOCK_DGRAM, 0): a datagram socket. It keeps what is sent in pieces: each send is one datagram, and each receive takes exactly one, whole.',
        zh: 'socket(AF_UNIX, SOCK_DGRAM, 0)：一个数据报套接字。发出去的东西按块保留：每次发送是一个数据报，每次接收也恰好完整地取走一个。',
      },
    },
    'ds-bind': {
      text: {
        en: 'bind() names the socket with its path; the file appears and /proc/net/unix lists it with Type 0002 (SOCK_DGRAM). There is no listen() and no accept(): a bound datagram socket can receive at once, from anyone who knows the name.',
        zh: 'bind() 用路径给套接字命名，文件随之出现，/proc/net/unix 里它的 Type 为 0002（SOCK_DGRAM）。这里没有 listen()，也没有 accept()：数据报套接字一绑定就能收，谁知道这个名字谁就能发过来。',
      },
    },
    'ds-recvfrom': {
      text: {
        en: 'recvfrom() takes one datagram, or sleeps until one comes (wchan __skb_wait_for_more_packets), and reports the sender’s address. The two datagrams come out as sent, 3 bytes then 7, even when both are already waiting; a stream could have handed over all 10 bytes in one read.',
        zh: 'recvfrom() 取出一个数据报，还没有就阻塞等待（wchan 为 __skb_wait_for_more_packets），同时告诉你发送方的地址。两个数据报原样取出，先 3 字节、后 7 字节，即使它们早已同时在队列里；换成字节流，一次 read 就可能把 10 个字节全拿走。',
      },
    },
    'ds-sendto': {
      text: {
        en: 'sendto() sends one datagram to the address recvfrom() reported, the client’s own socket file. Had the client not bound a name, there would be no address to answer.',
        zh: 'sendto() 把一个数据报发往 recvfrom() 报告的地址，也就是客户端自己的套接字文件。如果客户端没有绑定名字，服务器就无处回信。',
      },
    },
    'ds-close': {
      text: {
        en: 'close() releases the socket: its line leaves /proc/net/unix, but its file stays on disk.',
        zh: 'close() 释放套接字：它在 /proc/net/unix 里的那一行消失了，文件却还在磁盘上。',
      },
    },
    'ds-unlink': {
      text: {
        en: 'unlink() removes the server’s socket file, so the next server can bind the same path.',
        zh: 'unlink() 删掉服务器的套接字文件，下一个服务器才能再绑定同一个路径。',
      },
    },
    'dc-socket': {
      text: {
        en: 'The client makes a datagram socket of its own, a new one for each try: POSIX leaves a socket’s state unspecified after a failed connect(), so the client closes it and starts over.',
        zh: '客户端也创建一个自己的数据报套接字，每次尝试都新建一个：connect() 失败后套接字处于什么状态，POSIX 没有规定，所以客户端把它关掉，从头再来。',
      },
    },
    'dc-bind': {
      text: {
        en: 'Unlike a stream client, this one binds its own path: no connection will carry the reply back, so the server needs an address to send it to. A second socket file appears in the run directory. It binds only now, once connected, so that no failed try leaves a file behind.',
        zh: '和流式客户端不同，它要绑定自己的路径：没有连接能把回信带回来，服务器必须知道往哪个地址发。运行目录里于是出现了第二个套接字文件。它等连上之后才绑定，这样失败的尝试就不会留下文件。',
      },
    },
    'dc-connect': {
      text: {
        en: 'connect() on a datagram socket sends nothing: it only sets the default destination for send() and filters out datagrams from anyone else. /proc/net/unix then shows both sockets as connected (St 03), but only the client has a peer; before the server is bound, connect() fails with ENOENT or ECONNREFUSED and the client retries every 50 ms.',
        zh: '对数据报套接字调用 connect() 不会发出任何东西：它只是给 send() 设定默认目的地址，并挡掉其他地址发来的数据报。此后 /proc/net/unix 里两个套接字都显示为已连接（St 03），但只有客户端有对端；服务器绑定之前，connect() 会以 ENOENT 或 ECONNREFUSED 失败，客户端每 50 毫秒重试一次。',
      },
    },
    'dc-send': {
      text: {
        en: 'Each send() is one datagram, queued whole on the server socket’s receive queue. Two sends, two datagrams: 3 bytes, then 7.',
        zh: '每次 send() 就是一个数据报，完整地排进服务器套接字的接收队列。发两次就是两个数据报：先 3 字节，再 7 字节。',
      },
    },
    'dc-recv': {
      text: {
        en: 'recv() sleeps in __skb_wait_for_more_packets until the server’s reply arrives at the client’s bound address, then returns that one datagram.',
        zh: 'recv() 阻塞在 __skb_wait_for_more_packets 里，直到服务器的回信送到客户端绑定的地址，然后返回这一个数据报。',
      },
    },
    'dc-close': {
      text: {
        en: 'close() releases the client’s socket.',
        zh: 'close() 释放客户端的套接字。',
      },
    },
    'dc-unlink': {
      text: {
        en: 'The client removes its own socket file: it created it with bind(), so cleaning it up is its job.',
        zh: '客户端删掉自己的套接字文件：文件是它用 bind() 创建的，收拾干净也是它的事。',
      },
    },
    'ts-socket': {
      text: {
        en: 'socket(AF_INET, SOCK_STREAM, 0): a TCP socket. The calls that follow are the same as for the Unix stream socket, but the bytes will travel through the TCP/IP stack, even within one machine.',
        zh: 'socket(AF_INET, SOCK_STREAM, 0)：一个 TCP 套接字。后面的调用和 Unix 流式套接字几乎一样，但数据要走完整的 TCP/IP 协议栈，哪怕两端在同一台机器上。',
      },
    },
    'ts-reuseaddr': {
      text: {
        en: 'SO_REUSEADDR lets bind() take the port even while connections of an earlier server on it linger in TIME_WAIT, up to a minute after they closed. Without it, a quickly restarted server fails with EADDRINUSE.',
        zh: 'SO_REUSEADDR 允许 bind() 占用这个端口，即使之前在这个端口上的服务器留下的连接还处在 TIME_WAIT 状态（关闭后最多还会停留一分钟）。不设置的话，服务器一重启就会遇到 EADDRINUSE。',
      },
    },
    'ts-bind': {
      text: {
        en: 'bind() to 127.0.0.1 and the port from the command line. The name the programs meet by is now a number: no file, no permission check, any local process may connect. The socket shows up in /proc/net/tcp, not /proc/net/unix.',
        zh: 'bind() 绑定到 127.0.0.1 和命令行给出的端口。两个程序相遇靠的名字变成了一个数字：没有文件，也没有权限检查，本机任何进程都能连。这个套接字出现在 /proc/net/tcp 里，而不是 /proc/net/unix。',
      },
    },
    'ts-listen': {
      text: {
        en: 'listen(): from now on the kernel completes TCP handshakes for this port by itself and queues the finished connections for accept().',
        zh: 'listen()：从此内核会自行替这个端口完成 TCP 三次握手，把建立好的连接排队，等 accept() 来取。',
      },
    },
    'ts-accept': {
      text: {
        en: 'accept() sleeps in inet_csk_accept until a handshake has completed, then returns a new socket for that connection; its peer is the client’s address, 127.0.0.1 with a port the kernel chose.',
        zh: 'accept() 阻塞在 inet_csk_accept 里，直到有握手完成，然后为这条连接返回一个新的套接字；它的对端是客户端地址：127.0.0.1 加上内核为客户端挑的一个端口。',
      },
    },
    'ts-read': {
      text: {
        en: 'read() sleeps in wait_woken, TCP’s wait for data, until bytes arrive. It returns 0 once the client has sent its FIN by closing.',
        zh: 'read() 阻塞在 wait_woken 里（TCP 等数据的地方），直到有字节到达。客户端关闭连接、发来 FIN 之后，它返回 0。',
      },
    },
    'ts-write': {
      text: {
        en: 'write() hands the bytes to TCP, which sends them as a segment over the loopback device; the client’s read() wakes when they arrive.',
        zh: 'write() 把字节交给 TCP，TCP 把它们打成报文段，经回环设备发出去；数据一到，客户端的 read() 就被唤醒。',
      },
    },
    'ts-close': {
      text: {
        en: 'close() on both sockets. There is nothing to unlink: a port is not a file. The client closed first, so it is the client’s side of the connection that waits in TIME_WAIT.',
        zh: 'close() 关闭两个套接字。这里没有什么要 unlink 的：端口不是文件。先关闭的是客户端，所以停在 TIME_WAIT 状态的是客户端那一侧。',
      },
    },
    'tc-socket': {
      text: {
        en: 'A fresh TCP socket for each attempt: POSIX leaves a socket’s state unspecified after a failed connect(), so a careful client starts over with a new one.',
        zh: '每次尝试都新建一个 TCP 套接字：POSIX 没有规定 connect() 失败后套接字处于什么状态，所以谨慎的客户端会换一个新的重来。',
      },
    },
    'tc-connect': {
      text: {
        en: 'connect() runs the three-way handshake with 127.0.0.1 on that port, and the kernel picks a free local port for the client. If no one listens, the answer is a reset: ECONNREFUSED; the client closes the socket, sleeps 50 ms and tries again.',
        zh: 'connect() 与 127.0.0.1 的这个端口进行三次握手，内核顺便给客户端挑一个空闲的本地端口。如果没人监听，对方回一个复位报文（RST），得到 ECONNREFUSED；客户端关掉这个套接字，睡 50 毫秒再试。',
      },
    },
    'tc-write': {
      text: {
        en: 'write() sends "hello, server" through TCP; it returns once the bytes are in the socket’s send buffer, not when the server has read them.',
        zh: 'write() 通过 TCP 发出 "hello, server"；字节进了套接字的发送缓冲区它就返回，并不等服务器读到。',
      },
    },
    'tc-read': {
      text: {
        en: 'read() sleeps in wait_woken until the server’s answer arrives, then returns the 13 capitalised bytes.',
        zh: 'read() 阻塞在 wait_woken 里，等到服务器的回答到达，然后返回那 13 个大写字节。',
      },
    },
    'tc-close': {
      text: {
        en: 'close() sends FIN: the server’s read() returns 0. The client’s end outlives its fd: /proc/net/tcp shows it in FIN_WAIT2, held by no process, and once the server closes too it waits in TIME_WAIT for up to a minute.',
        zh: 'close() 发出 FIN，服务器的 read() 随之返回 0。客户端这一端比它的 fd 活得久：/proc/net/tcp 里它处于 FIN_WAIT2，已不属于任何进程；等服务器也关闭后，它还要在 TIME_WAIT 状态停留最多一分钟。',
      },
    },
  },
  sources: {
    'socket-server.c': serverC,
    'socket-client.c': clientC,
    'dgram-server.c': dgramServerC,
    'dgram-client.c': dgramClientC,
    'tcp-server.c': tcpServerC,
    'tcp-client.c': tcpClientC,
  },
  questions,
};
