import source from './shm.c';
import type { MechanismMeta } from '../../types.js';

export const mechanism: MechanismMeta = {
  id: 'shm',
  variants: [{ id: 'sysv', label: 'SysV shm + sem', sharedMemory: true }],
  why: {
    en: 'shared pages, one memcpy per message like anonymous memory; but every semop() is a system call, even when no one waits',
    zh: '共享页面，和匿名共享内存一样每条消息只有一次 memcpy；但每次 semop() 都是系统调用，即使没有人在等',
  },
  source,
};
