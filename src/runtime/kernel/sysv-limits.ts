// When a System V get call fails, the facts that explain it: which kernel limit
// was reached and how much of it is in use (/proc/sys/kernel, /proc/sysvipc).
import { readFileSync } from 'node:fs';
import { parseSysvTable } from './sysvipc.js';

const GET_CALLS: Readonly<Record<string, 'shm' | 'msg' | 'sem'>> = { shmget: 'shm', msgget: 'msg', semget: 'sem' };

/** The errnos a get call gives when the system, not the program, is in the way. */
export const SYSV_ERRNOS = ['ENOSPC', 'EACCES', 'EEXIST'] as const;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

function inUse(kind: 'shm' | 'msg' | 'sem'): number {
  const text = read(`/proc/sysvipc/${kind}`);
  return text === null ? 0 : parseSysvTable(text).length;
}

/** The limit on the number of objects of a kind: its sysctl name and value. */
function limit(kind: 'shm' | 'msg' | 'sem'): { name: string; value: string } {
  // kernel.sem is four numbers: SEMMSL SEMMNS SEMOPM SEMMNI; the number of sets is the fourth.
  if (kind === 'sem') return { name: 'kernel.sem(semmni)', value: read('/proc/sys/kernel/sem')?.split(/\s+/)[3] ?? '?' };
  const name = kind === 'shm' ? 'shmmni' : 'msgmni';
  return { name: `kernel.${name}`, value: read(`/proc/sys/kernel/${name}`) ?? '?' };
}

/**
 * `name errno` and, for ENOSPC, `limit=value used`; for shmget's EINVAL, `kernel.shmmax=value`:
 * the detail of a sysv-error note. Null when the failure is not one the system explains.
 */
export function sysvFailure(call: string, errno: string): string | null {
  const kind = GET_CALLS[call];
  // shmget's EINVAL: the size is outside the kernel's limits for one segment. The demos ask
  // for a page with a key of their own run, so it is kernel.shmmax set below a page.
  if (call === 'shmget' && errno === 'EINVAL') return `${call} ${errno} kernel.shmmax=${read('/proc/sys/kernel/shmmax') ?? '?'}`;
  if (!kind || !(SYSV_ERRNOS as readonly string[]).includes(errno)) return null;
  if (errno !== 'ENOSPC') return `${call} ${errno}`;
  const { name, value } = limit(kind);
  return `${call} ${errno} ${name}=${value} ${inUse(kind)}`;
}
