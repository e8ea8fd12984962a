// The Node twins of socket-server.c / socket-client.c, dgram-*.c and tcp-*.c:
// the same calls, in the same order, on the same lines.
import { ErrnoError } from '../../ffi/libc.js';
import {
  AF_INET,
  AF_UNIX,
  SOCKADDR_IN_SIZE,
  SOCKADDR_UN_SIZE,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  SO_PEERCRED,
  SO_REUSEADDR,
  UCRED_SIZE,
  readUcred,
  sockaddrIn,
  sockaddrUn,
  ucredBuffer,
} from '../../ffi/sys-socket.js';
import type { DemoRoles, Proc } from '../types.js';

const BUF_SIZE = 256;
const TRIES = 100;
const RETRY_US = 50_000;
const ASK = 'hello, server';
const DATAGRAMS = ['one', 'and two'];
const REPLY = 'got your 2 datagrams';

/** toupper(3) in the C locale: ASCII letters only. */
const toupper = (byte: number) => (byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte);
const text = (buf: Uint8Array, n: number) => Buffer.from(buf.subarray(0, n)).toString('latin1');

/** `[stream|stale|abstract] PATH`: the path is always last, the word optional. */
function streamArgs(p: Proc): { mode: string; path: string } {
  return { mode: p.args.length > 1 ? p.args[0]! : 'stream', path: p.args.at(-1)! };
}

/** The address and its exact length, as address() in the C listings builds them. */
function address(path: string, abstract: boolean): { addr: Buffer; length: number } {
  return sockaddrUn(abstract ? `\0${path}` : path);
}

interface Client {
  /** The steps of its socket() and connect() lines. */
  readonly steps: readonly [socket: string, connect: string];
  readonly domain: number;
  readonly type: number;
  /** The errnos that mean "no server yet": anything else is fatal. */
  readonly retryOn: readonly string[];
}

/**
 * socket() and connect() until it works, with a new socket for each try: POSIX leaves a socket's
 * state unspecified after a failed connect(), so the failed one is closed, never reused.
 */
function connectFresh(p: Proc, client: Client, addr: Uint8Array, length: number): number {
  const { c } = p;
  for (let attempt = 1; ; attempt++) {
    p.step(client.steps[0]);
    const fd = c.socket(client.domain, client.type, 0);
    p.step(client.steps[1]);
    try {
      c.connect(fd, addr, length);
      return fd;
    } catch (error) {
      if (!(error instanceof ErrnoError) || !client.retryOn.includes(error.code) || attempt === TRIES) throw error;
    }
    c.close(fd);
    c.usleep(RETRY_US);
  }
}

const NO_UNIX_SERVER_YET = ['ENOENT', 'ECONNREFUSED'];

/** The read/capitalise/write loop both stream servers run on the accepted socket. */
function answer(p: Proc, cfd: number, prefix: 's' | 'ts'): void {
  const buf = new Uint8Array(BUF_SIZE);
  for (;;) {
    p.step(`${prefix}-read`);
    const n = p.c.read(cfd, buf);
    if (n === 0) break;
    p.print(`server: read ${n} bytes "${text(buf, n)}"`);
    const upper = Buffer.from(buf.subarray(0, n).map(toupper));
    p.step(`${prefix}-write`);
    p.c.write(cfd, upper);
    p.print(`server: wrote "${upper.toString('latin1')}"`);
  }
  p.print('server: read 0 bytes, the client has closed');
}

/**
 * accept() until the peer is this server's own user. A path is guarded by its directory's
 * permissions; an abstract name by nothing, so the server asks the kernel who connected.
 */
function acceptMine(p: Proc, lfd: number, abstract: boolean): number {
  const { c } = p;
  for (;;) {
    p.step('s-accept');
    const cfd = c.accept(lfd);
    if (!abstract) return cfd;
    const cred = ucredBuffer();
    p.step('s-peercred');
    c.getsockopt(cfd, SOL_SOCKET, SO_PEERCRED, cred, Int32Array.of(UCRED_SIZE));
    const peer = readUcred(cred);
    if (peer.uid === c.geteuid()) return cfd;
    p.print(`server: refused pid ${peer.pid} of uid ${peer.uid}: not my user`);
    c.close(cfd);
  }
}

