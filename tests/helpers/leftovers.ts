// What a test's runs may leave behind: processes, run directories (and the FIFOs
// and sockets in them), System V objects. Other test files run at the same time
// on the same machine, so a test checks only what it can tell is its own: the
// processes it saw, and the ids the kernel gave their objects. Never a key alone
// after the run: a key is ftok() of a key file's inode, and the next mkdtemp,
// of any test, may get that inode again.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { expect } from 'vitest';
import { removeSysvObject } from '../../src/ffi/sys-ipc.js';
import type { SysvKind, SysvRow } from '../../src/runtime/kernel/sysvipc.js';
import { sysvRows } from './kernel.js';
import { runPids } from './terminal.js';

const KINDS = ['shm', 'msg', 'sem'] as const;
const ID_COLUMN = { shm: 'shmid', msg: 'msqid', sem: 'semid' } as const;
/** The columns naming a process: the creator and last user of a segment, the last sender and receiver of a queue (sem has none). */
const PID_COLUMNS = { shm: ['cpid', 'lpid'], msg: ['lspid', 'lrpid'], sem: [] } as const;

export interface SysvLeft {
  readonly kind: SysvKind;
  readonly id: number;
  readonly key: number;
}

export interface Leftovers {
  readonly processes: number[];
  readonly paths: string[];
  readonly sysv: SysvLeft[];
}

/** The part of ftok()'s key that names the file: (st_dev & 0xff) << 16 | (st_ino & 0xffff); the top byte is the project id. */
function keyOfFile(path: string): number | null {
  try {
    const st = statSync(path);
    return ((st.dev & 0xff) << 16) | (st.ino & 0xffff);
  } catch {
    return null;
  }
}

function exists(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').length > 0; // a zombie counts: it is left behind too
  } catch {
    return false;
  }
}

/**
 * What one test knows of its runs, gathered while they run or from what they printed.
 * Keep one per test case: pids wrap (pid_max may be 32768), so a pid is proof only for a while.
 */
export class RunTrace {
  readonly pids = new Set<number>();
  readonly ids: Record<SysvKind, Set<number>> = { shm: new Set(), msg: new Set(), sem: new Set() };
  /** ftok() keys (less the project id) of key files the test keeps until it has checked. */
  private readonly heldKeys = new Set<number>();

  /**
   * A key file the test itself keeps (a hard link holds its inode even if a program unlinks it)
   * until after its check: objects under its key are the runs', then too.
   */
  holdKeyFile(path: string): this {
    const key = keyOfFile(path);
    if (key === null) throw new Error(`no key file ${path}`);
    this.heldKeys.add(key);
    return this;
  }

  /** `--json` events: every process says hello; shmget, msgget and semget return the ids. */
  addEvents(events: readonly { kind: string; pid?: number; name?: string; value?: unknown }[]): this {
    for (const event of events) {
      if (event.kind === 'hello' && typeof event.pid === 'number') this.pids.add(event.pid);
      const kind = /^(shm|msg|sem)get$/.exec(event.name ?? '')?.[1] as SysvKind | undefined;
      if (event.kind === 'return' && kind && typeof event.value === 'number' && event.value >= 0) this.ids[kind].add(event.value);
    }
    return this;
  }

  /** A `--plain` transcript: "[role pid] step …" headers and "shmget() = id" returns. */
  addTranscript(coloured: string): this {
    const text = stripVTControlCharacters(coloured);
    for (const [, pid] of text.matchAll(/^\s*\[\S+ (\d+)\]/gm)) this.pids.add(Number(pid));
    for (const [, kind, id] of text.matchAll(/\b(shm|msg|sem)get\(\) = (\d+)/g)) this.ids[kind as SysvKind].add(Number(id));
    return this;
  }

  /**
   * While runs under `base` (their TMPDIR) are live: their processes, and the objects
   * either keyed by one of their key files (which exist now, so the key is theirs alone)
   * or made or used by one of their processes. Call it often: at every step.
   */
  watch(base: string): this {
    for (const pid of runPids(base)) this.pids.add(pid);
    const files = new Set<number>();
    for (const name of safeList(base).filter((n) => n.startsWith('ipc-demo-'))) {
      const key = keyOfFile(join(base, name, 'ipc.key'));
      if (key !== null) files.add(key);
    }
    for (const kind of KINDS) {
      for (const row of sysvRows(kind)) {
        if ((row.key !== 0 && files.has(row.key! & 0xffffff)) || this.usedBy(kind, row)) this.ids[kind].add(row[ID_COLUMN[kind]]!);
      }
    }
    return this;
  }

  /** How many System V objects the trace knows: a check that found none checked nothing. */
  get objectCount(): number {
    return KINDS.reduce((n, kind) => n + this.ids[kind].size, 0);
  }

  private usedBy(kind: SysvKind, row: SysvRow): boolean {
    return PID_COLUMNS[kind].some((column) => this.pids.has(row[column] ?? 0));
  }

  /** The runs' System V objects still there now. */
  sysvLeft(): SysvLeft[] {
    return KINDS.flatMap((kind) =>
      sysvRows(kind)
        .filter((row) => this.ids[kind].has(row[ID_COLUMN[kind]]!) || this.usedBy(kind, row) || (row.key !== 0 && this.heldKeys.has(row.key! & 0xffffff)))
        .map((row) => ({ kind, id: row[ID_COLUMN[kind]]!, key: row.key! })),
    );
  }

  /** What of these runs is still there now. `paths`: entries of `base` (only those `pathFilter` keeps). */
  leftovers(base: string, pathFilter: (name: string) => boolean = () => true): Leftovers {
    const processes = [...new Set([...runPids(base), ...[...this.pids].filter(exists)])].sort((a, b) => a - b);
    return { processes, paths: safeList(base).filter(pathFilter), sysv: this.sysvLeft() };
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Waits until no controller or runner of `base` is left, as after closing a terminal under a run
 * (SIGHUP): it is removing its objects, which it finds by the record in its run directory.
 * Removing `base` before that leaves them for good.
 */
export async function runsEnded(base: string, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; runPids(base).length > 0 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The System V objects there now, as `kind id`: those a later check must not take for a run's. A
 * pid column names an object's last user, and pids come round again (pid_max 32768): another
 * test's queue last sent to by a pid that a run's process has since been given looks like the run's.
 */
export function sysvNow(): Set<string> {
  return new Set(KINDS.flatMap((kind) => sysvRows(kind).map((row) => `${kind} ${row[ID_COLUMN[kind]]!}`)));
}

/** Removes System V objects (ipcrm), those already gone aside. */
export function removeSysv(objects: readonly SysvLeft[]): void {
  for (const object of objects) {
    try {
      removeSysvObject(object.kind, object.id);
    } catch {
      // gone already
    }
  }
}

/** Ends and removes what a failed check found, so that one test's leak is not the next one's. */
function removeLeftovers(left: Leftovers): void {
  for (const pid of left.processes) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  removeSysv(left.sysv);
}

/**
 * Nothing of the traced runs is left: no process (not even a zombie), no entry under `base`, no
 * System V object. What is found is reported, then removed (paths are the caller's: base is its own).
 */
export function expectNothingLeftOf(trace: RunTrace, base: string, pathFilter?: (name: string) => boolean): void {
  const left = trace.leftovers(base, pathFilter);
  removeLeftovers(left);
  expect(left, 'left behind by the runs').toEqual({ processes: [], paths: [], sysv: [] });
}
