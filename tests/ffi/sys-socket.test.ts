// Sockets through koffi, on real syscalls in the test process: Unix stream and
// datagram sockets on paths and abstract names, TCP on loopback, options,
// shutdown, and the sock_diag query that tells which socket is whose peer.
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TCP_CLOSE, TCP_ESTABLISHED, TCP_LISTEN, unixPeers } from '../../src/ffi/linux-unix-diag.js';
import { ErrnoError } from '../../src/ffi/libc.js';
import {
  AF_INET,
  AF_UNIX,
  SHUT_WR,
  SOCKADDR_UN_SIZE,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  SO_REUSEADDR,
  accept,
  bind,
  connect,
  getsockname,
  getsockoptInt,
  listen,
  peerCredentials,
  recv,
  recvfrom,
  send,
  sendto,
  setsockopt,
  shutdown,
  sockaddrIn,
  sockaddrUn,
  sockaddrUnName,
  socket,
  unixSocketName,
} from '../../src/ffi/sys-socket.js';
import { close, getpid, read, unlink, write } from '../../src/ffi/unistd.js';

let dir = '';
const open: number[] = [];

function track(fd: number): number {
  open.push(fd);
  return fd;
}

function inodeOf(fd: number): number {
  return Number(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))![1]);
}

function errnoOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (error) {
    if (error instanceof ErrnoError) return error.code;
    throw error;
  }
  return null;
}

/** /proc/net/unix lines naming `path` (the last column). */
function unixRows(path: string): string[] {
  return readFileSync('/proc/net/unix', 'utf8').split('\n').filter((line) => line.trim().split(/\s+/)[7] === path);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipc-ffi-socket-'));
});

