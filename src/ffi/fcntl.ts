// <fcntl.h>
import { check, libc } from './libc.js';

export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_NONBLOCK = 0o4000;
export const O_CLOEXEC = 0o2000000;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const F_SETFD = 2;
export const FD_CLOEXEC = 1;
export const F_GETPIPE_SZ = 1032;

const openC = libc.func('int open(const char *pathname, int flags, unsigned int mode)');
const fcntlC = libc.func('int fcntl(int fd, int cmd, long arg)');

export function open(path: string, flags: number, mode = 0): number {
  return check('open', openC(path, flags, mode) as number);
}

export function fcntl(fd: number, cmd: number, arg = 0): number {
  return check('fcntl', fcntlC(fd, cmd, arg) as number);
}

/** The calls a demo makes through the traced facade. */
export const calls = { open, fcntl };
