// What /proc says about one process: its state, where it sleeps, its fds,
// its shared mappings and its signal masks. Read by the controller, never parsed from tools' text.
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
import { decodeSignalMask, isRuntimeMask } from '../../ffi/signal-names.js';

export interface FdEntry {
  readonly fd: number;
  /** readlink of /proc/<pid>/fd/<n>: pipe:[123], socket:[456], /memfd:x (deleted), a path. */
  readonly target: string;
  readonly kind: 'pipe' | 'socket' | 'memfd' | 'fifo' | 'file' | 'other';
  readonly inode: number | null;
  /** O_ACCMODE of fdinfo flags: r, w or rw. */
  readonly access: 'r' | 'w' | 'rw' | null;
}

export interface MappingEntry {
  readonly range: string;
  readonly perms: string;
  readonly inode: number;
  readonly name: string;
}

export interface ProcessState {
  readonly pid: number;
  /** R running, S sleeping, D disk sleep, Z zombie, T stopped; null when gone. */
  readonly state: string | null;
  readonly wchan: string | null;
  readonly fds: readonly FdEntry[];
  readonly maps: readonly MappingEntry[];
  readonly sigBlk: readonly string[];
  readonly sigPnd: readonly string[];
  readonly sigCgt: readonly string[];
  /**
   * Set only when the kernel's mask was the runtime's, not the program's, at the read (fork()'s
   * block-everything, JS running with its handled signals held back): not a view to show.
   */
  readonly runtimeMask?: true;
}

