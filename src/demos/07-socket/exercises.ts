// The Unix domain socket's exercises (issue 13): data and checks, read by `ipc-demo lab`.
import { at, callsOf, cleanEnd, fail, pass, type Exercise } from '../exercise.js';
import socketServer from './exercises/socket-server.c';

export const exercises: readonly Exercise[] = [
  {
    id: 'socket-stale-path',
    title: { en: 'A server that survives a stale socket file', zh: '不怕残留套接字文件的服务器' },
    task: {
      en: 'socket-server.c binds a Unix socket at the path given as its argument and listens. A server that crashed left its socket file there, so bind() fails with EADDRINUSE though no one listens. Make the server start anyway. The check puts such a dead server\'s socket file at the path first, then looks at what bind() and listen() returned.',
      zh: 'socket-server.c 在参数给出的路径上绑定一个 Unix 套接字并监听。一个崩溃的服务器在那里留下了它的套接字文件，于是 bind() 以 EADDRINUSE 失败，尽管根本没人在监听。让服务器照样启动。检查会先在该路径放一个这样的“死”服务器的套接字文件，再看 bind() 和 listen() 返回了什么。',
    },
    file: 'socket-server.c',
    starter: socketServer,
    argv: ['{dir}/server.sock'],
    setup: { 'server.sock': 'stale-socket' },
    hints: [
      { en: 'A socket file is a name in the filesystem. It stays after its server has gone, until someone unlink()s it, and bind() will not reuse a name that exists.', zh: '套接字文件是文件系统里的一个名字。服务器退出后它还在，直到有人 unlink() 它；而 bind() 不会复用一个已经存在的名字。' },
      { en: 'Is the file a live server\'s? connect() to it: ECONNREFUSED means no one listens.', zh: '这个文件属于一个活着的服务器吗？connect() 一下：ECONNREFUSED 表示没人在监听。' },
      { en: 'Before bind(): unlink(path) (when connect() is refused, to be careful), then bind.', zh: '在 bind() 之前：unlink(path)（稳妥起见，在 connect() 被拒绝时才这样做），然后再 bind。' },
    ],
    check(evidence) {
      const path = evidence.pathArgs['server.sock'];
      const binds = callsOf(evidence, 'bind');
      const bound = binds.find((c) => c.returned && !c.errno);
      if (!bound) {
        const refused = binds.find((c) => c.errno === 'EADDRINUSE');
        return fail({
          en: refused ? `bind()${at(refused).en} failed with EADDRINUSE: ${path} is a dead server's socket file, and the name is taken until it is removed.` : 'The server never bound its socket: bind() must succeed at the path it was given.',
          zh: refused ? `bind()${at(refused).zh}以 EADDRINUSE 失败：${path} 是一个已死服务器的套接字文件，在它被删除之前这个名字一直被占着。` : '服务器一直没有绑定它的套接字：bind() 必须在给定的路径上成功。',
        });
      }
      const listening = callsOf(evidence, 'listen').find((c) => c.returned && !c.errno);
      if (!listening) return fail({ en: 'bind() worked, but the server never listened: listen() must succeed too.', zh: 'bind() 成功了，但服务器没有监听：listen() 也必须成功。' });
      const ended = cleanEnd(evidence);
      if (ended) return ended;
      return pass({
        en: `With a dead server's socket file at ${path}, bind()${at(bound).en} and listen()${at(listening).en} both returned 0: the server removed the stale name and took it.`,
        zh: `在 ${path} 上有已死服务器的套接字文件的情况下，bind()${at(bound).zh}和 listen()${at(listening).zh}都返回了 0：服务器删掉了残留的名字并占用了它。`,
      });
    },
  },
];
