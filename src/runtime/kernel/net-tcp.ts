// /proc/net/tcp: one line per IPv4 TCP socket,
//   sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
//   0: 0100007F:9C41 00000000:0000 0A …                                      1000  0 41234 …
// Addresses are the raw 32-bit value in host order (127.0.0.1 is 0100007F on x86), ports in hex.
// A connection in TIME_WAIT belongs to no process any more: its inode is 0.
import { readFile } from 'node:fs/promises';

export interface TcpSocketRow {
  readonly inode: number;
  /** The uid of the socket's owner; 0 for a TIME_WAIT end, which no process holds. */
  readonly uid: number;
  readonly local: string;
  readonly remote: string;
  readonly state: string;
}

const STATES: Readonly<Record<number, string>> = {
  1: 'ESTABLISHED', 2: 'SYN_SENT', 3: 'SYN_RECV', 4: 'FIN_WAIT1', 5: 'FIN_WAIT2', 6: 'TIME_WAIT',
  7: 'CLOSE', 8: 'CLOSE_WAIT', 9: 'LAST_ACK', 10: 'LISTEN', 11: 'CLOSING',
};

function address(hex: string): string {
  const [ip, port] = hex.split(':') as [string, string];
  const n = Number.parseInt(ip, 16);
  return `${n & 0xff}.${(n >>> 8) & 0xff}.${(n >>> 16) & 0xff}.${n >>> 24}:${Number.parseInt(port, 16)}`;
}

export function parseNetTcp(text: string): TcpSocketRow[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 10 && /^\d+:$/.test(f[0]!))
    .map((f) => ({ local: address(f[1]!), remote: address(f[2]!), state: STATES[Number.parseInt(f[3]!, 16)] ?? f[3]!, uid: Number(f[7]), inode: Number(f[9]) }));
}

const port = (endpoint: string) => endpoint.slice(endpoint.lastIndexOf(':') + 1);

/**
 * The rows of the given socket inodes, and the TIME_WAIT rows of their connections:
 * those no process holds, but which share a port with a socket that one does.
 */
export async function readNetTcp(inodes: ReadonlySet<number>): Promise<TcpSocketRow[]> {
  if (inodes.size === 0) return [];
  let all: TcpSocketRow[];
  try {
    all = parseNetTcp(await readFile('/proc/net/tcp', 'utf8'));
  } catch {
    return [];
  }
  const held = all.filter((row) => inodes.has(row.inode));
  const ports = new Set(held.map((row) => port(row.local)));
  return [...held, ...all.filter((row) => row.inode === 0 && (ports.has(port(row.local)) || ports.has(port(row.remote))))];
}
