// <sys/mman.h>
import { check, checkPointer, koffi, libc, type Pointer } from './libc.js';

export const PROT_READ = 0x1;
export const PROT_WRITE = 0x2;
export const MAP_SHARED = 0x01;
export const MAP_PRIVATE = 0x02;
export const MAP_ANONYMOUS = 0x20;
export const MFD_CLOEXEC = 0x1;
export const MADV_DOFORK = 11;

const mmapC = libc.func('void *mmap(void *addr, size_t length, int prot, int flags, int fd, int64_t offset)');
const munmapC = libc.func('int munmap(void *addr, size_t length)');
const memfdCreateC = libc.func('int memfd_create(const char *name, unsigned int flags)');

/** Raw madvise for the fork recipe: returns -1 and leaves errno, allocates nothing. */
export const rawMadvise = libc.func('int madvise(uintptr_t addr, size_t length, int advice)') as (
  addr: bigint,
  length: bigint,
  advice: number,
) => number;

export function mmap(length: number, prot: number, flags: number, fd = -1, offset = 0): Pointer {
  return checkPointer('mmap', mmapC(null, length, prot, flags, fd, offset) as Pointer | null);
}

export function munmap(addr: Pointer, length: number): void {
  check('munmap', munmapC(addr, length) as number);
}

export function memfdCreate(name: string, flags: number): number {
  return check('memfd_create', memfdCreateC(name, flags) as number);
}

/** A zero-copy view of mapped memory. It dangles after munmap/shmdt: drop it first. */
export function memoryView(addr: Pointer, length: number): Uint8Array {
  return new Uint8Array(koffi.view(addr, length));
}

/** The calls a demo makes through the traced facade. */
export const calls = { mmap, munmap, memfdCreate };
