// <sys/msg.h>
import { check, libc } from './libc.js';
import { IPC_STAT } from './sys-ipc.js';

export const MSG_NOERROR = 0o10000;

/**
 * The usual `struct msgbuf { long mtype; char mtext[100]; }` on x86-64: mtype at 0,
 * mtext at 8, and 4 bytes of padding after it, 112 in all. msgsnd/msgrcv take the
 * size of mtext alone (100), never sizeof the struct.
 */
export const MTYPE_SIZE = 8;
export const MTEXT_SIZE = 100;
export const MSGBUF_SIZE = 112;

/** sizeof(struct msqid_ds) on x86-64 glibc, and the fields a lesson prints. */
export const MSQID_DS_SIZE = 120;
const MSG_STIME_OFFSET = 48;
const MSG_RTIME_OFFSET = 56;
const MSG_CBYTES_OFFSET = 72;
const MSG_QNUM_OFFSET = 80;
const MSG_QBYTES_OFFSET = 88;
const MSG_LSPID_OFFSET = 96;
const MSG_LRPID_OFFSET = 100;

const msggetC = libc.func('int msgget(key_t key, int msgflg)');
const msgsndC = libc.func('int msgsnd(int msqid, const void *msgp, size_t msgsz, int msgflg)');
const msgrcvC = libc.func('ssize_t msgrcv(int msqid, void *msgp, size_t msgsz, long msgtyp, int msgflg)');
const msgctlC = libc.func('int msgctl(int msqid, int cmd, void *buf)');

/** A zeroed struct msgbuf of `size` bytes (112 by default) holding mtype and, from byte 8, the text. */
export function msgbuf(type: number, text: string | Uint8Array = '', size = MSGBUF_SIZE): Buffer {
  const buf = Buffer.alloc(size);
  buf.writeBigInt64LE(BigInt(type), 0);
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  buf.set(bytes, MTYPE_SIZE);
  return buf;
}

/** The mtype of a struct msgbuf in memory. */
export function msgType(buf: Uint8Array): number {
  return Number(Buffer.from(buf.buffer, buf.byteOffset, buf.length).readBigInt64LE(0));
}

/** mtext as C's "%s" prints it: up to the first NUL, within the `length` bytes received. */
export function msgText(buf: Uint8Array, length = buf.length - MTYPE_SIZE): string {
  const text = buf.subarray(MTYPE_SIZE, MTYPE_SIZE + length);
  const nul = text.indexOf(0);
  return Buffer.from(nul === -1 ? text : text.subarray(0, nul)).toString('latin1');
}

export function msgget(key: number, flags: number): number {
  return check('msgget', msggetC(key, flags) as number);
}

/**
 * msgsnd(2): `size` counts mtext only. The kernel reads 8 + size bytes from
 * `msgp`, whatever its length: an oversize `size` reads past it, as in C.
 */
export function msgsnd(id: number, msgp: Uint8Array, size: number, flags: number): void {
  check('msgsnd', msgsndC(id, msgp, size, flags) as number);
}

/**
 * msgrcv(2): returns the bytes of mtext received. The kernel writes up to
 * 8 + size bytes at `msgp`, whatever its length: an oversize `size` writes past it, as in C.
 */
export function msgrcv(id: number, msgp: Uint8Array, size: number, type: number, flags: number): number {
  return check('msgrcv', Number(msgrcvC(id, msgp, size, type, flags)));
}

export interface MsqidDs {
  /** Bytes of mtext in the queue (__msg_cbytes). */
  readonly cbytes: number;
  readonly qnum: number;
  readonly qbytes: number;
  /** Pid of the last msgsnd and of the last msgrcv. */
  readonly lspid: number;
  readonly lrpid: number;
  /** Seconds since the epoch of the last msgsnd / msgrcv (0: none yet). */
  readonly stime: number;
  readonly rtime: number;
}

/** msgctl(2): IPC_STAT decoded; IPC_RMID (no buffer) returns 0, as the C call does. */
export function msgctl(id: number, cmd: typeof IPC_STAT): MsqidDs;
export function msgctl(id: number, cmd: number): MsqidDs | 0;
export function msgctl(id: number, cmd: number): MsqidDs | 0 {
  const buf = Buffer.alloc(MSQID_DS_SIZE);
  check('msgctl', msgctlC(id, cmd, cmd === IPC_STAT ? buf : null) as number);
  if (cmd !== IPC_STAT) return 0;
  return {
    cbytes: Number(buf.readBigUInt64LE(MSG_CBYTES_OFFSET)),
    qnum: Number(buf.readBigUInt64LE(MSG_QNUM_OFFSET)),
    qbytes: Number(buf.readBigUInt64LE(MSG_QBYTES_OFFSET)),
    lspid: buf.readInt32LE(MSG_LSPID_OFFSET),
    lrpid: buf.readInt32LE(MSG_LRPID_OFFSET),
    stime: Number(buf.readBigInt64LE(MSG_STIME_OFFSET)),
    rtime: Number(buf.readBigInt64LE(MSG_RTIME_OFFSET)),
  };
}

/** The calls a demo makes through the traced facade. */
export const calls = { msgget, msgsnd, msgrcv, msgctl };
