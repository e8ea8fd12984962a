import { readFileSync } from 'node:fs';
import source from './msgq.c';
import type { MechanismMeta } from '../../types.js';

/** The largest message msgsnd() takes here (kernel.msgmax, 8192 by default). */
function msgmax(): number {
  try {
    return Number(readFileSync('/proc/sys/kernel/msgmax', 'utf8'));
  } catch {
    return 8192;
  }
}

export const mechanism: MechanismMeta = {
  id: 'msgq',
  variants: [{ id: 'msgq', label: 'SysV msgq', maxSize: msgmax }],
  why: {
    en: 'two copies like a pipe, plus a message allocated and queued in the kernel per msgsnd(); capped at msgmax bytes',
    zh: '和管道一样复制两次，另外每次 msgsnd() 都要在内核里分配并排队一条消息；单条不超过 msgmax 字节',
  },
  source,
};