function server(p: Proc): void {
  const { c } = p;
  const { mode, path } = streamArgs(p);
  const stale = mode === 'stale';
  const abstract = mode === 'abstract';
  const { addr, length } = address(path, abstract);
  p.print(`server: pid ${c.getpid()}`);
  if (stale) {
    const old = c.socket(AF_UNIX, SOCK_STREAM, 0);
    p.step('s-leftover');
    c.bind(old, addr, length);
    c.close(old);
    p.print('server: a dead server left its socket file behind');
  }
  p.step('s-socket');
  const lfd = c.socket(AF_UNIX, SOCK_STREAM, 0);
  p.step('s-bind');
  try {
    c.bind(lfd, addr, length);
  } catch (error) {
    if (!(error instanceof ErrnoError) || error.code !== 'EADDRINUSE' || !stale) throw error;
    p.print('server: bind: EADDRINUSE, the path is taken');
    p.step('s-unlink-stale');
    c.unlink(path);
    p.step('s-rebind');
    c.bind(lfd, addr, length);
  }
  p.step('s-listen');
  c.listen(lfd, 8);
  p.print(`server: listening, ${abstract ? 'no file' : 'the file exists'}`);
  const cfd = acceptMine(p, lfd, abstract);
  p.print('server: accepted a connection');
  answer(p, cfd, 's');
  p.step('s-close');
  c.close(cfd);
  c.close(lfd);
  p.step('s-unlink');
  if (!abstract) c.unlink(path);
}

function client(p: Proc): void {
  const { c } = p;
  const { mode, path } = streamArgs(p);
  const { addr, length } = address(path, mode === 'abstract');
  p.print(`client: pid ${c.getpid()}`);
  const fd = connectFresh(p, { steps: ['c-socket', 'c-connect'], domain: AF_UNIX, type: SOCK_STREAM, retryOn: NO_UNIX_SERVER_YET }, addr, length);
  p.print('client: connected');
  p.step('c-write');
  c.write(fd, Buffer.from(ASK));
  p.print(`client: wrote "${ASK}"`);
  const buf = new Uint8Array(BUF_SIZE);
  p.step('c-read');
  const n = c.read(fd, buf);
  p.print(`client: read ${n} bytes "${text(buf, n)}"`);
  p.step('c-close');
  c.close(fd);
  p.print('client: closed');
}

function dgramServer(p: Proc): void {
  const { c } = p;
  const path = p.args[0]!;
  const me = sockaddrUn(path);
  p.print(`server: pid ${c.getpid()}`);
  p.step('ds-socket');
  const fd = c.socket(AF_UNIX, SOCK_DGRAM, 0);
  p.step('ds-bind');
  c.bind(fd, me.addr, SOCKADDR_UN_SIZE);
  p.print('server: bound; no listen, no accept');
  const buf = new Uint8Array(BUF_SIZE);
  const from = Buffer.alloc(SOCKADDR_UN_SIZE);
  const fromLength = new Int32Array(1);
  for (let i = 1; i <= 2; i++) {
    fromLength[0] = SOCKADDR_UN_SIZE;
    p.step('ds-recvfrom');
    const n = c.recvfrom(fd, buf, 0, from, fromLength);
    p.print(`server: datagram ${i}, ${n} bytes "${text(buf, n)}"`);
  }
  p.step('ds-sendto');
  c.sendto(fd, Buffer.from(REPLY), 0, from, fromLength[0]!);
  p.print(`server: sent "${REPLY}" back to the sender`);
  p.step('ds-close');
  c.close(fd);
  p.step('ds-unlink');
  c.unlink(path);
}