async function text(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

function fdKind(target: string): FdEntry['kind'] {
  if (target.startsWith('pipe:')) return 'pipe';
  if (target.startsWith('socket:')) return 'socket';
  if (target.startsWith('/memfd:')) return 'memfd';
  if (target.startsWith('/')) return 'file';
  return 'other';
}

/**
 * A native program's runtime keeps its own fds from here up (TRACE_FD_MIN in src/native/ipc-trace.c:
 * its trace connection, an exec's output relay's ends while it starts): never the program's.
 */
const RUNTIME_FD_MIN = 900;

async function readFds(pid: number, hidden: ReadonlySet<number>): Promise<FdEntry[]> {
  let names: string[];
  try {
    names = await readdir(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  // 0–2 are the runtime's (/dev/null, its output socket) unless the program put a pipe there: kept for withSharedStdFds.
  const fds = names.map(Number).filter((fd) => !hidden.has(fd) && fd < RUNTIME_FD_MIN).sort((a, b) => a - b);
  const entries = await Promise.all(
    fds.map(async (fd): Promise<FdEntry | null> => {
      let target: string;
      try {
        target = await readlink(`/proc/${pid}/fd/${fd}`);
      } catch {
        return null;
      }
      if (target.startsWith('anon_inode:')) return null; // Node's epoll, eventfd: not the demo's
      const info = (await text(`/proc/${pid}/fdinfo/${fd}`)) ?? '';
      const flags = /flags:\s+([0-7]+)/.exec(info)?.[1];
      const inodeMatch = /\[(\d+)\]$/.exec(target) ?? /ino:\s+(\d+)/.exec(info);
      const accmode = flags === undefined ? null : Number.parseInt(flags, 8) & 3;
      let kind = fdKind(target);
      let inode = inodeMatch ? Number(inodeMatch[1]) : null;
      // A FIFO's fd links to its path (with " (deleted)" once unlinked): only stat() tells it from a file.
      const st = kind === 'file' ? await stat(`/proc/${pid}/fd/${fd}`).catch(() => null) : null;
      if (st?.isFIFO()) {
        kind = 'fifo';
        inode = st.ino;
      }
      return {
        fd,
        target,
        kind,
        inode,
        access: accmode === null ? null : accmode === 0 ? 'r' : accmode === 1 ? 'w' : 'rw',
      };
    }),
  );
  return entries.filter((entry): entry is FdEntry => entry !== null && (entry.fd > 2 || entry.kind === 'pipe' || entry.kind === 'fifo'));
}

/**
 * A pipe or FIFO on fd 0, 1 or 2 is shown when the run holds it at another fd too — another
 * process's (`ls | wc -l`: ls's stdout and wc's stdin are the two ends of one pipe) or the same
 * process's (dup2 before the close) — and left out otherwise: the pipe an exec'd program's
 * stderr goes to, read by the output relay, is ipc-demo's, not the program's.
 */
export function withSharedStdFds(processes: readonly ProcessState[]): ProcessState[] {
  const holders = new Map<number, number>();
  for (const p of processes) for (const f of p.fds) if (f.inode !== null) holders.set(f.inode, (holders.get(f.inode) ?? 0) + 1);
  return processes.map((p) => {
    const fds = p.fds.filter((f) => f.fd > 2 || (f.inode !== null && holders.get(f.inode)! > 1));
    return fds.length === p.fds.length ? p : { ...p, fds };
  });
}

/**
 * The mappings IPC is about: shared ones (memfd, /dev/zero, SYSV segments), and a memfd mapped
 * MAP_PRIVATE (rw-p), whose copy-on-write is the lesson that it is not shared.
 */
function sharedMaps(maps: string): MappingEntry[] {
  return maps
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 6 && (f[1]!.endsWith('s') ? /^(\/memfd:|\/dev\/zero|\/SYSV)/ : /^\/memfd:/).test(f.slice(5).join(' ')))
    .map((f) => ({ range: f[0]!, perms: f[1]!, inode: Number(f[4]), name: f.slice(5).join(' ') }));
}

function privateDemoMaps(maps: string, extra: readonly string[]): MappingEntry[] {
  if (extra.length === 0) return [];
  return maps
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 5 && extra.includes(f[0]!))
    .map((f) => ({ range: f[0]!, perms: f[1]!, inode: Number(f[4]), name: f.slice(5).join(' ') || '[anon]' }));
}

/** The state letter of a /proc/<pid>/stat line (fields start after the last ')': comm may hold any). */
function stateOf(stat: string | null): string | null {
  return stat ? (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null) : null;
}

/**
 * The CPU time `pid` has used, user and system, in clock ticks (fields 14 and 15 of its stat line;
 * /proc counts them in USER_HZ, 100 a second); null when it is gone.
 */
export async function readCpuTicks(pid: number): Promise<number | null> {
  const stat = await text(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3, the state
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * The live children of `pid` (zombies left out), from /proc/<pid>/task/<pid>/children: those
 * forked by its main thread, the only thread that forks in a runner.
 */
export async function readLiveChildren(pid: number): Promise<number[]> {
  const list = await text(`/proc/${pid}/task/${pid}/children`);
  const children = (list ?? '').split(' ').filter((word) => word !== '').map(Number);
  const states = await Promise.all(children.map(async (child) => stateOf(await text(`/proc/${child}/stat`))));
  return children.filter((_, i) => states[i] != null && states[i] !== 'Z');
}

export async function readProcessState(pid: number, hiddenFds: ReadonlySet<number>, watchRanges: readonly string[] = []): Promise<ProcessState> {
  const [stat, wchan, maps, status, fds] = await Promise.all([
    text(`/proc/${pid}/stat`),
    text(`/proc/${pid}/wchan`),
    text(`/proc/${pid}/maps`),
    text(`/proc/${pid}/status`),
    readFds(pid, hiddenFds),
  ]);
  const state = stateOf(stat);
  const field = (name: string) => (status ? new RegExp(`^${name}:\\s*([0-9a-f]+)$`, 'm').exec(status)?.[1] : undefined);
  return {
    pid,
    state,
    wchan: wchan && wchan !== '0' ? wchan : null,
    fds,
    maps: maps ? [...sharedMaps(maps), ...privateDemoMaps(maps, watchRanges)] : [],
    sigBlk: decodeSignalMask(field('SigBlk')),
    sigPnd: [...new Set([...decodeSignalMask(field('SigPnd')), ...decodeSignalMask(field('ShdPnd'))])],
    sigCgt: decodeSignalMask(field('SigCgt')),
    ...(isRuntimeMask(field('SigBlk')) ? { runtimeMask: true as const } : {}),
  };
}
