// <unistd.h>
import { check, libc } from './libc.js';

const pipeC = libc.func('int pipe(int *pipefd)');
const readC = libc.func('ssize_t read(int fd, void *buf, size_t count)');
const writeC = libc.func('ssize_t write(int fd, const void *buf, size_t count)');
const closeC = libc.func('int close(int fd)');
const getpidC = libc.func('int getpid(void)');
const geteuidC = libc.func('uint32_t geteuid(void)');
const getppidC = libc.func('int getppid(void)');
const exitC = libc.func('void _exit(int status)');
const ftruncateC = libc.func('int ftruncate(int fd, int64_t length)');
const unlinkC = libc.func('int unlink(const char *pathname)');
const usleepC = libc.func('int usleep(uint32_t usec)');
const sleepC = libc.func('unsigned int sleep(unsigned int seconds)');
const pauseC = libc.func('int pause(void)');
const dup2C = libc.func('int dup2(int oldfd, int newfd)');

/** Raw fork(2). Use forkProcess() from fork.ts: this alone kills the child. */
export const rawFork = libc.func('int fork(void)') as () => number;

export function pipe(): [readEnd: number, writeEnd: number] {
  const fds = new Int32Array(2);
  check('pipe', pipeC(fds) as number);
  return [fds[0]!, fds[1]!];
}

export function read(fd: number, buf: Uint8Array, count = buf.length): number {
  return check('read', Number(readC(fd, buf, count)));
}

export function write(fd: number, buf: Uint8Array, count = buf.length): number {
  return check('write', Number(writeC(fd, buf, count)));
}

/** Writes every byte, retrying short writes, like a careful C program does. */
export function writeAll(fd: number, buf: Uint8Array): void {
  let done = 0;
  while (done < buf.length) done += write(fd, buf.subarray(done));
}

export function close(fd: number): void {
  check('close', closeC(fd) as number);
}

export function getpid(): number {
  return getpidC() as number;
}

/** geteuid(2): the uid the kernel checks permissions against, and the one SO_PEERCRED reports. */
export function geteuid(): number {
  return geteuidC() as number;
}

export function getppid(): number {
  return getppidC() as number;
}

export function exit(status: number): never {
  exitC(status);
  throw new Error('unreachable: _exit returned');
}

export function ftruncate(fd: number, length: number): void {
  check('ftruncate', ftruncateC(fd, length) as number);
}

export function unlink(path: string): void {
  check('unlink', unlinkC(path) as number);
}

export function usleep(usec: number): void {
  check('usleep', usleepC(usec) as number);
}

/** sleep(3): the seconds left if a handler interrupted it, else 0. */
export function sleep(seconds: number): number {
  return sleepC(seconds) as number;
}

/** pause() always returns -1 with EINTR: the return is the lesson, not an error. */
export function pause(): number {
  return pauseC() as number;
}

export function dup2(oldfd: number, newfd: number): number {
  return check('dup2', dup2C(oldfd, newfd) as number);
}

/** The calls a demo makes through the traced facade. */
export const calls = { pipe, read, write, close, getpid, getppid, geteuid, ftruncate, unlink, usleep, sleep, pause, dup2 };
