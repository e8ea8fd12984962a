import { describe, expect, it } from 'vitest';
import { decodeSignalMask, signalName } from '../../src/ffi/signal-names.js';
import { decodeWaitStatus, describeWaitStatus } from '../../src/ffi/wait-status.js';
import { parseSysvTable } from '../../src/runtime/kernel/sysvipc.js';

describe('wait status decoding', () => {
  it('reads exit codes and terminating signals as WIFEXITED/WTERMSIG do', () => {
    expect(decodeWaitStatus(0)).toEqual({ code: 0, signal: null, core: false });
    expect(decodeWaitStatus(3 << 8)).toEqual({ code: 3, signal: null, core: false });
    expect(decodeWaitStatus(13)).toEqual({ code: null, signal: 'SIGPIPE', core: false });
    expect(decodeWaitStatus(11 | 0x80)).toEqual({ code: null, signal: 'SIGSEGV', core: true });
    expect(describeWaitStatus(decodeWaitStatus(10))).toBe('killed by SIGUSR1');
    expect(describeWaitStatus(decodeWaitStatus(1 << 8))).toBe('exited 1');
  });
});

describe('signal names and masks', () => {
  it('names standard and real-time signals as glibc numbers them', () => {
    expect(signalName(10)).toBe('SIGUSR1');
    expect(signalName(34)).toBe('SIGRTMIN');
    expect(signalName(36)).toBe('SIGRTMIN+2');
  });

  it('decodes /proc/<pid>/status masks, hiding glibc’s own 32 and 33', () => {
    expect(decodeSignalMask('0000000000000200')).toEqual(['SIGUSR1']);
    expect(decodeSignalMask('0000000180001000')).toEqual(['SIGPIPE']);
    expect(decodeSignalMask('0000000200000200')).toEqual(['SIGUSR1', 'SIGRTMIN']);
    expect(decodeSignalMask(undefined)).toEqual([]);
  });
});

describe('/proc/sysvipc tables', () => {
  it('parses the header and rows into numbers', () => {
    const text = '       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n  1090617391          5   600                  4096  1234  1235      2     0     0     0     0 1700000000 0 1700000000 4096 0\n';
    expect(parseSysvTable(text)).toEqual([expect.objectContaining({ key: 1090617391, shmid: 5, perms: 600, size: 4096, nattch: 2, uid: 0 })]);
  });
});
