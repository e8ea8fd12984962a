// Every run gets one private directory (0700): the trace socket, FIFOs and
// sockets of the demo, the ftok key file, and a record of the System V objects
// the run created, so that a later start can remove what a killed run left.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RUN_PREFIX = 'ipc-demo-';
export const OWNER_FILE = 'owner.json';
export const OBJECTS_FILE = 'objects';
export const KEY_FILE = 'ipc.key';
export const TRACE_SOCKET = 'trace.sock';

export interface Owner {
  readonly pid: number;
  /** Field 22 of /proc/<pid>/stat: tells a live controller from a reused pid. */
  readonly startTime: string;
}

/** Where run directories live: $XDG_RUNTIME_DIR when it is ours, else the temp dir. */
export function runBase(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg && existsSync(xdg)) {
    try {
      const st = statSync(xdg);
      if (st.isDirectory() && st.uid === process.getuid?.() && (st.mode & 0o077) === 0) return xdg;
    } catch {
      // fall through to the temp dir
    }
  }
  return env.TMPDIR && existsSync(env.TMPDIR) ? env.TMPDIR : tmpdir();
}

export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: fields start after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export function isAlive(owner: Owner): boolean {
  return processStartTime(owner.pid) === owner.startTime;
}

export function createRunDir(base = runBase()): string {
  const uid = process.getuid?.() ?? 0;
  const dir = mkdtempSync(join(base, `${RUN_PREFIX}${uid}-`));
  const owner: Owner = { pid: process.pid, startTime: processStartTime(process.pid) ?? '' };
  writeFileSync(join(dir, OWNER_FILE), JSON.stringify(owner), { mode: 0o600 });
  writeFileSync(join(dir, KEY_FILE), '', { mode: 0o600 });
  return dir;
}

export interface RecordedObject {
  readonly kind: 'shm' | 'msg' | 'sem';
  readonly id: number;
  readonly key: number;
}

/** Appends one object to the run's record: a single short write, safe from several processes. */
export function recordObject(dir: string, kind: RecordedObject['kind'], id: number, key: number): void {
  appendFileSync(join(dir, OBJECTS_FILE), `${kind} ${id} ${key}\n`, { mode: 0o600 });
}

export function readObjects(dir: string): RecordedObject[] {
  let text: string;
  try {
    text = readFileSync(join(dir, OBJECTS_FILE), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f): f is [RecordedObject['kind'], string, string] => f.length === 3 && ['shm', 'msg', 'sem'].includes(f[0]!))
    .map(([kind, id, key]) => ({ kind, id: Number(id), key: Number(key) }));
}

/** The run directories of this user under `base` whose controller is dead. */
export function deadRuns(base = runBase()): string[] {
  const uid = process.getuid?.() ?? 0;
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(`${RUN_PREFIX}${uid}-`))
    .map((name) => join(base, name))
    .filter((dir) => {
      try {
        const owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as Owner;
        return !isAlive(owner);
      } catch {
        // No owner file: a run killed before it wrote one, or not ours to judge; old ones only.
        try {
          return Date.now() - statSync(dir).mtimeMs > 60_000;
        } catch {
          return false;
        }
      }
    });
}

export function removeRunDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
