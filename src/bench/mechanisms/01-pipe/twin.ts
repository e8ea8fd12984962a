// The pipe's twin: two pipes, one each way (pipe.c).
import { close, pipe } from '../../../ffi/unistd.js';
import { readAll, writeAll } from '../../stream.js';
import type { ChanSetup, Link, TwinMechanism } from '../../types.js';

function open({ buf }: ChanSetup): Link {
  const down = pipe();
  const up = pipe();
  let input = -1;
  let output = -1;
  return {
    side(side) {
      [input, output] = side === 1 ? [down[0], up[1]] : [up[0], down[1]];
      for (const fd of [...down, ...up]) if (fd !== input && fd !== output) close(fd);
    },
    send: (len) => writeAll(output, buf, len),
    recv: (len) => readAll(input, buf, len),
    destroy() {
      close(input);
      close(output);
    },
  };
}

export const twin: TwinMechanism = { open };
