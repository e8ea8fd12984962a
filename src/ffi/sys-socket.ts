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
export const SO_PEERCRED = 17;
export const MSG_DONTWAIT = 0x40;
export const SHUT_RD = 0;
export const SHUT_WR = 1;
export const SHUT_RDWR = 2;
/** 127.0.0.1 in host byte order, as <netinet/in.h> defines it. */
export const INADDR_LOOPBACK = 0x7f00_0001;

/** sizeof(struct sockaddr_un) on Linux: sa_family_t then char sun_path[108]. */
export const SOCKADDR_UN_SIZE = 110;
const SUN_PATH_OFFSET = 2;
const SUN_PATH_MAX = 108;
/** sizeof(struct sockaddr_in): family, port (big-endian), address (big-endian), 8 bytes of zero. */
export const SOCKADDR_IN_SIZE = 16;

const socketC = libc.func('int socket(int domain, int type, int protocol)');
const connectC = libc.func('int connect(int sockfd, const void *addr, uint32_t addrlen)');
const bindC = libc.func('int bind(int sockfd, const void *addr, uint32_t addrlen)');
const listenC = libc.func('int listen(int sockfd, int backlog)');
const acceptC = libc.func('int accept(int sockfd, void *addr, void *addrlen)');
const sendC = libc.func('ssize_t send(int sockfd, const void *buf, size_t len, int flags)');
const recvC = libc.func('ssize_t recv(int sockfd, void *buf, size_t len, int flags)');
const sendtoC = libc.func('ssize_t sendto(int sockfd, const void *buf, size_t len, int flags, const void *dest_addr, socklen_t addrlen)');
const recvfromC = libc.func('ssize_t recvfrom(int sockfd, void *buf, size_t len, int flags, void *src_addr, void *addrlen)');
const setsockoptC = libc.func('int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t optlen)');
const getsockoptC = libc.func('int getsockopt(int sockfd, int level, int optname, void *optval, void *optlen)');
const shutdownC = libc.func('int shutdown(int sockfd, int how)');
const getsocknameC = libc.func('int getsockname(int sockfd, void *addr, void *addrlen)');
const getpeernameC = libc.func('int getpeername(int sockfd, void *addr, void *addrlen)');

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

/** The name in a sockaddr_un of `length` bytes: a path, or `@name` for the abstract namespace (as /proc/net/unix writes it). */
export function sockaddrUnName(addr: Uint8Array, length: number): string {
  const path = Buffer.from(addr.subarray(SUN_PATH_OFFSET, Math.max(SUN_PATH_OFFSET, length)));
  if (path.length === 0) return '';
  if (path[0] === 0) return `@${path.subarray(1).toString()}`;
  const end = path.indexOf(0);
  return path.subarray(0, end < 0 ? path.length : end).toString();
}