afterEach(() => {
  for (const fd of open.splice(0)) {
    try {
      close(fd);
    } catch {
      // closed by the test
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('Unix stream sockets', () => {
  it('bind makes a socket file, a second bind of the path is EADDRINUSE until it is unlinked', () => {
    const path = join(dir, 'sock');
    const { addr, length } = sockaddrUn(path);
    expect(length).toBe(2 + Buffer.byteLength(path) + 1);
    const old = track(socket(AF_UNIX, SOCK_STREAM));
    bind(old, addr, length);
    expect(lstatSync(path).isSocket()).toBe(true);
    expect(unixRows(path)).toHaveLength(1);
    close(old);
    expect(unixRows(path), 'the socket is gone').toEqual([]);
    expect(lstatSync(path).isSocket(), 'but its file stays').toBe(true);
    const fresh = track(socket(AF_UNIX, SOCK_STREAM));
    expect(errnoOf(() => bind(fresh, addr, length))).toBe('EADDRINUSE');
    const probe = track(socket(AF_UNIX, SOCK_STREAM));
    expect(errnoOf(() => connect(probe, addr, length)), 'no one listens on a stale file').toBe('ECONNREFUSED');
    unlink(path);
    bind(fresh, addr, length);
    expect(unixSocketName(fresh)).toBe(path);
  });

  it('connects, talks both ways, shows the peer link and the peer’s credentials', () => {
    const path = join(dir, 'sock');
    const { addr, length } = sockaddrUn(path);
    const missing = track(socket(AF_UNIX, SOCK_STREAM));
    expect(errnoOf(() => connect(missing, addr, length))).toBe('ENOENT');
    const lfd = track(socket(AF_UNIX, SOCK_STREAM));
    bind(lfd, addr, length);
    listen(lfd, 8);
    const cfd = track(socket(AF_UNIX, SOCK_STREAM));
    connect(cfd, addr, length); // queued: succeeds before accept()
    const sfd = track(accept(lfd));
    expect(write(cfd, Buffer.from('hello'))).toBe(5);
    const buf = new Uint8Array(16);
    expect(read(sfd, buf)).toBe(5);
    expect(send(sfd, Buffer.from('HELLO'))).toBe(5);
    expect(recv(cfd, buf)).toBe(5);
    expect(Buffer.from(buf.subarray(0, 5)).toString()).toBe('HELLO');

    const [listening, accepted, client] = [inodeOf(lfd), inodeOf(sfd), inodeOf(cfd)];
    const peers = new Map(unixPeers([listening, accepted, client, 0x7fff_fff0]).map((d) => [d.inode, d.peer]));
    expect(peers.get(accepted)).toBe(client);
    expect(peers.get(client)).toBe(accepted);
    expect(peers.get(listening)).toBe(0);
    expect(peers.has(0x7fff_fff0), 'an inode that is no socket is left out').toBe(false);
    const states = new Map(unixPeers([listening, accepted, client]).map((d) => [d.inode, d.state]));
    expect([states.get(listening), states.get(accepted), states.get(client)]).toEqual([TCP_LISTEN, TCP_ESTABLISHED, TCP_ESTABLISHED]);
    expect(peerCredentials(sfd).pid).toBe(getpid());

    shutdown(cfd, SHUT_WR);
    expect(read(sfd, buf), 'end of file after the peer’s shutdown').toBe(0);
    close(sfd);
    expect(unixPeers([accepted])).toEqual([]);
  });

  it('an abstract name makes no file, is shown with @, and every byte of its length counts', () => {
    const name = join(dir, 'abstract');
    const { addr, length } = sockaddrUn(`\0${name}`);
    expect(length).toBe(2 + 1 + Buffer.byteLength(name));
    expect(addr[2]).toBe(0);
    const lfd = track(socket(AF_UNIX, SOCK_STREAM));
    bind(lfd, addr, length);
    listen(lfd, 8);
    expect(existsSync(name)).toBe(false);
    expect(unixSocketName(lfd)).toBe(`@${name}`);
    expect(unixRows(`@${name}`)).toHaveLength(1);
    const wrong = track(socket(AF_UNIX, SOCK_STREAM));
    expect(errnoOf(() => connect(wrong, addr, length + 1)), 'a trailing NUL makes another name').toBe('ECONNREFUSED');
    const right = track(socket(AF_UNIX, SOCK_STREAM));
    connect(right, addr, length);
    close(lfd);
    expect(unixRows(`@${name}`), 'the name goes with its last socket').toEqual([]);
  });

  it('rejects a path longer than sun_path holds', () => {
    expect(() => sockaddrUn(`/${'x'.repeat(107)}`)).toThrow(RangeError);
    expect(sockaddrUn(`/${'x'.repeat(106)}`).length).toBe(110);
  });
});

describe('Unix datagram sockets', () => {
  it('keeps datagram boundaries and tells recvfrom who sent each one', () => {
    const server = sockaddrUn(join(dir, 'server.sock'));
    const clientPath = join(dir, 'client.sock');
    const client = sockaddrUn(clientPath);
    const sfd = track(socket(AF_UNIX, SOCK_DGRAM));
    bind(sfd, server.addr, SOCKADDR_UN_SIZE); // sizeof, as the C listing passes it
    const cfd = track(socket(AF_UNIX, SOCK_DGRAM));
    bind(cfd, client.addr, SOCKADDR_UN_SIZE);
    expect(unixPeers([inodeOf(cfd)]), 'bound, not connected').toEqual([{ inode: inodeOf(cfd), state: TCP_CLOSE, peer: 0 }]);
    connect(cfd, server.addr, SOCKADDR_UN_SIZE);
    // connect() makes both ends TCP_ESTABLISHED (/proc/net/unix shows both CONNECTED); only the client has a peer.
    expect(unixPeers([inodeOf(cfd), inodeOf(sfd)]).map((d) => d.state)).toEqual([TCP_ESTABLISHED, TCP_ESTABLISHED]);
    expect(send(cfd, Buffer.from('one'))).toBe(3);
    expect(send(cfd, Buffer.from('and two'))).toBe(7);
    const buf = new Uint8Array(256);
    const from = Buffer.alloc(SOCKADDR_UN_SIZE);
    const fromLength = Int32Array.of(SOCKADDR_UN_SIZE);
    expect(recvfrom(sfd, buf, 0, from, fromLength)).toBe(3);
    expect(fromLength[0]).toBe(2 + Buffer.byteLength(clientPath) + 1);
    expect(sockaddrUnName(from, fromLength[0]!)).toBe(clientPath);
    fromLength[0] = SOCKADDR_UN_SIZE;
    expect(recvfrom(sfd, buf, 0, from, fromLength)).toBe(7);
    expect(sendto(sfd, Buffer.from('got it'), 0, from, fromLength[0]!)).toBe(6);
    expect(recv(cfd, buf)).toBe(6);
    const peers = new Map(unixPeers([inodeOf(cfd), inodeOf(sfd)]).map((d) => [d.inode, d.peer]));
    expect(peers.get(inodeOf(cfd)), 'the connected client points at the server').toBe(inodeOf(sfd));
    expect(peers.get(inodeOf(sfd)), 'the server is connected to no one').toBe(0);
  });
});

describe('TCP on loopback', () => {
  it('builds sockaddr_in in network byte order, sets SO_REUSEADDR, and connects', () => {
    expect([...sockaddrIn(0x1234)]).toEqual([2, 0, 0x12, 0x34, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => sockaddrIn(65536)).toThrow(RangeError);
    const lfd = track(socket(AF_INET, SOCK_STREAM));
    expect(getsockoptInt(lfd, SOL_SOCKET, SO_REUSEADDR)).toBe(0);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, 1);
    expect(getsockoptInt(lfd, SOL_SOCKET, SO_REUSEADDR)).toBe(1);
    bind(lfd, sockaddrIn(0), 16);
    listen(lfd, 8);
    const bound = Buffer.alloc(16);
    getsockname(lfd, bound, Int32Array.of(16));
    const port = bound.readUInt16BE(2);
    expect(port).toBeGreaterThan(0);
    const cfd = track(socket(AF_INET, SOCK_STREAM));
    connect(cfd, sockaddrIn(port), 16);
    const sfd = track(accept(lfd));
    expect(write(cfd, Buffer.from('ping'))).toBe(4);
    const buf = new Uint8Array(8);
    expect(read(sfd, buf)).toBe(4);
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const listening = readFileSync('/proc/net/tcp', 'utf8').split('\n').filter((l) => l.includes(`0100007F:${hexPort} 00000000:0000 0A`));
    expect(listening).toHaveLength(1);
  });
});
