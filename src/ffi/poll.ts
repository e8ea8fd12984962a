// <poll.h>
import { ErrnoError, errnoValue, lastErrno, libc } from './libc.js';

export const POLLIN = 0x1;
/** sizeof(struct pollfd): int fd, short events, short revents. */
const POLLFD_SIZE = 8;
/** struct timespec {0, 0}: ppoll returns at once. */
const NO_WAIT = Buffer.alloc(16);
const EINTR = errnoValue('EINTR');

const pollC = libc.func('int poll(void *fds, unsigned long nfds, int timeout)');
const ppollC = libc.func('int ppoll(void *fds, unsigned long nfds, const void *tmo_p, const void *sigmask)');

function pollfdIn(fd: number): Buffer {
  const pollfd = Buffer.alloc(POLLFD_SIZE);
  pollfd.writeInt32LE(fd, 0);
  pollfd.writeInt16LE(POLLIN, 4);
  return pollfd;
}

/** -1 for EINTR (a signal handler ran), the count otherwise; any other error throws. */
function interrupted(call: string, n: number): number {
  if (n !== -1) return n;
  const errno = lastErrno();
  if (errno === EINTR) return -1;
  throw new ErrnoError(call, errno);
}

/**
 * Sleeps until `fd` is readable. Returns -1 when a signal handler ran instead:
 * poll(2) is never restarted after a handler, whatever SA_RESTART says, which
 * is what lets a caller notice that one ran.
 */
export function pollIn(fd: number, timeoutMs = -1): number {
  return interrupted('poll', pollC(pollfdIn(fd), 1, timeoutMs) as number);
}

/** struct timespec for `ms` milliseconds. */
function timespec(ms: number): Buffer {
  const ts = Buffer.alloc(16);
  ts.writeBigInt64LE(BigInt(Math.floor(ms / 1000)), 0);
  ts.writeBigInt64LE(BigInt((ms % 1000) * 1e6), 8);
  return ts;
}

/** pollIn with `sigmask` as the signal mask while it sleeps, set and restored atomically (ppoll(2)); 0 after `timeoutMs` (none: forever). */
export function ppollIn(fd: number, sigmask: Buffer, timeoutMs?: number): number {
  return interrupted('ppoll', ppollC(pollfdIn(fd), 1, timeoutMs === undefined ? null : timespec(timeoutMs), sigmask) as number);
}

/**
 * Lets the kernel deliver what is pending and unblocked under `sigmask`, then
 * puts the mask back, in one system call. -1 if a handler ran (there may be more).
 */
export function ppollSignals(sigmask: Buffer): number {
  return interrupted('ppoll', ppollC(null, 0, NO_WAIT, sigmask) as number);
}
