// <poll.h>
import { ErrnoError, errnoValue, lastErrno, libc } from './libc.js';

export const POLLIN = 0x1;
/** sizeof(struct pollfd): int fd, short events, short revents. */
const POLLFD_SIZE = 8;
const EINTR = errnoValue('EINTR');

const pollC = libc.func('int poll(void *fds, unsigned long nfds, int timeout)');

/**
 * Sleeps until `fd` is readable. Returns -1 when a signal handler ran instead:
 * poll(2) is never restarted after a handler, whatever SA_RESTART says, which
 * is what lets a caller notice that one ran.
 */
export function pollIn(fd: number, timeoutMs = -1): number {
  const pollfd = Buffer.alloc(POLLFD_SIZE);
  pollfd.writeInt32LE(fd, 0);
  pollfd.writeInt16LE(POLLIN, 4);
  const n = pollC(pollfd, 1, timeoutMs) as number;
  if (n === -1) {
    const errno = lastErrno();
    if (errno === EINTR) return -1;
    throw new ErrnoError('poll', errno);
  }
  return n;
}
