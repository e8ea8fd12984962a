// The sockets' twin (socket.c): Unix stream, Unix datagram, TCP on loopback.
import {
  AF_INET, AF_UNIX, SOCK_DGRAM, SOCK_STREAM, SOCKADDR_IN_SIZE, accept, bind, connect, getsockname, listen, setsockopt, sockaddrIn, sockaddrUn, socket,
} from '../../../ffi/sys-socket.js';
import { close, getpid, read, unlink, write } from '../../../ffi/unistd.js';
import { readAll, writeAll } from '../../stream.js';
import type { ChanSetup, Link, TwinMechanism } from '../../types.js';

const IPPROTO_TCP = 6;
const TCP_NODELAY = 1;

/** Two bound datagram sockets, each connected to the other: one message is one datagram. */
function datagrams(dir: string, buf: Buffer): Link {
  const names = [0, 1].map((i) => sockaddrUn(`${dir}/sock-${getpid()}-${i}`));
  const fds = names.map((name) => {
    const fd = socket(AF_UNIX, SOCK_DGRAM);
    bind(fd, name.addr, name.length);
    return fd;
  });
  fds.forEach((fd, i) => connect(fd, names[1 - i]!.addr, names[1 - i]!.length));
  let fd = -1;
  return {
    side(side) {
      close(fds[1 - side]!);
      fd = fds[side]!;
    },
    send(len) {
      if (write(fd, buf, len) !== len) throw new Error('write: a short datagram');
    },
    recv: (len) => void read(fd, buf, len),
    destroy() {
      close(fd);
      for (const name of names) unlink(name.addr.toString('utf8', 2, name.length - 1));
    },
  };
}

/** A listening socket before fork(); the child connects, the parent accepts. */
function stream(tcp: boolean, dir: string, buf: Buffer): Link {
  const path = `${dir}/sock-${getpid()}-0`;
  const name = tcp ? { addr: sockaddrIn(0), length: SOCKADDR_IN_SIZE } : sockaddrUn(path);
  const listener = socket(tcp ? AF_INET : AF_UNIX, SOCK_STREAM);
  bind(listener, name.addr, name.length);
  if (tcp) getsockname(listener, name.addr, Int32Array.of(SOCKADDR_IN_SIZE)); // the port the kernel chose
  listen(listener, 1);
  let fd = -1;
  return {
    side(side) {
      if (side === 1) {
        close(listener);
        fd = socket(tcp ? AF_INET : AF_UNIX, SOCK_STREAM);
        connect(fd, name.addr, name.length);
      } else {
        fd = accept(listener);
        close(listener);
      }
      // Nagle would hold back each small message for the ack of the last one.
      if (tcp) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, 1);
    },
    send: (len) => writeAll(fd, buf, len),
    recv: (len) => readAll(fd, buf, len),
    destroy() {
      close(fd);
      if (!tcp) unlink(path);
    },
  };
}

function open({ variant, dir, buf }: ChanSetup): Link {
  return variant === 'dgram' ? datagrams(dir, buf) : stream(variant === 'tcp', dir, buf);
}

export const twin: TwinMechanism = { open };
