// Real syscalls through koffi, in the test process itself (no fork here).
import { describe, expect, it } from 'vitest';
import { ErrnoError, errnoName, strerror } from '../../src/ffi/libc.js';
import { F_GETPIPE_SZ, O_RDONLY, fcntl, open } from '../../src/ffi/fcntl.js';
import { fionread } from '../../src/ffi/sys-ioctl.js';
import { waitpid } from '../../src/ffi/sys-wait.js';
import { close, getpid, pipe, read, write } from '../../src/ffi/unistd.js';

describe('libc through koffi', () => {
  it('moves bytes through a real pipe', () => {
    const [r, w] = pipe();
    try {
      expect(write(w, Buffer.from('hello'))).toBe(5);
      expect(fionread(r)).toBe(5);
      const buf = new Uint8Array(16);
      expect(read(r, buf)).toBe(5);
      expect(Buffer.from(buf.subarray(0, 5)).toString()).toBe('hello');
      expect(fcntl(w, F_GETPIPE_SZ)).toBeGreaterThanOrEqual(4096);
    } finally {
      close(r);
      close(w);
    }
  });

  it('turns -1 into an ErrnoError with the call, errno, its name and strerror', () => {
    const error = (() => {
      try {
        close(-1);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ErrnoError);
    expect(error).toMatchObject({ call: 'close', errno: 9, code: 'EBADF', description: 'Bad file descriptor' });
    expect((error as Error).message).toBe('close: EBADF (Bad file descriptor)');
  });

  it('names errno values and describes them as strerror does', () => {
    expect(errnoName(32)).toBe('EPIPE');
    expect(errnoName(11)).toBe('EAGAIN');
    expect(strerror(2)).toBe('No such file or directory');
    expect(() => open('/nonexistent/ipc-demo', O_RDONLY)).toThrow(/open: ENOENT/);
  });

  it('reports the real pid and refuses to wait for "any child"', () => {
    expect(getpid()).toBe(process.pid);
    expect(() => waitpid(-1)).toThrow(RangeError);
    expect(() => waitpid(getpid())).toThrow(/waitpid: ECHILD/);
  });
});
