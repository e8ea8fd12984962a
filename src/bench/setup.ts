// What a bench run needs before it measures and after: the twin's bundle, the CPUs to pin to,
// the C reference built into the run's private directory, and the removal of System V objects a
// killed process could not remove.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import harness from './c/harness.c';
import header from './c/bench.h';
import type { SysvObject } from './peer.js';
import type { MechanismMeta } from './types.js';

export type CpuMode = 'same' | 'different' | 'any';

export class BenchError extends Error {}

export function twinPath(): string {
  for (const candidate of ['./bench-twin.js', '../../dist/bench-twin.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new BenchError('dist/bench-twin.js is missing; run `npm run build` first');
}

/** The CPUs this process may use, from /proc/self/status ("0-1,4"). */
function allowedCpus(): number[] {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('Cpus_allowed_list:')) ?? '';
  return line.slice(line.indexOf(':') + 1).trim().split(',').flatMap((part) => {
    const [lo, hi] = part.split('-').map(Number);
    return lo === undefined || Number.isNaN(lo) ? [] : Array.from({ length: (hi ?? lo) - lo + 1 }, (_, i) => lo + i);
  });
}

export function chooseCpus(mode: CpuMode): { parent: number; child: number } {
  if (mode === 'any') return { parent: -1, child: -1 };
  const cpus = allowedCpus();
  if (cpus.length === 0) throw new BenchError('no CPU to run on (Cpus_allowed_list is empty)');
  if (mode === 'same') return { parent: cpus[0]!, child: cpus[0]! };
  if (cpus.length < 2) throw new BenchError(`--cpu different needs two CPUs; this process may use only CPU ${cpus[0]}`);
  return { parent: cpus[0]!, child: cpus[1]! };
}

/** Compiles each mechanism's C reference with the harness into `dir`, -O2, in parallel. */
export async function buildC(dir: string, chosen: readonly MechanismMeta[]): Promise<Map<string, string>> {
  writeFileSync(join(dir, 'bench.h'), header);
  writeFileSync(join(dir, 'harness.c'), harness);
  const run = promisify(execFile);
  const binaries = new Map<string, string>();
  await Promise.all(chosen.map(async (meta) => {
    const source = join(dir, `${meta.id}.c`);
    writeFileSync(source, meta.source);
    const binary = join(dir, `c-${meta.id}`);
    try {
      await run('cc', ['-O2', '-Wall', '-I', dir, '-o', binary, join(dir, 'harness.c'), source]);
    } catch (error) {
      throw new BenchError(`cc could not build the C reference of ${meta.id}:\n${(error as { stderr?: string }).stderr ?? String(error)}`);
    }
    binaries.set(meta.id, binary);
  }));
  return binaries;
}

export function removeLeftObjects(objects: readonly SysvObject[], remove: (kind: SysvObject['kind'], id: number) => void): void {
  for (const { kind, id } of objects) {
    const column = 1; // key, then the id, in every /proc/sysvipc table
    let table: string;
    try {
      table = readFileSync(`/proc/sysvipc/${kind}`, 'utf8');
    } catch {
      continue;
    }
    // Ids are not reused soon (a sequence number is part of them): a recorded id still listed is ours.
    if (table.split('\n').slice(1).some((row) => Number(row.trim().split(/\s+/)[column]) === id)) {
      try {
        remove(kind, id);
      } catch {
        // gone meanwhile
      }
    }
  }
}
