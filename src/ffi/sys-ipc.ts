// <sys/ipc.h>, and the IPC_RMID of <sys/shm.h>, <sys/msg.h>, <sys/sem.h>
import { check, libc } from './libc.js';

export const IPC_PRIVATE = 0;
export const IPC_CREAT = 0o1000;
export const IPC_EXCL = 0o2000;
export const IPC_NOWAIT = 0o4000;
export const IPC_RMID = 0;
export const IPC_SET = 1;
export const IPC_STAT = 2;

const ftokC = libc.func('key_t ftok(const char *pathname, int proj_id)');
const shmctlC = libc.func('int shmctl(int shmid, int cmd, void *buf)');
const msgctlC = libc.func('int msgctl(int msqid, int cmd, void *buf)');
const semctlC = libc.func('int semctl(int semid, int semnum, int cmd, ...)');

export function ftok(path: string, projId: number): number {
  return check('ftok', ftokC(path, projId) as number);
}

/** IPC_RMID of one System V object, for the cleanup sweep. */
export function removeSysvObject(kind: 'shm' | 'msg' | 'sem', id: number): void {
  if (kind === 'shm') check('shmctl', shmctlC(id, IPC_RMID, null) as number);
  else if (kind === 'msg') check('msgctl', msgctlC(id, IPC_RMID, null) as number);
  else check('semctl', semctlC(id, 0, IPC_RMID) as number);
}

/** The calls a demo makes through the traced facade. */
export const calls = { ftok };
