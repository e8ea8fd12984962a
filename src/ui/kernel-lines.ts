// The kernel panel's text, a pure function of a snapshot: each process's fd
// table, the objects that link them (same inode = same kernel object), fill
// levels, shared mappings, signal masks and System V objects.
import stringWidth from 'string-width';
import type { Lang } from '../demos/types.js';
import type { KernelSnapshot } from '../runtime/events.js';
import type { FdEntry } from '../runtime/kernel/process-state.js';
import { formatBytes } from './format.js';
import type { ProcView } from './model.js';
import { strings } from './strings.js';
import { processColor } from './theme.js';
import { wrapLines } from './wrap.js';

export interface KernelLine {
  readonly text: string;
  readonly color?: string;
  readonly dim?: boolean;
}

const PIPE_CAPACITY = 65536;

function fdLabel(fd: FdEntry): string {
  const access = fd.access ? ` ${fd.access}` : '';
  if (fd.kind === 'pipe' || fd.kind === 'socket') return `${fd.fd}${access} ${fd.kind}:${fd.inode}`;
  // A FIFO is a pipe with a name: the inode links both ends, the name says which FIFO.
  if (fd.kind === 'fifo') return `${fd.fd}${access} fifo:${fd.inode} ${fd.target.slice(fd.target.lastIndexOf('/') + 1)}`;
  // A memfd's whole name is the lesson ("/memfd:NAME (deleted)"): shorten only a long one.
  const room = fd.kind === 'memfd' ? 32 : 22;
  const name = fd.target.length > room ? `…${fd.target.slice(1 - room)}` : fd.target;
  return `${fd.fd}${access} ${name}`;
}

/** The first bytes of a page, hex then printable ASCII: the bytes the lesson is about. */
export function hexView(hex: string, count = 8): string {
  const bytes = Buffer.from(hex, 'hex').subarray(0, count);
  const hexPart = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = [...bytes].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `${hexPart} |${text}|`;
}

function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** A socket's name, short: the run directory is long and the same for all; the last component tells them apart. */
function shortName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? path : `${path.startsWith('@') ? '@' : ''}…${path.slice(slash)}`;
}

/**
 * /proc/net/unix rows of the run's sockets: who holds each, its state and name,
 * and, on a line of its own (paths are long), the socket it is connected to (sock_diag) and who holds that one.
 */
function unixLines(snapshot: KernelSnapshot, holders: ReadonlyMap<string, readonly string[]>, words: { unnamed: string; peer: string }): KernelLine[] {
  const rows = snapshot.unix ?? [];
  if (rows.length === 0) return [];
  const who = (inode: number) => `${(holders.get(`socket:${inode}`) ?? []).map((tag) => tag.replace(/[rw]+$/, '')).join(' ')} ${inode}`.trim();
  return [
    { text: '/proc/net/unix', dim: true },
    ...rows.flatMap((row) => [
      { text: ` ${who(row.inode)} ${row.type} ${row.state} ${row.path ? shortName(row.path) : words.unnamed}` },
      ...(row.peer ? [{ text: `   ⇄ ${words.peer} ${who(row.peer)}` }] : []),
    ]),
  ];
}

/** How many bytes of a page fit after `tag` on a line `width` wide: "tag addr " then 3 columns of hex and 1 of ASCII per byte, and 2 bars. */
function bytesFitting(width: number, tag: string): number {
  return Math.max(4, Math.min(8, Math.floor((width - tag.length - 10) / 4)));
}

/** /proc/net/tcp rows of the run's sockets: who holds each (no one for TIME_WAIT), its state and ends. */
function tcpLines(snapshot: KernelSnapshot, holders: ReadonlyMap<string, readonly string[]>): KernelLine[] {
  const rows = snapshot.tcp ?? [];
  if (rows.length === 0) return [];
  const who = (inode: number) => (inode === 0 ? '-' : `${(holders.get(`socket:${inode}`) ?? []).map((tag) => tag.replace(/[rw]+$/, '')).join(' ')} ${inode}`.trim());
  return [
    { text: '/proc/net/tcp', dim: true },
    ...rows.flatMap((row) => [
      { text: ` ${who(row.inode)} ${row.state} ${row.local}` },
      ...(row.state === 'LISTEN' ? [] : [{ text: `   ⇄ ${row.remote}` }]),
    ]),
  ];
}

