// /proc/net/unix: one line per Unix domain socket in this network namespace,
//   Num       RefCount Protocol Flags    Type St Inode Path
//   0000…:    00000002 00000000 00010000 0001 01 41234 /run/user/1000/ipc-demo-…/sock
// Type 0001 stream, 0002 datagram, 0005 seqpacket; St 01 unconnected, 03 connected;
// Flags 00010000 (__SO_ACCEPTCON) marks a listening socket. There is no peer column.
import { readFile } from 'node:fs/promises';

export interface UnixSocketRow {
  readonly inode: number;
  readonly refCount: number;
  readonly type: 'stream' | 'dgram' | 'seqpacket' | 'other';
  /** LISTEN (accepting connections), CONNECTED, or UNCONNECTED (bound or not, no peer). */
  readonly state: 'LISTEN' | 'CONNECTED' | 'UNCONNECTED' | 'CONNECTING' | 'DISCONNECTING';
  /** The bound name: a path, `@name` in the abstract namespace, '' when unnamed. */
  readonly path: string;
  /** The inode of the socket this one is connected to (from sock_diag; null when not asked). */
  readonly peer?: number | null;
}

const SO_ACCEPTCON = 0x10000;
const TYPES: Readonly<Record<number, UnixSocketRow['type']>> = { 1: 'stream', 2: 'dgram', 5: 'seqpacket' };
const STATES: Readonly<Record<number, UnixSocketRow['state']>> = { 1: 'UNCONNECTED', 2: 'CONNECTING', 3: 'CONNECTED', 4: 'DISCONNECTING' };
const LINE = /^\s*[0-9a-f]+:\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+(\d+)(?: (.*))?$/i;

export function parseNetUnix(text: string): UnixSocketRow[] {
  const rows: UnixSocketRow[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue; // the header, the trailing empty line
    const flags = Number.parseInt(m[2]!, 16);
    const state = STATES[Number.parseInt(m[4]!, 16)] ?? 'UNCONNECTED';
    rows.push({
      inode: Number(m[5]),
      refCount: Number.parseInt(m[1]!, 16),
      type: TYPES[Number.parseInt(m[3]!, 16)] ?? 'other',
      state: flags & SO_ACCEPTCON ? 'LISTEN' : state,
      path: m[6] ?? '',
    });
  }
  return rows;
}

/**
 * A row's state made from sk_state as sock_diag reported it, the way /proc/net/unix makes its St
 * column and LISTEN flag. CONNECTING and DISCONNECTING (a socket without its struct socket: queued,
 * not yet accepted, or being released) are kept from the row: the reply cannot tell them.
 */
function stateOf(row: UnixSocketRow, sk: { readonly listening: boolean; readonly established: boolean }): UnixSocketRow['state'] {
  if (sk.listening) return 'LISTEN';
  const orphan = row.state === 'CONNECTING' || row.state === 'DISCONNECTING';
  if (sk.established) return orphan ? 'CONNECTING' : 'CONNECTED';
  return orphan ? 'DISCONNECTING' : 'UNCONNECTED';
}

/**
 * The rows of the given socket inodes, in the order the kernel lists them, each
 * with its peer's inode as sock_diag reports it (`ss -x` asks the same way).
 * The state comes from that same reply: taken from /proc/net/unix, read a moment
 * (and under load, milliseconds) earlier, a connect() in between showed a socket
 * UNCONNECTED with a peer. libc is loaded only when there is a Unix socket to ask about.
 */
export async function readNetUnix(inodes: ReadonlySet<number>): Promise<UnixSocketRow[]> {
  if (inodes.size === 0) return [];
  let rows: UnixSocketRow[];
  try {
    rows = parseNetUnix(await readFile('/proc/net/unix', 'utf8')).filter((row) => inodes.has(row.inode));
  } catch {
    return [];
  }
  if (rows.length === 0) return rows;
  try {
    const { TCP_ESTABLISHED, TCP_LISTEN, unixPeers } = await import('../../ffi/linux-unix-diag.js');
    const diags = new Map(unixPeers(rows.map((row) => row.inode)).map((d) => [d.inode, d]));
    return rows.map((row) => {
      const diag = diags.get(row.inode);
      if (!diag) return { ...row, peer: null }; // gone since /proc/net/unix was read
      return { ...row, state: stateOf(row, { listening: diag.state === TCP_LISTEN, established: diag.state === TCP_ESTABLISHED }), peer: diag.peer };
    });
  } catch {
    return rows.map((row) => ({ ...row, peer: null })); // no sock_diag here (a kernel without unix_diag)
  }
}
