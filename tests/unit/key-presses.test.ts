import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { keyPresses } from '../../src/ui/hooks/use-key-queue.js';

const none = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false } as Key;

describe('keyPresses: what Ink read at once, as the keys the learner typed', () => {
  it('a chunk of printable keys is one press each, in order', () => {
    expect(keyPresses('nr', none).map(([input]) => input)).toEqual(['n', 'r']);
  });

  it('an Enter in the chunk is the return key; a NUL (^D before the screen was up) is dropped', () => {
    const presses = keyPresses('17\r', none);
    expect(presses.map(([input, key]) => [input, key.return])).toEqual([['1', false], ['7', false], ['', true]]);
    expect(keyPresses('q\0', none).map(([input]) => input)).toEqual(['q']);
  });

  it('a single key, a control key or an escape sequence stays one press', () => {
    expect(keyPresses('v', none)).toEqual([['v', none]]);
    const down = { ...none, downArrow: true };
    expect(keyPresses('', down)).toEqual([['', down]]);
    const ctrlC = { ...none, ctrl: true };
    expect(keyPresses('c', ctrlC)).toEqual([['c', ctrlC]]);
  });
});
