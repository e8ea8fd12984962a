// <sys/stat.h>
import { check, libc } from './libc.js';

export const S_IFMT = 0o170000;
export const S_IFIFO = 0o010000;
export const S_IFREG = 0o100000;
export const S_IFSOCK = 0o140000;

/** sizeof(struct stat) on x86-64 glibc; st_mode is at offset 24. */
const STAT_SIZE = 144;
const ST_MODE_OFFSET = 24;

const mkfifoC = libc.func('int mkfifo(const char *pathname, mode_t mode)');
const statC = libc.func('int stat(const char *pathname, void *statbuf)');

export function mkfifo(path: string, mode: number): void {
  check('mkfifo', mkfifoC(path, mode) as number);
}

/** stat(2), reduced to what the demos look at: the file type and permission bits. */
export function stat(path: string): { mode: number } {
  const buf = Buffer.alloc(STAT_SIZE);
  check('stat', statC(path, buf) as number);
  return { mode: buf.readUInt32LE(ST_MODE_OFFSET) };
}

export function isFifo(mode: number): boolean {
  return (mode & S_IFMT) === S_IFIFO;
}

/** The calls a demo makes through the traced facade. */
export const calls = { mkfifo, stat };
