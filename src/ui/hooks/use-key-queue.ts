// Keys typed ahead act on the screen they were typed at: one key at a time, each handed over
// once the screen has drawn what the key before it did. Ink calls a useInput handler with the
// closure of the last render it committed, so two keys in one read of stdin ("nr", or v then
// ↓) both met the screen of before the first (the ↓ went to no menu), and a key that came
// between the tour's switch and the next demo's mount went to the demo left behind (the r of
// "n r" was lost).
import { useInput, type Key } from 'ink';
import { createContext, useContext, useEffect, useRef, useState } from 'react';

export type KeyHandler = (input: string, key: Key) => void;

/**
 * The key presses in what Ink read at once. Keys typed faster than the screen reads them arrive
 * as one chunk ("  " for two spaces): each is its own key press, as the learner meant it. Keys
 * typed before the screen was up arrive so too, and an end of input typed then (^D) comes
 * through as a NUL: "q\0" is still q. An answer typed in one go ("17" then Enter) is a chunk
 * too: its Enter is the return key.
 */
export function keyPresses(input: string, key: Key): [string, Key][] {
  if (input.length > 1 && !key.ctrl && !key.meta && /^[ -~\0\r]+$/.test(input)) {
    return [...input.replaceAll('\0', '')].map((ch) => (ch === '\r' ? ['', { ...key, return: true }] : [ch, key]));
  }
  return [[input, key]];
}

/** Where the screen on show gives its key handler, after each of its commits: the tour's queue. */
export const KeyTarget = createContext<((handler: KeyHandler) => void) | null>(null);

/** A screen's keys: one at a time through the tour's queue (KeyTarget), or straight from Ink without one. */
export function useKeys(handler: KeyHandler): void {
  const target = useContext(KeyTarget);
  // No dependencies: after every commit, the handler of what is on screen now.
  useEffect(() => {
    target?.(handler);
  });
  useInput(
    (input, key) => {
      for (const [i, k] of keyPresses(input, key)) handler(i, k);
    },
    { isActive: target === null },
  );
}

export interface KeyQueue {
  /** Called after each commit of the queue's owner: the handler for the next key (the screen has caught up). */
  readonly ready: (handler: KeyHandler) => void;
}

/**
 * The keys of the whole screen, held until it has caught up. A key goes to the handler the
 * owner gave after its last commit; then no key goes anywhere until the owner has committed
 * again (a render forced here, whatever the key did) and said which handler is next. Ctrl-C
 * waits for nothing.
 */
export function useKeyQueue(onCtrlC: () => void): KeyQueue {
  const pending = useRef<[string, Key][]>([]);
  const handler = useRef<KeyHandler | null>(null);
  const [, setDelivered] = useState(0);
  const deliver = () => {
    const to = handler.current;
    if (!to || pending.current.length === 0) return;
    const [input, key] = pending.current.shift()!;
    handler.current = null;
    setDelivered((n) => n + 1);
    to(input, key);
  };
  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      pending.current = [];
      onCtrlC();
      return;
    }
    pending.current.push(...keyPresses(input, key));
    deliver();
  });
  return {
    ready: (next) => {
      handler.current = next;
      deliver();
    },
  };
}
