// <sys/prctl.h>
import { check, libc } from './libc.js';

export const PR_SET_PDEATHSIG = 1;

const prctlC = libc.func('int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)');

export function setParentDeathSignal(signo: number): void {
  check('prctl', prctlC(PR_SET_PDEATHSIG, signo, 0, 0, 0) as number);
}
