// Predict, then reveal: what the learner is asked before a step runs. The answer is never
// stored here: each choice says what the run must show for it to be the true one.
import type { Question } from '../types.js';

export const questions: readonly Question[] = [
  {
    id: 'stale-bind',
    step: 's-bind',
    variants: ['stale'],
    prompt: {
      en: 'A socket file from an earlier run is still at the path, and no one listens on it. What does bind() return?',
      zh: '路径上还留着上一次运行的套接字文件，但没有人在上面监听。bind() 返回什么？',
    },
    choices: [
      { text: { en: '0: it takes the path over', zh: '0：直接接管这个路径' }, when: { value: 0 } },
      {
        text: { en: '-1, errno EADDRINUSE', zh: '-1，errno 为 EADDRINUSE' },
        when: { errno: 'EADDRINUSE' },
        why: {
          en: 'bind() of a Unix socket creates the file, and a file is there already, alive or not: EADDRINUSE. The server checks that no one answers on it, unlinks it (s-unlink-stale) and binds again.',
          zh: 'Unix 套接字的 bind() 要新建这个文件，而那里已经有文件了，不管它还有没有人用：EADDRINUSE。服务器先确认没人应答，再 unlink 掉它（s-unlink-stale），然后重新 bind。',
        },
      },
      { text: { en: '-1, errno EEXIST', zh: '-1，errno 为 EEXIST' }, when: { errno: 'EEXIST' } },
      { text: { en: '-1, errno ECONNREFUSED', zh: '-1，errno 为 ECONNREFUSED' }, when: { errno: 'ECONNREFUSED' } },
    ],
    reveal: { from: 'return', call: 'bind' },
  },
  {
    id: 'stream-eof',
    step: 's-read',
    occurrence: 2,
    prompt: {
      en: 'The server has read the client’s 13 bytes and sent its reply. It calls read() again, and the client closes its socket. What does this read() return?',
      zh: '服务器读到了客户端的 13 字节并发回了应答。它再调用一次 read()，而客户端关闭了自己的套接字。这次 read() 返回什么？',
    },
    choices: [
      {
        text: { en: '0: end of file', zh: '0：文件结束' },
        when: { value: 0 },
        why: {
          en: 'A stream socket ends like a pipe: when the peer closes, read() returns 0 once the data is taken. That is how the server knows the conversation is over.',
          zh: '流式套接字的结束方式和管道一样：对端关闭后，数据读完 read() 就返回 0。服务器正是靠这个知道对话结束了。',
        },
      },
      { text: { en: '-1, errno ECONNRESET', zh: '-1，errno 为 ECONNRESET' }, when: { errno: 'ECONNRESET' } },
      { text: { en: '13 again', zh: '又是 13' }, when: { value: 13 } },
      { text: { en: 'It sleeps for ever', zh: '永远睡下去' }, when: { blocked: true } },
    ],
    reveal: { from: 'return', call: 'read' },
  },
  {
    id: 'dgram-first-connect',
    step: 'dc-connect',
    prompt: {
      en: 'The client connects its datagram socket to the server’s path. What does this first connect() return?',
      zh: '客户端把数据报套接字 connect 到服务器的路径。这第一次 connect() 返回什么？',
    },
    choices: [
      {
        text: { en: '0', zh: '0' },
        when: { value: 0 },
        why: {
          en: 'The server had bound its path already. connect() on a datagram socket sends nothing: it only records where send() goes, so it returns at once.',
          zh: '服务器已经绑定好了路径。数据报套接字的 connect() 什么也不发送，只是记下 send() 发往哪里，所以立即返回。',
        },
      },
      {
        text: { en: '-1, errno ENOENT', zh: '-1，errno 为 ENOENT' },
        when: { errno: 'ENOENT' },
        why: {
          en: 'The server has not bound its path yet: there is no file there. The listing closes the socket, waits a little and tries again (dc-socket, dc-connect).',
          zh: '服务器还没绑定路径：那里没有文件。代码关掉套接字，稍等一会儿再试（dc-socket、dc-connect）。',
        },
      },
      { text: { en: '-1, errno ECONNREFUSED', zh: '-1，errno 为 ECONNREFUSED' }, when: { errno: 'ECONNREFUSED' } },
      { text: { en: 'It sleeps until the server binds', zh: '睡下，直到服务器绑定' }, when: { blocked: true } },
    ],
    racy: {
      en: 'Who comes first is up to the scheduler (and to you, in step mode): when the server binds first, connect() returns 0 the first time.',
      zh: '谁先到由调度器决定（单步模式下由你决定）：服务器先绑定的话，第一次 connect() 就返回 0。',
    },
    reveal: { from: 'return', call: 'connect' },
  },
  {
    id: 'dgram-boundaries',
    step: 'ds-recvfrom',
    prompt: {
      en: 'The client sends two datagrams: 3 bytes, then 7. How many bytes does the server’s first recvfrom() return?',
      zh: '客户端发两个数据报：先 3 字节，再 7 字节。服务器第一次 recvfrom() 返回多少字节？',
    },
    why: {
      en: 'SOCK_DGRAM keeps each message whole and apart: one recvfrom() returns one datagram, even when both are queued. A stream socket’s read() could return all 10 at once.',
      zh: 'SOCK_DGRAM 保持每条消息完整且彼此分开：一次 recvfrom() 只返回一个数据报，即使两个都已经在队列里。流式套接字的 read() 则可能一次返回全部 10 字节。',
    },
    reveal: { from: 'return', call: 'recvfrom' },
  },
];
