import source from './socket.c';
import type { MechanismMeta } from '../../types.js';

export const mechanism: MechanismMeta = {
  id: 'socket',
  variants: [
    { id: 'stream', label: 'unix stream' },
    { id: 'dgram', label: 'unix dgram', maxSize: () => 65536 },
    { id: 'tcp', label: 'TCP loopback' },
  ],
  why: {
    en: 'two copies like a pipe, through socket buffers; TCP adds the whole TCP/IP stack (headers, checksums offloaded, acks) for the same bytes',
    zh: '和管道一样复制两次，经过套接字缓冲区；TCP 为同样的字节还要走完整个 TCP/IP 协议栈（报头、确认）',
  },
  source,
};
