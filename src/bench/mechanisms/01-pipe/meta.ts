import source from './pipe.c';
import type { MechanismMeta } from '../../types.js';

export const mechanism: MechanismMeta = {
  id: 'pipe',
  variants: [{ id: 'pipe', label: 'pipe' }],
  why: {
    en: 'two copies per message (into the kernel\'s pipe buffer, out again); each hand-off wakes the reader, a context switch on one CPU',
    zh: '每条消息复制两次（写入内核的管道缓冲区，再读出来）；每次交接都要唤醒读端，单 CPU 上就是一次上下文切换',
  },
  source,
};
