// Two users on one machine never meet (README). A socket path lives in the run's 0700 directory;
// an abstract name has no permissions, so socket-server.c checks its peer itself (SO_PEERCRED, a
// lesson of its own). A TCP port is open to every local user too, and a TCP peer has no
// SO_PEERCRED: the only place its owner shows is /proc/net/tcp's uid column. tcp-server.c does not
// read it. A real TCP server authenticates in its protocol, never by parsing /proc, and a listing
// is what students copy: 25 lines of Linux-only parsing would bury the TCP lesson under something
// no TCP program does. So the runtime guards the port, as it makes the 0700 directories and 0600
// objects no listing mentions: a connection that accept() returns from another user's socket is
// closed and accept() called again, inside the one accept() call the learner sees, and a
// `peer-refused` note says so. Without an intruder the twin makes exactly the listing's calls.
import { readFileSync } from 'node:fs';
import { inetEnds } from '../ffi/sys-socket.js';
import { geteuid } from '../ffi/unistd.js';
import { parseNetTcp } from './kernel/net-tcp.js';

/**
 * Why a connected TCP socket's peer is not this process's user (`uid 1001`, or `no owner` when
 * no process holds the other end any more), or null when it is, or when `fd` is no TCP socket.
 */
export function foreignTcpPeer(fd: number): string | null {
  const ends = inetEnds(fd);
  if (!ends) return null;
  // The peer's own row: its local end is our remote one. A socket its process has closed
  // already (orphaned, or a TIME_WAIT end) has inode 0 and, for TIME_WAIT, uid 0: it proves
  // nothing, so it is refused too. The run's own client holds its socket until it has its answer.
  const row = parseNetTcp(readFileSync('/proc/net/tcp', 'utf8')).find((r) => r.local === ends.remote && r.remote === ends.local);
  if (!row || row.inode === 0) return 'no owner';
  return row.uid === geteuid() ? null : `uid ${row.uid}`;
}
