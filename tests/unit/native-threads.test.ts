// Where a program starts threads, read from `objdump -d -l -r` of its object (src/runtime/native-threads.ts).
import { describe, expect, it } from 'vitest';
import { threadCallsIn } from '../../src/runtime/native-threads.js';

// objdump 2.40 on x86-64, cut: a call, the address taken for a pointer, a line with a discriminator.
const DISASSEMBLY = `
0000000000000026 <main>:
main():
/home/ann/lab/t.c:8
  2e:	lea    -0x8(%rbp),%rax
  3d:	call   42 <main+0x1c>
			3e: R_X86_64_PLT32	pthread_create-0x4
/home/ann/lab/t.c:9
  42:	mov    0x0(%rip),%rax        # 49 <main+0x23>
			45: R_X86_64_REX_GOTPCRELX	pthread_create-0x4
/home/ann/lab/t.c:12 (discriminator 1)
  63:	call   68 <main+0x42>
			64: R_X86_64_PLT32	thrd_create-0x4
			70: R_X86_64_PLT32	printf-0x4
`;

describe('threadCallsIn', () => {
  it('names each use of a thread call at the line before it, relative to where ipc-demo was run', () => {
    expect(threadCallsIn(DISASSEMBLY, new Set(['pthread_create', 'thrd_create']), '/home/ann/lab')).toEqual([
      { call: 'pthread_create', file: 't.c', line: 8 },
      { call: 'pthread_create', file: 't.c', line: 9 },
      { call: 'thrd_create', file: 't.c', line: 12 },
    ]);
  });

  it('keeps a path outside that directory whole, and finds nothing in a program without threads', () => {
    expect(threadCallsIn(DISASSEMBLY, new Set(['thrd_create']), '/elsewhere')).toEqual([{ call: 'thrd_create', file: '/home/ann/lab/t.c', line: 12 }]);
    expect(threadCallsIn(DISASSEMBLY, new Set(['clone']), '/home/ann/lab')).toEqual([]);
  });
});
