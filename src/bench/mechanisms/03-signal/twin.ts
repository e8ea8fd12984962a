// The signals' twin (signal.c): SIGRTMIN, blocked (so no handler, no signal gate), taken with
// sigwaitinfo() into one reused siginfo_t; the payload is the value sigqueue() carries.
// The C program calls sigqueue(); the twin makes the same rt_*sigqueueinfo system call aimed
// at the peer's main thread: Node's other threads do not block SIGRTMIN, and one of them would
// take a signal sent to the whole process (and die of it).
import { ErrnoError } from '../../../ffi/libc.js';
import { schedYield } from '../../../ffi/sched.js';
import { SIGINFO_SIZE, SIG_BLOCK, SIG_UNBLOCK, queueInfo, sigprocmask, sigrtmin, sigset, sigwaitinfoInto, tgsigqueue } from '../../../ffi/signal.js';
import { geteuid, getpid } from '../../../ffi/unistd.js';
import type { ChanSetup, Link, TwinMechanism } from '../../types.js';

const SI_VALUE_OFFSET = 24;

function open({ buf }: ChanSetup): Link {
  const signo = sigrtmin();
  const set = sigset(signo);
  const info = Buffer.alloc(SIGINFO_SIZE);
  let out: Buffer = info;
  sigprocmask(SIG_BLOCK, set); // inherited by the child
  let peer = 0;
  return {
    side(_side, other) {
      peer = other;
      out = queueInfo(signo, getpid(), geteuid());
    },
    send() {
      buf.copy(out, SI_VALUE_OFFSET, 0, 8);
      for (;;) {
        try {
          tgsigqueue(peer, peer, out);
          return;
        } catch (error) {
          if (!(error instanceof ErrnoError && error.code === 'EAGAIN')) throw error;
          schedYield(); // the queue is full: let the receiver run
        }
      }
    },
    recv() {
      sigwaitinfoInto(set, info);
      info.copy(buf, 0, SI_VALUE_OFFSET, SI_VALUE_OFFSET + 8);
    },
    destroy: () => sigprocmask(SIG_UNBLOCK, set),
  };
}

export const twin: TwinMechanism = { open };
