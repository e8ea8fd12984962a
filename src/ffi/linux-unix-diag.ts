// <linux/sock_diag.h>, <linux/unix_diag.h>: ask the kernel which socket a Unix
// socket is connected to, and its state. /proc/net/unix has no peer column; this
// netlink query is where `ss -x` gets its peer inodes and states. Every reply is
// queued before sendto() returns, so nothing here ever blocks (recv uses MSG_DONTWAIT).
import { ErrnoError } from './libc.js';
import { AF_UNIX, MSG_DONTWAIT, SOCK_CLOEXEC, SOCK_DGRAM, recv, sendto, socket } from './sys-socket.js';
import { close } from './unistd.js';

const AF_NETLINK = 16;
const NETLINK_SOCK_DIAG = 4;
const SOCK_DIAG_BY_FAMILY = 20;
const NLM_F_REQUEST = 1;
const NLMSG_ERROR = 2;
const NLMSG_HDRLEN = 16;
const UDIAG_SHOW_PEER = 0x04;
const UNIX_DIAG_PEER = 2;
/** The cookie that means "any socket with this inode" (INET_DIAG_NOCOOKIE). */
const NO_COOKIE = 0xffff_ffff;
/** sockaddr_nl of the kernel: family AF_NETLINK, pid 0, groups 0. */
const KERNEL = (() => {
  const addr = Buffer.alloc(12);
  addr.writeUInt16LE(AF_NETLINK, 0);
  return addr;
})();

/** udiag_state is the socket's sk_state, a TCP state number: /proc/net/unix makes its St column from it. */
export const TCP_ESTABLISHED = 1;
export const TCP_CLOSE = 7;
export const TCP_LISTEN = 10;

export interface UnixDiag {
  readonly inode: number;
  /** TCP_ESTABLISHED (connected), TCP_LISTEN or TCP_CLOSE (unconnected): from the same reply as the peer. */
  readonly state: number;
  /** The inode of the socket this one is connected to; 0 when it has none (listening, unconnected, or a peer not yet accepted). */
  readonly peer: number;
}

/** struct nlmsghdr + struct unix_diag_req for one socket, looked up by inode. */
function request(inode: number, seq: number): Buffer {
  const msg = Buffer.alloc(NLMSG_HDRLEN + 24);
  msg.writeUInt32LE(msg.length, 0);
  msg.writeUInt16LE(SOCK_DIAG_BY_FAMILY, 4);
  msg.writeUInt16LE(NLM_F_REQUEST, 6);
  msg.writeUInt32LE(seq, 8);
  msg.writeUInt8(AF_UNIX, NLMSG_HDRLEN); // sdiag_family; sdiag_protocol and pad stay 0
  msg.writeUInt32LE(0xffff_ffff, NLMSG_HDRLEN + 4); // udiag_states: all
  msg.writeUInt32LE(inode, NLMSG_HDRLEN + 8);
  msg.writeUInt32LE(UDIAG_SHOW_PEER, NLMSG_HDRLEN + 12);
  msg.writeUInt32LE(NO_COOKIE, NLMSG_HDRLEN + 16);
  msg.writeUInt32LE(NO_COOKIE, NLMSG_HDRLEN + 20);
  return msg;
}

/**
 * The state and peer inode in one reply (struct unix_diag_msg {u8 family, type, state, pad; u32 ino;
 * u32 cookie[2]}, then rtattrs), or null for an error reply (the socket is gone).
 */
function parseReply(reply: Buffer): UnixDiag | null {
  if (reply.length < NLMSG_HDRLEN || reply.readUInt16LE(4) === NLMSG_ERROR) return null;
  const body = NLMSG_HDRLEN;
  const state = reply.readUInt8(body + 2);
  const inode = reply.readUInt32LE(body + 4);
  let peer = 0;
  for (let at = body + 16; at + 4 <= reply.length; ) {
    const length = reply.readUInt16LE(at);
    if (length < 4) break;
    if (reply.readUInt16LE(at + 2) === UNIX_DIAG_PEER && length >= 8) peer = reply.readUInt32LE(at + 4);
    at += (length + 3) & ~3;
  }
  return { inode, state, peer };
}

/** Asks the kernel for the state and peer of each Unix socket inode; inodes that are gone or not Unix sockets are left out. */
export function unixPeers(inodes: Iterable<number>): UnixDiag[] {
  const fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  const found: UnixDiag[] = [];
  const reply = Buffer.alloc(8192);
  try {
    let seq = 0;
    for (const inode of inodes) {
      sendto(fd, request(inode, ++seq), 0, KERNEL, KERNEL.length);
      let n: number;
      try {
        n = recv(fd, reply, MSG_DONTWAIT);
      } catch (error) {
        if (error instanceof ErrnoError && error.code === 'EAGAIN') continue;
        throw error;
      }
      const diag = parseReply(reply.subarray(0, n));
      if (diag?.inode === inode) found.push(diag);
    }
  } finally {
    close(fd);
  }
  return found;
}
