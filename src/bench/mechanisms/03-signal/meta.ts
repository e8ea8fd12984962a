import source from './signal.c';
import type { MechanismMeta } from '../../types.js';

export const mechanism: MechanismMeta = {
  id: 'signal',
  variants: [{ id: 'rt', label: 'RT signal', fixedSize: 8 }],
  why: {
    en: 'no data path at all: 8 bytes of payload, a siginfo queued in the kernel and a wake-up per signal; made for events, not data',
    zh: '根本没有数据通道：每个信号只带 8 字节，内核要排队一个 siginfo 并唤醒对方；信号是用来通知事件的，不是用来传数据的',
  },
  source,
};
