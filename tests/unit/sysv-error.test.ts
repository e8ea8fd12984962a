// A System V get call that fails for the system's reasons is explained: the
// errno comes from a real call, the text says what to do, in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import { ErrnoError } from '../../src/ffi/libc.js';
import { IPC_CREAT, IPC_EXCL, IPC_RMID } from '../../src/ffi/sys-ipc.js';
import { msgctl, msgget } from '../../src/ffi/sys-msg.js';
import { sysvFailure } from '../../src/runtime/kernel/sysv-limits.js';
import { sysvErrorText } from '../../src/ui/plain.js';

const made: number[] = [];
afterEach(() => {
  for (const id of made.splice(0)) msgctl(id, IPC_RMID);
});

function errnoOf(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    if (error instanceof ErrnoError) return error.code;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('System V failures the system explains', () => {
  it('EEXIST from a real msgget with IPC_EXCL: says what exists and what removes it', () => {
    const key = 0x1d000000 + (process.pid & 0xffffff);
    made.push(msgget(key, IPC_CREAT | IPC_EXCL | 0o600));
    const errno = errnoOf(() => msgget(key, IPC_CREAT | IPC_EXCL | 0o600));
    expect(errno).toBe('EEXIST');
    const detail = sysvFailure('msgget', errno);
    expect(detail).toBe('msgget EEXIST');
    expect(sysvErrorText(detail!, 'en')).toMatch(/^msgget\(\) failed with EEXIST: .*`ipc-demo clean` removes it\.$/);
    expect(sysvErrorText(detail!, 'zh')).toMatch(/^msgget\(\) 失败，错误 EEXIST：.*`ipc-demo clean` 会删除它。$/);
  });

  it('ENOSPC names the limit, its value and how many are in use, read off /proc', () => {
    const detail = sysvFailure('shmget', 'ENOSPC')!;
    const [, , setting, used] = detail.split(' ');
    expect(setting).toMatch(/^kernel\.shmmni=\d+$/);
    expect(Number(used)).toBeGreaterThanOrEqual(0);
    expect(sysvFailure('semget', 'ENOSPC')).toMatch(/^semget ENOSPC kernel\.sem\(semmni\)=\d+ \d+$/);
  });

  it('shmget\'s EINVAL names kernel.shmmax and its value, read off /proc, and how to raise it', () => {
    const detail = sysvFailure('shmget', 'EINVAL')!;
    expect(detail).toMatch(/^shmget EINVAL kernel\.shmmax=\d+$/);
    expect(sysvErrorText(detail, 'en')).toMatch(/^shmget\(\) failed with EINVAL: .*kernel\.shmmax = \d+ bytes.*sudo sysctl -w kernel\.shmmax=<more>\.$/);
    expect(sysvErrorText(detail, 'zh')).toMatch(/^shmget\(\) 失败，错误 EINVAL：.*kernel\.shmmax = \d+ 字节.*sudo sysctl -w kernel\.shmmax=<more>。$/);
    expect(sysvFailure('msgget', 'EINVAL')).toBeNull();
  });

  it('EACCES points at another owner; other calls and errnos are the program\'s own business', () => {
    expect(sysvErrorText(sysvFailure('semget', 'EACCES')!, 'en')).toMatch(/another user's/);
    expect(sysvFailure('msgsnd', 'ENOSPC')).toBeNull();
    expect(sysvFailure('msgget', 'ENOENT')).toBeNull();
  });
});
