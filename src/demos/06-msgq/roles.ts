// The Node twins of msgq-sender.c and msgq-receiver.c: two programs that meet
// only by the key file at the end of their command lines.
import { O_CREAT, O_RDONLY } from '../../ffi/fcntl.js';
import { ErrnoError } from '../../ffi/libc.js';
import { IPC_CREAT, IPC_NOWAIT, IPC_RMID, IPC_STAT } from '../../ffi/sys-ipc.js';
import { MSGBUF_SIZE, MTEXT_SIZE, msgbuf, msgText, msgType } from '../../ffi/sys-msg.js';
import type { DemoRoles, Proc } from '../types.js';

/** The type of the sender's last message: all sent. */
const DONE = 99;
const PROJECT_ID = 'q'.charCodeAt(0);
const SENDER_GUARD = 0xa5a5a5a5a5a5a5a5n;
const RECEIVER_GUARD = 0x5a5a5a5a5a5a5a5an;

const hex = (value: bigint) => `0x${value.toString(16)}`;

/** argv is `[types|size-bug] KEYFILE`: the key file always last. */
function parseArgs(p: Proc): { keyfile: string; variant: string } {
  if (p.args.length < 1) throw new Error('usage: [types|size-bug] KEYFILE');
  return { keyfile: p.args.at(-1)!, variant: p.args.length > 1 ? p.args[0]! : 'types' };
}

function openQueue(p: Proc, side: 's' | 'r', keyfile: string): number {
  const { c } = p;
  p.step(`${side}-keyfile`);
  c.close(c.open(keyfile, O_RDONLY | O_CREAT, 0o600));
  p.step(`${side}-ftok`);
  const key = c.ftok(keyfile, PROJECT_ID);
  p.step(`${side}-msgget`);
  return c.msgget(key, IPC_CREAT | 0o600);
}

function put(p: Proc, q: number, type: number, text: string): void {
  const size = Buffer.byteLength(text) + 1; // the text's size, not the struct's
  p.c.msgsnd(q, msgbuf(type, `${text}\0`), size, 0);
  p.print(`sender: msgsnd type ${type} "${text}" (${size} bytes)`);
}

function sender(p: Proc): void {
  const { c } = p;
  const { keyfile, variant } = parseArgs(p);
  const q = openQueue(p, 's', keyfile);
  p.print(`sender: pid ${c.getpid()}, queue ready`);
  if (variant === 'size-bug') {
    // struct guarded g: the 112-byte struct m, then the guard right after it.
    const g = Buffer.alloc(MSGBUF_SIZE + 8);
    g.set(msgbuf(1, 'a full-size message'));
    g.writeBigUInt64LE(SENDER_GUARD, MSGBUF_SIZE);
    const m = g.subarray(0, MSGBUF_SIZE);
    p.step('s-send-full');
    c.msgsnd(q, m, MSGBUF_SIZE, 0); // BUG: sizeof g.m, the kernel reads 8 bytes past m
    p.print(`sender: msgsnd ${MSGBUF_SIZE} bytes, the last 8 from past m: ${hex(g.readBigUInt64LE(MSGBUF_SIZE))}`);
    return;
  }
  const plan = [[3, 'first'], [2, 'second'], [2, 'third'], [1, 'fourth']] as const;
  for (const [type, text] of plan) {
    p.step('s-send');
    put(p, q, type, text);
  }
  p.step('s-send-done');
  put(p, q, DONE, 'done');
}

function take(p: Proc, q: number, type: number, flags: number): void {
  const m = Buffer.alloc(MSGBUF_SIZE);
  let n: number;
  try {
    n = p.c.msgrcv(q, m, MTEXT_SIZE, type, flags);
  } catch (error) {
    if (!(error instanceof ErrnoError) || error.code !== 'ENOMSG') throw error;
    p.print(`receiver: msgrcv type ${type}, IPC_NOWAIT -> ENOMSG`);
    return;
  }
  p.print(`receiver: msgrcv type ${type} -> type ${msgType(m)} "${msgText(m, n)}" (${n} bytes)`);
}

function byType(p: Proc, q: number): void {
  p.step('r-wait-done');
  take(p, q, DONE, 0);
  p.step('r-type-pos');
  take(p, q, 2, 0);
  p.step('r-type-neg');
  take(p, q, -2, 0);
  p.step('r-type-zero');
  take(p, q, 0, 0);
  p.step('r-nowait');
  take(p, q, 1, IPC_NOWAIT);
  p.step('r-stat');
  const ds = p.c.msgctl(q, IPC_STAT);
  p.print(`receiver: IPC_STAT qnum ${ds.qnum}, cbytes ${ds.cbytes}, last msgsnd by pid ${ds.lspid}`);
}

function sizeBug(p: Proc, q: number): void {
  const g = Buffer.alloc(MSGBUF_SIZE + 8);
  g.writeBigUInt64LE(RECEIVER_GUARD, MSGBUF_SIZE);
  const m = g.subarray(0, MSGBUF_SIZE);
  p.step('r-recv-full');
  const n = p.c.msgrcv(q, m, MSGBUF_SIZE, 0, 0); // BUG: sizeof g.m, the kernel writes 8 bytes past m
  p.print(`receiver: msgrcv copied ${n} bytes into mtext[${MTEXT_SIZE}]`);
  p.print(`receiver: guard was ${hex(RECEIVER_GUARD)}, now ${hex(g.readBigUInt64LE(MSGBUF_SIZE))}`);
}

function receiver(p: Proc): void {
  const { c } = p;
  const { keyfile, variant } = parseArgs(p);
  const q = openQueue(p, 'r', keyfile);
  p.print(`receiver: pid ${c.getpid()}, queue ready`);
  if (variant === 'size-bug') sizeBug(p, q);
  else byType(p, q);
  p.step('r-rmid');
  c.msgctl(q, IPC_RMID);
  p.print('receiver: IPC_RMID, the queue is gone');
  p.step('r-unlink');
  c.unlink(keyfile);
}

export const roles: DemoRoles = { sender, receiver };
