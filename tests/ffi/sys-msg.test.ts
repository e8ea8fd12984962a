// System V message queues through koffi, on real queues in the test process
// itself (IPC_PRIVATE, 0600, removed in every test), never a blocking msgrcv.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrnoError } from '../../src/ffi/libc.js';
import { IPC_CREAT, IPC_NOWAIT, IPC_PRIVATE, IPC_RMID, IPC_STAT } from '../../src/ffi/sys-ipc.js';
import { MSG_NOERROR, MSGBUF_SIZE, msgbuf, msgctl, msgget, msgrcv, msgsnd, msgText, msgType } from '../../src/ffi/sys-msg.js';
import { parseSysvTable } from '../../src/runtime/kernel/sysvipc.js';

const queues: number[] = [];

function newQueue(): number {
  const id = msgget(IPC_PRIVATE, IPC_CREAT | 0o600);
  queues.push(id);
  return id;
}

function row(id: number): Record<string, number> | undefined {
  return parseSysvTable(readFileSync('/proc/sysvipc/msg', 'utf8')).find((r) => r.msqid === id);
}

function send(id: number, type: number, text: string): void {
  msgsnd(id, msgbuf(type, `${text}\0`), Buffer.byteLength(text) + 1, 0);
}

function receive(id: number, type: number, flags = 0): [type: number, text: string, bytes: number] {
  const buf = msgbuf(0);
  const n = msgrcv(id, buf, 100, type, flags);
  return [msgType(buf), msgText(buf, n), n];
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
}

afterEach(() => {
  for (const id of queues.splice(0)) {
    try {
      msgctl(id, IPC_RMID);
    } catch {
      // the test removed it already
    }
  }
});

describe('<sys/msg.h> through koffi', () => {
  it('creates a 0600 queue that /proc/sysvipc/msg lists, empty (perms is octal text there)', () => {
    const id = newQueue();
    expect(row(id)).toMatchObject({ perms: 600, qnum: 0, cbytes: 0, uid: process.getuid!() });
  });

  it('queues typed messages: qnum counts them, cbytes their mtext only', () => {
    const id = newQueue();
    send(id, 3, 'first');
    expect(row(id)).toMatchObject({ qnum: 1, cbytes: 6, lspid: process.pid });
    send(id, 2, 'second');
    expect(row(id)).toMatchObject({ qnum: 2, cbytes: 13 });
  });

  it('msgrcv picks by type: positive exact, negative lowest up to |type|, zero oldest', () => {
    const id = newQueue();
    for (const [type, text] of [[3, 'first'], [2, 'second'], [2, 'third'], [1, 'fourth']] as const) send(id, type, text);
    expect(receive(id, 2)).toEqual([2, 'second', 7]);
    expect(receive(id, -2)).toEqual([1, 'fourth', 7]);
    expect(receive(id, 0)).toEqual([3, 'first', 6]);
    expect(row(id)).toMatchObject({ qnum: 1, cbytes: 6, lrpid: process.pid });
  });

  it('IPC_NOWAIT with no matching message fails with ENOMSG and leaves the queue as it was', () => {
    const id = newQueue();
    send(id, 2, 'third');
    const error = errorOf(() => receive(id, 1, IPC_NOWAIT));
    expect(error).toBeInstanceOf(ErrnoError);
    expect(error).toMatchObject({ call: 'msgrcv', errno: 42, code: 'ENOMSG', description: 'No message of desired type' });
    expect(row(id)).toMatchObject({ qnum: 1, cbytes: 6 });
  });

  it('IPC_STAT decodes struct msqid_ds: qnum, cbytes, qbytes, last sender and receiver', () => {
    const id = newQueue();
    expect(msgctl(id, IPC_STAT)).toMatchObject({ qnum: 0, cbytes: 0, lspid: 0, lrpid: 0, stime: 0, rtime: 0 });
    send(id, 1, 'a');
    send(id, 1, 'bb');
    receive(id, 0);
    const stat = msgctl(id, IPC_STAT);
    expect(stat).toMatchObject({ qnum: 1, cbytes: 3, lspid: process.pid, lrpid: process.pid });
    expect(stat.qbytes).toBe(Number(readFileSync('/proc/sys/kernel/msgmnb', 'utf8')));
    expect(Math.abs(stat.stime - Date.now() / 1000)).toBeLessThan(60);
  });

  it('a message larger than the room given fails with E2BIG, or is cut with MSG_NOERROR', () => {
    const id = newQueue();
    send(id, 1, 'hello');
    const buf = msgbuf(0);
    expect(errorOf(() => msgrcv(id, buf, 3, 0, 0))).toMatchObject({ code: 'E2BIG' });
    expect(msgrcv(id, buf, 3, 0, MSG_NOERROR)).toBe(3);
    expect(msgText(buf, 3)).toBe('hel');
  });

  it('sizeof the struct as the size reads and writes 8 bytes past the struct, onto the guard', () => {
    const id = newQueue();
    const sent = Buffer.alloc(MSGBUF_SIZE + 8);
    sent.set(msgbuf(1, 'a full-size message'));
    sent.writeBigUInt64LE(0xa5a5a5a5a5a5a5a5n, MSGBUF_SIZE);
    expect(MSGBUF_SIZE).toBe(112);
    msgsnd(id, sent.subarray(0, MSGBUF_SIZE), MSGBUF_SIZE, 0);
    // The kernel read mtext (100), the struct's padding (4) and 8 bytes past it.
    expect(row(id)).toMatchObject({ qnum: 1, cbytes: 112 });

    const received = Buffer.alloc(MSGBUF_SIZE + 8);
    received.writeBigUInt64LE(0x5a5a5a5a5a5a5a5an, MSGBUF_SIZE);
    const m = received.subarray(0, MSGBUF_SIZE);
    expect(msgrcv(id, m, MSGBUF_SIZE, 0, 0)).toBe(112);
    expect(msgText(m)).toBe('a full-size message');
    expect(received.readBigUInt64LE(MSGBUF_SIZE)).toBe(0xa5a5a5a5a5a5a5a5n);
  });

  it('IPC_RMID removes the queue: its row goes, and its id is no longer valid', () => {
    const id = newQueue();
    send(id, 1, 'left behind');
    expect(msgctl(id, IPC_RMID)).toBe(0);
    expect(row(id)).toBeUndefined();
    expect(errorOf(() => msgctl(id, IPC_STAT))).toMatchObject({ call: 'msgctl', code: 'EINVAL' });
    expect(errorOf(() => send(id, 1, 'x'))).toMatchObject({ call: 'msgsnd', code: 'EINVAL' });
  });
});
