// <sys/shm.h>
import { check, checkPointer, libc, type Pointer } from './libc.js';

export const SHM_RDONLY = 0o10000;

const shmgetC = libc.func('int shmget(key_t key, size_t size, int shmflg)');
const shmatC = libc.func('void *shmat(int shmid, const void *shmaddr, int shmflg)');
const shmdtC = libc.func('int shmdt(const void *shmaddr)');
const shmctlC = libc.func('int shmctl(int shmid, int cmd, void *buf)');

/** sizeof(struct shmid_ds) on x86-64 glibc, and the fields a lesson prints. */
export const SHMID_DS_SIZE = 112;
const SHM_SEGSZ_OFFSET = 48;
const SHM_CPID_OFFSET = 80;
const SHM_LPID_OFFSET = 84;
const SHM_NATTCH_OFFSET = 88;

export function shmget(key: number, size: number, flags: number): number {
  return check('shmget', shmgetC(key, size, flags) as number);
}

/** shmat(2); a failure is (void *) -1, turned into an ErrnoError. */
export function shmat(id: number, flags = 0): Pointer {
  return checkPointer('shmat', shmatC(id, null, flags) as Pointer | null);
}

export function shmdt(addr: Pointer): void {
  check('shmdt', shmdtC(addr) as number);
}

export interface ShmidDs {
  readonly segsz: number;
  readonly cpid: number;
  readonly lpid: number;
  readonly nattch: number;
}

/** shmctl(2): IPC_RMID (no buffer) or IPC_STAT (decoded). */
export function shmctl(id: number, cmd: number): ShmidDs | null {
  const buf = Buffer.alloc(SHMID_DS_SIZE);
  check('shmctl', shmctlC(id, cmd, buf) as number);
  if (cmd !== 2) return null;
  return {
    segsz: Number(buf.readBigUInt64LE(SHM_SEGSZ_OFFSET)),
    cpid: buf.readInt32LE(SHM_CPID_OFFSET),
    lpid: buf.readInt32LE(SHM_LPID_OFFSET),
    nattch: Number(buf.readBigUInt64LE(SHM_NATTCH_OFFSET)),
  };
}

/** The calls a demo makes through the traced facade. */
export const calls = { shmget, shmat, shmdt, shmctl };
