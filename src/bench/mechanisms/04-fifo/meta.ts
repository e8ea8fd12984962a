import source from './fifo.c';
import type { MechanismMeta } from '../../types.js';

export const mechanism: MechanismMeta = {
  id: 'fifo',
  variants: [{ id: 'fifo', label: 'FIFO' }],
  why: {
    en: 'a pipe with a name: the name costs only at open(); then the same two copies and wake-ups as a pipe',
    zh: '有名字的管道：名字只在 open() 时有代价；之后和管道一样，两次复制、一次唤醒',
  },
  source,
};
