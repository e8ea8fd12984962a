// System V shared memory's twin (shm.c): the segment is marked for removal once attached, the
// hand-off is semop() on a set of four semaphores (per direction: full, empty). The four
// struct sembuf are built once; the slots are one Uint8Array over the segment.
import { IPC_CREAT, IPC_PRIVATE, IPC_RMID } from '../../../ffi/sys-ipc.js';
import { SETVAL, sembuf, semctl, semget, semop } from '../../../ffi/sys-sem.js';
import { shmat, shmctl, shmdt, shmget } from '../../../ffi/sys-shm.js';
import { memoryView } from '../../../ffi/sys-mman.js';
import type { ChanSetup, Link, TwinMechanism } from '../../types.js';

const SLOTS = 8; // BENCH_SLOTS in c/bench.h

function open({ max, buf, record }: ChanSetup): Link {
  const length = 2 * SLOTS * max;
  const shm = shmget(IPC_PRIVATE, length, IPC_CREAT | 0o600);
  record('shm', shm);
  const addr = shmat(shm);
  shmctl(shm, IPC_RMID); // it lives while attached: the child's attachment comes with fork()
  const sem = semget(IPC_PRIVATE, 4, IPC_CREAT | 0o600);
  record('sem', sem);
  for (const dir of [0, 1]) semctl(sem, dir * 2 + 1, SETVAL, { val: SLOTS });
  // ops[dir] = [take full, give full, take empty, give empty]
  const ops = [0, 1].map((dir) => [sembuf(dir * 2, -1, 0), sembuf(dir * 2, 1, 0), sembuf(dir * 2 + 1, -1, 0), sembuf(dir * 2 + 1, 1, 0)]);
  const data = memoryView(addr, length);
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
      const op = ops[out]!;
      semop(sem, op[2]!);
      if (message.length !== len) message = buf.subarray(0, len);
      data.set(message, (out * SLOTS + (pos[out]! % SLOTS)) * max);
      pos[out]!++;
      semop(sem, op[1]!);
    },
    recv() {
      const op = ops[inward]!;
      pos[inward]!++; // read in place
      semop(sem, op[0]!);
      semop(sem, op[3]!);
    },
    destroy() {
      shmdt(addr);
      semctl(sem, 0, IPC_RMID);
    },
  };
}

export const twin: TwinMechanism = { open };
