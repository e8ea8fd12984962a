// What the header says about the machine: the numbers mean little without it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';

export interface Host {
  readonly cpu: string;
  readonly cpus: number;
  readonly kernel: string;
  readonly node: string;
  /** The C compiler's first line of `cc --version`, or null: no C reference. */
  readonly cc: string | null;
  readonly load: readonly number[];
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux-like: os.cpus() below
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

export function compilerVersion(): string | null {
  try {
    return execFileSync('cc', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!.trim();
  } catch {
    return null;
  }
}

export function describeHost(): Host {
  return { cpu: cpuModel(), cpus: cpus().length, kernel: `Linux ${release()}`, node: process.version, cc: compilerVersion(), load: loadavg() };
}
