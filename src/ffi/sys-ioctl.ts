// <sys/ioctl.h>
import { check, libc } from './libc.js';

export const FIONREAD = 0x541b;

// ioctl is variadic; on x86-64 an int * third argument is passed exactly as declared here.
const ioctlC = libc.func('int ioctl(int fd, unsigned long request, void *argp)');

/** Bytes waiting to be read on a pipe, FIFO or socket. */
export function fionread(fd: number): number {
  const out = new Int32Array(1);
  check('ioctl', ioctlC(fd, FIONREAD, out) as number);
  return out[0] ?? 0;
}
