// The FIFO's twin: two FIFOs in the run's directory, one each way (fifo.c).
import { O_RDONLY, O_WRONLY, open as openPath } from '../../../ffi/fcntl.js';
import { mkfifo } from '../../../ffi/sys-stat.js';
import { close, getpid, unlink } from '../../../ffi/unistd.js';
import { readAll, writeAll } from '../../stream.js';
import type { ChanSetup, Link, TwinMechanism } from '../../types.js';

function open({ dir, buf }: ChanSetup): Link {
  const paths = [0, 1].map((i) => `${dir}/fifo-${getpid()}-${i}`);
  for (const path of paths) mkfifo(path, 0o600);
  let input = -1;
  let output = -1;
  return {
    side(side) {
      // The same order on both sides: open() of a FIFO waits for the other end.
      const first = openPath(paths[0]!, side === 1 ? O_RDONLY : O_WRONLY);
      const second = openPath(paths[1]!, side === 1 ? O_WRONLY : O_RDONLY);
      [input, output] = side === 1 ? [first, second] : [second, first];
    },
    send: (len) => writeAll(output, buf, len),
    recv: (len) => readAll(input, buf, len),
    destroy() {
      close(input);
      close(output);
      for (const path of paths) unlink(path);
    },
  };
}

export const twin: TwinMechanism = { open };