function dgramClient(p: Proc): void {
  const { c } = p;
  const [serverPath, clientPath] = p.args as [string, string];
  const srv = sockaddrUn(serverPath);
  const me = sockaddrUn(clientPath);
  p.print(`client: pid ${c.getpid()}`);
  const fd = connectFresh(p, { steps: ['dc-socket', 'dc-connect'], domain: AF_UNIX, type: SOCK_DGRAM, retryOn: NO_UNIX_SERVER_YET }, srv.addr, SOCKADDR_UN_SIZE);
  p.step('dc-bind'); // named once connected: a failed try leaves no socket file behind
  c.bind(fd, me.addr, SOCKADDR_UN_SIZE);
  for (const datagram of DATAGRAMS) {
    p.step('dc-send');
    const sent = c.send(fd, Buffer.from(datagram), 0);
    p.print(`client: sent ${sent} bytes "${datagram}"`);
  }
  const buf = new Uint8Array(BUF_SIZE);
  p.step('dc-recv');
  const n = c.recv(fd, buf, 0);
  p.print(`client: received ${n} bytes "${text(buf, n)}"`);
  p.step('dc-close');
  c.close(fd);
  p.step('dc-unlink');
  c.unlink(clientPath);
}

/** PORT as tcp-*.c's port_arg() takes it, all of it a number; the controller always passes a free one, so a bad one is a bug in the invocation. */
function portArg(p: Proc, program: string): number {
  const text = p.args[0] ?? '';
  const port = p.args.length === 1 && /^\s*[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`usage: ${program} PORT: "${text}" is not a port (1 to 65535)`);
  return port;
}

function tcpServer(p: Proc): void {
  const { c } = p;
  const addr = sockaddrIn(portArg(p, 'tcp-server'));
  p.print(`server: pid ${c.getpid()}`);
  p.step('ts-socket');
  const lfd = c.socket(AF_INET, SOCK_STREAM, 0);
  p.step('ts-reuseaddr');
  c.setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, 1);
  p.step('ts-bind');
  c.bind(lfd, addr, SOCKADDR_IN_SIZE);
  p.step('ts-listen');
  c.listen(lfd, 8);
  p.print('server: listening on 127.0.0.1, no file anywhere');
  p.step('ts-accept');
  const cfd = c.accept(lfd);
  p.print('server: accepted a connection');
  answer(p, cfd, 'ts');
  p.step('ts-close');
  c.close(cfd);
  c.close(lfd);
}

function tcpClient(p: Proc): void {
  const { c } = p;
  const addr = sockaddrIn(portArg(p, 'tcp-client'));
  p.print(`client: pid ${c.getpid()}`);
  const fd = connectFresh(p, { steps: ['tc-socket', 'tc-connect'], domain: AF_INET, type: SOCK_STREAM, retryOn: ['ECONNREFUSED'] }, addr, SOCKADDR_IN_SIZE);
  p.print('client: connected');
  p.step('tc-write');
  c.write(fd, Buffer.from(ASK));
  p.print(`client: wrote "${ASK}"`);
  const buf = new Uint8Array(BUF_SIZE);
  p.step('tc-read');
  const n = c.read(fd, buf);
  p.print(`client: read ${n} bytes "${text(buf, n)}"`);
  p.step('tc-close');
  c.close(fd);
  p.print('client: closed');
}

const STREAM_MODES = new Set(['stream', 'stale', 'abstract']);

/**
 * Each role has three programs; the variant's argv tells which one this runner
 * twins (meta.ts always passes the stream programs their mode word):
 * `stream|stale|abstract PATH` → socket-*.c, a lone port number → tcp-*.c, paths → dgram-*.c.
 */
function byProgram(unix: (p: Proc) => void, dgram: (p: Proc) => void, tcp: (p: Proc) => void) {
  return (p: Proc): void => {
    if (STREAM_MODES.has(p.args[0] ?? '')) return unix(p);
    if (p.args.length === 1 && /^\d+$/.test(p.args[0]!)) return tcp(p);
    return dgram(p);
  };
}

export const roles: DemoRoles = {
  server: byProgram(server, dgramServer, tcpServer),
  client: byProgram(client, dgramClient, tcpClient),
};
