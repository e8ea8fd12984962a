// The one place that loads libc. Every header file in src/ffi declares its
// prototypes through `libc.func(...)` exactly as the man page writes them.
import koffi from 'koffi';

export const libc = koffi.load('libc.so.6');

// The POSIX types the prototypes below are written with, as x86-64 glibc defines them.
koffi.alias('ssize_t', 'intptr_t');
koffi.alias('pid_t', 'int');
koffi.alias('key_t', 'int');
koffi.alias('mode_t', 'unsigned int');
koffi.alias('socklen_t', 'uint32_t');
koffi.alias('off_t', 'int64_t');

/** A C pointer as koffi 3 represents it; NULL is `null`. */
export type Pointer = bigint;

/** (void *) -1, returned by mmap (MAP_FAILED) and shmat on failure. */
export const MINUS_ONE_POINTER = 0xffff_ffff_ffff_ffffn;

const strerrorC = libc.func('const char *strerror(int errnum)');

const errnoNames = new Map<number, string>();
for (const [name, value] of Object.entries(koffi.os.errno as Record<string, number>)) {
  // Several names share a value (EAGAIN/EWOULDBLOCK, EDEADLK/EDEADLOCK): keep the first, usual one.
  if (!errnoNames.has(value)) errnoNames.set(value, name);
}

export function errnoName(errno: number): string {
  return errnoNames.get(errno) ?? `E${errno}`;
}

export function errnoValue(name: string): number {
  const value = (koffi.os.errno as Record<string, number | undefined>)[name];
  if (value === undefined) throw new Error(`unknown errno name ${name}`);
  return value;
}

export function strerror(errno: number): string {
  return strerrorC(errno) as string;
}

/** A libc call failed: carries the call, errno, its name and strerror text. */
export class ErrnoError extends Error {
  readonly call: string;
  readonly errno: number;
  readonly code: string;
  readonly description: string;

  constructor(call: string, errno: number) {
    const code = errnoName(errno);
    const description = strerror(errno);
    super(`${call}: ${code} (${description})`);
    this.name = 'ErrnoError';
    this.call = call;
    this.errno = errno;
    this.code = code;
    this.description = description;
  }
}

/** The live errno: read it on the very next statement after the call. */
export function lastErrno(): number {
  return koffi.errno();
}

/** Turns the C convention "-1 and errno" into an ErrnoError. */
export function check(call: string, result: number): number {
  if (result === -1) throw new ErrnoError(call, koffi.errno());
  return result;
}

export function checkPointer(call: string, result: Pointer | null): Pointer {
  if (result === null || result === MINUS_ONE_POINTER) throw new ErrnoError(call, koffi.errno());
  return result;
}

export { koffi };
