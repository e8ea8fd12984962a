// Whole messages over a byte stream (pipe, FIFO, stream socket): read() and write() may move
// fewer bytes than asked. The same loops as bench_read_all/bench_write_all in c/harness.c.
import { read, write } from '../ffi/unistd.js';

export function readAll(fd: number, buf: Buffer, len: number): void {
  let done = read(fd, buf, len);
  // A short read is rare below the pipe's size: only then a view (an allocation) of the rest.
  while (done < len) {
    const n = read(fd, buf.subarray(done), len - done);
    if (n === 0) throw new Error('read: end of file in the middle of a message');
    done += n;
  }
}

export function writeAll(fd: number, buf: Buffer, len: number): void {
  let done = write(fd, buf, len);
  while (done < len) done += write(fd, buf.subarray(done), len - done);
}
