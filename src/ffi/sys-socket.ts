// <sys/socket.h>, <sys/un.h>
import { check, libc } from './libc.js';

export const AF_UNIX = 1;
export const AF_INET = 2;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_CLOEXEC = 0o2000000;
export const MSG_NOSIGNAL = 0x4000;
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;

/** sizeof(struct sockaddr_un) on Linux: sa_family_t then char sun_path[108]. */
export const SOCKADDR_UN_SIZE = 110;
const SUN_PATH_OFFSET = 2;
const SUN_PATH_MAX = 108;

const socketC = libc.func('int socket(int domain, int type, int protocol)');
const connectC = libc.func('int connect(int sockfd, const void *addr, uint32_t addrlen)');
const bindC = libc.func('int bind(int sockfd, const void *addr, uint32_t addrlen)');
const listenC = libc.func('int listen(int sockfd, int backlog)');
const acceptC = libc.func('int accept(int sockfd, void *addr, void *addrlen)');
const sendC = libc.func('ssize_t send(int sockfd, const void *buf, size_t len, int flags)');
const recvC = libc.func('ssize_t recv(int sockfd, void *buf, size_t len, int flags)');

/**
 * A struct sockaddr_un for `path` and its length as bind/connect take it:
 * 2 + strlen + 1 for a file path; for the abstract namespace (a path that
 * starts with NUL) 2 + its length, with no terminating NUL counted.
 */
export function sockaddrUn(path: string): { addr: Buffer; length: number } {
  const bytes = Buffer.from(path);
  const abstract = bytes[0] === 0;
  const length = SUN_PATH_OFFSET + bytes.length + (abstract ? 0 : 1);
  if (bytes.length + (abstract ? 0 : 1) > SUN_PATH_MAX) {
    throw new RangeError(`socket path is ${bytes.length} bytes; sun_path holds ${SUN_PATH_MAX - 1}`);
  }
  const addr = Buffer.alloc(SOCKADDR_UN_SIZE);
  addr.writeUInt16LE(AF_UNIX, 0);
  bytes.copy(addr, SUN_PATH_OFFSET);
  return { addr, length };
}

export function socket(domain: number, type: number, protocol = 0): number {
  return check('socket', socketC(domain, type, protocol) as number);
}

export function connect(fd: number, addr: Uint8Array, length: number): void {
  check('connect', connectC(fd, addr, length) as number);
}

export function bind(fd: number, addr: Uint8Array, length: number): void {
  check('bind', bindC(fd, addr, length) as number);
}

export function listen(fd: number, backlog: number): void {
  check('listen', listenC(fd, backlog) as number);
}

export function accept(fd: number): number {
  return check('accept', acceptC(fd, null, null) as number);
}

export function send(fd: number, buf: Uint8Array, flags = 0): number {
  return check('send', Number(sendC(fd, buf, buf.length, flags)));
}

export function recv(fd: number, buf: Uint8Array, flags = 0): number {
  return check('recv', Number(recvC(fd, buf, buf.length, flags)));
}

/** The calls a demo makes through the traced facade. */
export const calls = { socket, connect, bind, listen, accept, send, recv };