/** A struct sockaddr_in for an IPv4 address (host byte order, e.g. INADDR_LOOPBACK) and port: htons/htonl done here. */
export function sockaddrIn(port: number, address = INADDR_LOOPBACK): Buffer {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port ${port} is not in 0..65535`);
  const addr = Buffer.alloc(SOCKADDR_IN_SIZE);
  addr.writeUInt16LE(AF_INET, 0);
  addr.writeUInt16BE(port, 2);
  addr.writeUInt32BE(address >>> 0, 4);
  return addr;
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

export function sendto(fd: number, buf: Uint8Array, flags: number, dest: Uint8Array, destLength: number): number {
  return check('sendto', Number(sendtoC(fd, buf, buf.length, flags, dest, destLength)));
}

/**
 * recvfrom(2). `from` receives the sender's address; `fromLength[0]` goes in as
 * its size (socklen_t in/out, as in C) and comes back as the address's real length.
 */
export function recvfrom(fd: number, buf: Uint8Array, flags: number, from: Uint8Array, fromLength: Int32Array): number {
  return check('recvfrom', Number(recvfromC(fd, buf, buf.length, flags, from, fromLength)));
}

/** setsockopt(2) with an int option, as C passes `&on, sizeof on`. */
export function setsockopt(fd: number, level: number, name: number, value: number): void {
  check('setsockopt', setsockoptC(fd, level, name, Int32Array.of(value), 4) as number);
}

/** getsockopt(2) for an int option. */
export function getsockoptInt(fd: number, level: number, name: number): number {
  const value = new Int32Array(1);
  check('getsockopt', getsockoptC(fd, level, name, value, Int32Array.of(4)) as number);
  return value[0]!;
}

/**
 * getsockopt(2) as C calls it: the kernel writes the option's value into `value` and its size
 * into `length[0]`, which goes in as the size of `value` (socklen_t in/out).
 */
export function getsockopt(fd: number, level: number, name: number, value: Uint8Array, length: Int32Array): void {
  check('getsockopt', getsockoptC(fd, level, name, value, length) as number);
}

/** struct ucred { pid_t pid; uid_t uid; gid_t gid; } (<sys/socket.h>, _GNU_SOURCE): 12 bytes. */
export const UCRED_SIZE = 12;

export interface Ucred {
  readonly pid: number;
  readonly uid: number;
  readonly gid: number;
}

/** A zeroed struct ucred for getsockopt(SO_PEERCRED) to fill. */
export function ucredBuffer(): Buffer {
  return Buffer.alloc(UCRED_SIZE);
}

/** The fields of a struct ucred in memory. */
export function readUcred(buf: Uint8Array): Ucred {
  const view = Buffer.from(buf.buffer, buf.byteOffset, UCRED_SIZE);
  return { pid: view.readInt32LE(0), uid: view.readUInt32LE(4), gid: view.readUInt32LE(8) };
}

/** getsockopt(SO_PEERCRED): who the connected peer was when the connection was made. */
export function peerCredentials(fd: number): Ucred {
  const cred = ucredBuffer();
  getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, Int32Array.of(UCRED_SIZE));
  return readUcred(cred);
}

export function shutdown(fd: number, how: number): void {
  check('shutdown', shutdownC(fd, how) as number);
}

/** getsockname(2): `length[0]` goes in as the size of `addr` and comes back as the name's real length. */
export function getsockname(fd: number, addr: Uint8Array, length: Int32Array): void {
  check('getsockname', getsocknameC(fd, addr, length) as number);
}

/** getpeername(2): the address of the socket `fd` is connected to; `length` in/out as for getsockname. */
export function getpeername(fd: number, addr: Uint8Array, length: Int32Array): void {
  check('getpeername', getpeernameC(fd, addr, length) as number);
}

/**
 * The two ends of a connected IPv4 socket as `a.b.c.d:port` (as /proc/net/tcp is read in
 * src/runtime/kernel/net-tcp.ts), or null for a socket of another family.
 */
export function inetEnds(fd: number): { local: string; remote: string } | null {
  const end = (get: typeof getsockname): string | null => {
    const addr = Buffer.alloc(SOCKADDR_IN_SIZE);
    get(fd, addr, Int32Array.of(SOCKADDR_IN_SIZE));
    if (addr.readUInt16LE(0) !== AF_INET) return null;
    return `${[...addr.subarray(4, 8)].join('.')}:${addr.readUInt16BE(2)}`;
  };
  const local = end(getsockname);
  return local === null ? null : { local, remote: end(getpeername)! };
}

/** The name a Unix socket is bound to: '' when unnamed, '@…' when abstract. */
export function unixSocketName(fd: number): string {
  const addr = Buffer.alloc(SOCKADDR_UN_SIZE);
  const length = Int32Array.of(SOCKADDR_UN_SIZE);
  getsockname(fd, addr, length);
  return sockaddrUnName(addr, length[0]!);
}

/** The calls a demo makes through the traced facade. */
export const calls = { socket, connect, bind, listen, accept, send, recv, sendto, recvfrom, setsockopt, getsockopt, shutdown };
