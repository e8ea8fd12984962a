// <sys/sem.h>
import koffi from 'koffi';
import { check, libc } from './libc.js';

export const SEM_UNDO = 0x1000;
export const GETVAL = 12;
export const SETVAL = 16;

/** sizeof(struct sembuf): unsigned short sem_num; short sem_op; short sem_flg. */
export const SEMBUF_SIZE = 6;

const semgetC = libc.func('int semget(key_t key, int nsems, int semflg)');
const semopC = libc.func('int semop(int semid, void *sops, size_t nsops)');
// semctl is variadic: the fourth argument's type is given at each call.
const semctlC = libc.func('int semctl(int semid, int semnum, int cmd, ...)');

/**
 * semctl(2): "the calling program must define this union"; the fourth argument is one, never a
 * bare int (which is undefined behaviour, however well it happens to work on x86-64).
 */
const semunC = koffi.union('semun', { val: 'int', buf: 'void *', array: 'uint16_t *', __buf: 'void *' });

/** The member of union semun the demos use: SETVAL's value. */
export interface Semun {
  readonly val: number;
}

export function semget(key: number, nsems: number, flags: number): number {
  return check('semget', semgetC(key, nsems, flags) as number);
}

/** One operation, as a struct sembuf in memory. */
export function sembuf(num: number, op: number, flags: number): Buffer {
  const buf = Buffer.alloc(SEMBUF_SIZE);
  buf.writeUInt16LE(num, 0);
  buf.writeInt16LE(op, 2);
  buf.writeInt16LE(flags, 4);
  return buf;
}

export function semop(id: number, sops: Buffer): void {
  check('semop', semopC(id, sops, sops.length / SEMBUF_SIZE) as number);
}

/** semctl(2) with a union semun (SETVAL) or no fourth argument (GETVAL, IPC_RMID). */
export function semctl(id: number, num: number, cmd: number, arg?: Semun): number {
  const result = arg === undefined ? semctlC(id, num, cmd) : semctlC(id, num, cmd, semunC, { val: arg.val });
  return check('semctl', result as number);
}

/** The calls a demo makes through the traced facade. */
export const calls = { semget, semop, semctl };
