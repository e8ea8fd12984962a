// The loops of a cell, the twin's copy of c/harness.c's: a round trip of one byte each way,
// or `count` messages of `size` bytes and a one-byte ack. Kept monomorphic (one Link shape per
// call site) and allocation-free: the time in them should be the kernel's and koffi's.
import type { Link } from './types.js';

export function parentLoop(link: Link, bw: boolean, size: number, count: number): void {
  if (bw) {
    for (let i = 0; i < count; i++) link.send(size);
    link.recv(1);
    return;
  }
  for (let i = 0; i < count; i++) {
    link.send(1);
    link.recv(1);
  }
}

export function childLoop(link: Link, bw: boolean, size: number, count: number): void {
  if (bw) {
    for (let i = 0; i < count; i++) link.recv(size);
    link.send(1);
    return;
  }
  for (let i = 0; i < count; i++) {
    link.recv(1);
    link.send(1);
  }
}