export function kernelLines(snapshot: KernelSnapshot | null, procs: readonly Pick<ProcView, 'pid' | 'role' | 'index' | 'tag'>[], lang: Lang, width = Infinity): KernelLine[] {
  const s = strings[lang];
  if (!snapshot) return [{ text: s.starting, dim: true }];
  const lines: KernelLine[] = [];
  const holders = new Map<string, string[]>();
  for (const state of snapshot.processes) {
    const proc = procs.find((p) => p.pid === state.pid);
    if (!proc) continue;
    const tag = proc.tag;
    const color = processColor(proc.index);
    const fds = state.fds.map(fdLabel);
    lines.push({ text: `${tag} ${s.fds}: ${fds.length ? fds.join(', ') : s.none}`, color });
    for (const fd of state.fds) {
      if (fd.inode === null || (fd.kind !== 'pipe' && fd.kind !== 'socket' && fd.kind !== 'memfd' && fd.kind !== 'fifo')) continue;
      const key = `${fd.kind === 'memfd' ? 'memfd' : fd.kind}:${fd.inode}`;
      holders.set(key, [...(holders.get(key) ?? []), `${tag}${fd.access ?? ''}`]);
    }
    for (const map of state.maps) lines.push({ text: `${tag} map ${map.perms} ${map.name}`, color });
    for (const region of snapshot.memory[state.pid] ?? []) lines.push({ text: `${tag} ${region.addr.slice(-6)} ${hexView(region.hex, bytesFitting(width, tag))}`, color });
    // One line per mask: three masks of a few names each do not fit one line of the panel.
    for (const [label, names] of [[s.sigBlk, state.sigBlk], [s.sigPnd, state.sigPnd], [s.sigCgt, state.sigCgt]] as const) {
      if (names.length) lines.push({ text: `${tag} sig ${label} ${names.join(' ')}`, color });
    }
  }
  const inUnixTable = new Set([...(snapshot.unix ?? []), ...(snapshot.tcp ?? [])].map((row) => `socket:${row.inode}`));
  for (const [object, who] of holders) {
    if (inUnixTable.has(object)) continue; // shown with its /proc/net/unix row below
    const inode = Number(object.split(':')[1]);
    const fill = object.startsWith('pipe:') || object.startsWith('fifo:') ? snapshot.pipeFill[inode] : undefined;
    const level = fill === undefined ? '' : ` ${formatBytes(fill)}/${formatBytes(PIPE_CAPACITY)} ${bar(fill / PIPE_CAPACITY, 8)}`;
    lines.push({ text: `${object} ⇄ ${who.join(' ')}${level}` });
  }
  lines.push(...unixLines(snapshot, holders, { unnamed: s.unnamed, peer: s.peer }));
  lines.push(...tcpLines(snapshot, holders));
  for (const [kind, rows] of Object.entries(snapshot.sysv)) {
    for (const row of rows ?? []) {
      const id = row.shmid ?? row.msqid ?? row.semid;
      const key = `0x${((row.key ?? 0) >>> 0).toString(16).padStart(8, '0')}`;
      const detail =
        kind === 'shm' ? `size ${row.size} nattch ${row.nattch}` : kind === 'msg' ? `qnum ${row.qnum} cbytes ${row.cbytes}` : `nsems ${row.nsems}`;
      // The counts are the lesson, the key only a name: they go first, before a narrow pane cuts the line.
      lines.push({ text: `${kind} id ${id} ${detail} key ${key}` });
    }
  }
  return lines;
}

/**
 * The lines cut to `width` columns at spaces, never with an ellipsis: a fact the lesson
 * names (`nattch 2`, a second fd) is read whole. A continuation is indented two more
 * than its line, so it reads as one.
 */
export function wrapKernelLines(lines: readonly KernelLine[], width: number): KernelLine[] {
  return lines.flatMap((line) => {
    if (stringWidth(line.text) <= width) return [line];
    const indent = ' '.repeat(line.text.length - line.text.trimStart().length);
    return wrapLines(line.text.trimStart(), Math.max(8, width - indent.length - 2)).map((piece, i) => ({ ...line, text: `${indent}${i === 0 ? '' : '  '}${piece}` }));
  });
}
