// The message queue's twin (msgq.c): type 1 to the child, type 2 back. The message is built in
// place in one struct msgbuf per process, reused: no copy into a new buffer per message.
import { IPC_CREAT, IPC_PRIVATE, IPC_RMID } from '../../../ffi/sys-ipc.js';
import { MTYPE_SIZE, msgctl, msgget, msgrcv, msgsnd } from '../../../ffi/sys-msg.js';
import type { ChanSetup, Link, TwinMechanism } from '../../types.js';

function open({ max, record }: ChanSetup): Link {
  const id = msgget(IPC_PRIVATE, IPC_CREAT | 0o600);
  record('msg', id);
  const msg = Buffer.alloc(MTYPE_SIZE + max, 'x');
  let mine = 1;
  let theirs = 2;
  return {
    side(side) {
      [mine, theirs] = side === 1 ? [2, 1] : [1, 2];
      msg.writeBigInt64LE(BigInt(mine), 0); // set once: every message this side sends has it
    },
    send: (len) => msgsnd(id, msg, len, 0),
    recv(len) {
      msgrcv(id, msg, len, theirs, 0);
      msg.writeUInt32LE(mine, 0); // msgrcv wrote the sender's type (1 or 2, high bytes 0) over ours
    },
    destroy: () => void msgctl(id, IPC_RMID),
  };
}

export const twin: TwinMechanism = { open };
