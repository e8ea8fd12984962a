import source from './anon-mem.c';
import type { MechanismMeta } from '../../types.js';

export const mechanism: MechanismMeta = {
  id: 'anon-mem',
  variants: [
    { id: 'memfd', label: 'memfd + sem', sharedMemory: true },
    { id: 'anon', label: 'MAP_ANON + sem', sharedMemory: true },
  ],
  why: {
    en: 'no copy through the kernel: the writer\'s one memcpy is the message; a futex semaphore enters the kernel only to sleep or wake',
    zh: '不经过内核复制：写端的一次 memcpy 就是整条消息；futex 信号量只在需要睡眠或唤醒时才进内核',
  },
  source,
};
