// poll(2) through koffi, in the test process itself. Its EINTR return (a handler ran) is
// exercised where it matters: a signal handler stepping while a process waits for go
// (src/demos/03-signal/signal.test.ts, the lost wakeup).
import { describe, expect, it } from 'vitest';
import { pollIn } from '../../src/ffi/poll.js';
import { close, pipe, write } from '../../src/ffi/unistd.js';

describe('pollIn', () => {
  it('times out on an empty pipe and sees it readable once written', () => {
    const [r, w] = pipe();
    try {
      expect(pollIn(r, 0)).toBe(0);
      write(w, Buffer.from('x'));
      expect(pollIn(r, 0)).toBe(1);
    } finally {
      close(r);
      close(w);
    }
  });
});
