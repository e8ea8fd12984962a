// <semaphore.h>: POSIX unnamed semaphores, placed in memory the caller maps (shared, for pshared 1).
import { check, errnoValue, lastErrno, libc, type Pointer } from './libc.js';

/** sizeof(sem_t) on x86-64 glibc. */
export const SEM_T_SIZE = 32;
const EINTR = errnoValue('EINTR');

const semInitC = libc.func('int sem_init(void *sem, int pshared, unsigned int value)');
const semWaitC = libc.func('int sem_wait(void *sem)') as (sem: Pointer) => number;
const semPostC = libc.func('int sem_post(void *sem)') as (sem: Pointer) => number;

export function semInit(sem: Pointer, pshared: number, value: number): void {
  check('sem_init', semInitC(sem, pshared, value) as number);
}

/** sem_wait(3), retried when a signal interrupts it. */
export function semWait(sem: Pointer): void {
  while (semWaitC(sem) === -1) if (lastErrno() !== EINTR) check('sem_wait', -1);
}

export function semPost(sem: Pointer): void {
  if (semPostC(sem) === -1) check('sem_post', -1);
}
