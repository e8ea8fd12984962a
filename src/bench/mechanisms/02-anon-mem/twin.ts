// Anonymous shared memory's twin (anon-mem.c): a memfd's or MAP_ANONYMOUS mapping, a ring of
// slots per direction, process-shared POSIX semaphores for the hand-off. The slots are one
// Uint8Array over the mapping (koffi.view): the writer's copy is TypedArray.set, a memmove,
// and the reader takes the message where it lies.
import { MAP_ANONYMOUS, MAP_SHARED, MFD_CLOEXEC, PROT_READ, PROT_WRITE, memfdCreate, memoryView, mmap, munmap } from '../../../ffi/sys-mman.js';
import { SEM_T_SIZE, semInit, semPost, semWait } from '../../../ffi/semaphore.js';
import { close, ftruncate } from '../../../ffi/unistd.js';
import type { ChanSetup, Link, TwinMechanism } from '../../types.js';

const SLOTS = 8; // BENCH_SLOTS in c/bench.h
const HEAD = 4096; // the semaphores, then the data

function open({ variant, max, buf }: ChanSetup): Link {
  const length = HEAD + 2 * SLOTS * max;
  let addr: bigint;
  if (variant === 'memfd') {
    const fd = memfdCreate('ipc-demo-bench', MFD_CLOEXEC);
    ftruncate(fd, length);
    addr = mmap(length, PROT_READ | PROT_WRITE, MAP_SHARED, fd);
    close(fd); // the mapping keeps the memory
  } else addr = mmap(length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);
  // Per direction: [full, empty]; the pointers are computed once, not per message.
  const sems = [0, 1].map((dir) => [0, 1].map((empty) => addr + BigInt((dir * 2 + empty) * SEM_T_SIZE)));
  for (const [full, empty] of sems) {
    semInit(full!, 1, 0);
    semInit(empty!, 1, SLOTS);
  }
  const data = memoryView(addr + BigInt(HEAD), 2 * SLOTS * max);
  const pos = [0, 0];
  // The message as a view of buf, made again only when the length changes (not per message).
  let message = buf;
  let out = 0;
  let inward = 1;
  return {
    side(side) {
      out = side;
      inward = 1 - side;
    },
    send(len) {
      const [full, empty] = sems[out]!;
      semWait(empty!);
      if (message.length !== len) message = buf.subarray(0, len);
      data.set(message, (out * SLOTS + (pos[out]! % SLOTS)) * max);
      pos[out]!++;
      semPost(full!);
    },
    recv() {
      // Read in place: the slot at pos[inward] holds the message.
      const [full, empty] = sems[inward]!;
      pos[inward]!++;
      semWait(full!);
      semPost(empty!);
    },
    destroy: () => munmap(addr, length),
  };
}

export const twin: TwinMechanism = { open };
