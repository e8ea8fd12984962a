// The pure parts of showing a C program run for real (issue 12): a line-number step is its
// line, a marker's lesson is found by its line, a call's result is told in both languages,
// and how a process ended is told as the program's.
import { describe, expect, it } from 'vitest';
import { markerAt, parseListing, stepLine } from '../../src/demos/listing.js';
import { learnerRoles } from '../../src/runtime/learner-program.js';
import { callNarration, resultText } from '../../src/ui/line-narration.js';
import type { ProcView } from '../../src/ui/model.js';
import { lastLines, lineWhere, programEnd } from '../../src/ui/program-end.js';

const listing = parseListing('int fd[2];\npipe(fd); // @step pipe\nfork();\n');

describe('line-number steps', () => {
  it('a number is its line, a marker its marked line, anything else nothing', () => {
    expect(stepLine(listing, '3')).toBe(2);
    expect(stepLine(listing, 'pipe')).toBe(1);
    expect(stepLine(listing, '4')).toBeUndefined();
    expect(stepLine(listing, '0')).toBeUndefined();
    expect(stepLine(listing, 'fork')).toBeUndefined();
    expect(markerAt(listing, 1)).toBe('pipe');
    expect(markerAt(listing, 2)).toBeUndefined();
  });
});

describe('what a call returned', () => {
  it('pipe, fork, read, waitpid and a failure, in English and Chinese', () => {
    expect(resultText({ name: 'pipe', value: [3, 4] }, 'en')).toBe('pipe() returned 0: fds 3 (read end) and 4 (write end)');
    expect(resultText({ name: 'read', value: -1, errno: 'EINTR' }, 'en')).toBe('read() failed: EINTR');
    expect(resultText({ name: 'pipe', value: [3, 4] }, 'zh')).toBe('pipe() 返回 0：fd 3（读端）和 fd 4（写端）');
    expect(resultText({ name: 'fork', value: 0 }, 'en')).toBe('fork() returned 0: this is the child');
    expect(resultText({ name: 'read', value: 0 }, 'en')).toBe('read() returned 0: end of file: no write end is open any more');
    expect(resultText({ name: 'waitpid', value: { pid: 7, status: { code: 0, signal: null, core: false }, raw: 0 } }, 'en')).toBe('waitpid() returned 7: child 7 exited 0');
    expect(resultText({ name: 'write', value: -1, errno: 'EPIPE' }, 'zh')).toBe('write() 失败：EPIPE');
  });

  it('a process in a call waits in the kernel; one at a step stands before its line', () => {
    const proc: ProcView = { pid: 1, ppid: 0, role: 'main', listingRole: 'main', step: '3', atStep: true, call: null, lastReturn: { name: 'pipe', value: [3, 4] }, exit: null, index: 0, tag: 'P' };
    expect(callNarration(proc, 'en')).toBe('pipe() returned 0: fds 3 (read end) and 4 (write end). Stopped before line 3 runs.');
    expect(callNarration({ ...proc, call: { name: 'read', args: [3, 'buf[64]'] } }, 'en')).toBe('read(3, buf[64]) has not returned: the process waits in the kernel.');
  });
});

describe('how a program ended', () => {
  it('a signal with its meaning and the line; a non-zero status; nothing for exit 0', () => {
    const where = lineWhere('crash.c', 9, 'en');
    expect(programEnd({ code: null, signal: 'SIGSEGV', core: false }, 'child 5', where, 'en')).toMatch(/^Your program's child 5 was killed by SIGSEGV \(segmentation fault: .*\) after line 9 \(crash\.c\), before its next traced call\.$/);
    expect(programEnd({ code: 3, signal: null, core: false }, 'parent 4', lineWhere('a.c', 2, 'zh'), 'zh')).toBe('你的程序的parent 4 以状态 3 退出，发生在第 2 行（a.c）之后、下一个被跟踪的调用之前。');
    expect(programEnd({ code: 0, signal: null, core: false }, 'parent 4', where, 'en')).toBeUndefined();
  });
});

describe('where each process last stood', () => {
  it('its own last step; a child without one, its parent’s fork() line even after the parent went on', () => {
    const lines = lastLines([
      { kind: 'step', pid: 1, step: '5' },
      { kind: 'return', pid: 1, name: 'fork', value: 2, step: '5' },
      { kind: 'step', pid: 1, step: '11' },
      { kind: 'hello', pid: 2, ppid: 1, role: 'child', ownFds: [900] },
      { kind: 'return', pid: 1, name: 'fork', value: 3, step: '5' },
      { kind: 'step', pid: 3, step: '7' },
    ]);
    expect([...lines]).toEqual([[1, 11], [2, 5], [3, 7]]);
  });
});

describe('roles of the learner’s programs', () => {
  it('one program is main; two are named after their files, told apart when they share a name', () => {
    expect(learnerRoles(['my-pipe.c'])).toEqual(['main']);
    expect(learnerRoles(['writer.c', 'src/reader.c'])).toEqual(['writer', 'reader']);
    expect(learnerRoles(['a/x.c', 'b/x.c'])).toEqual(['x', 'x2']);
    expect(learnerRoles(['main.c', '2nd.c'])).toEqual(['main2', 'p2nd']);
  });
});
