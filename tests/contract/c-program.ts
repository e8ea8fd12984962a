// The C side of the contract: compile a listing with the real compiler, run
// one variant's programs for real (all roles at once, as the controller starts
// runners), and collect what each printed and how it ended.
import { execFileSync, spawn } from 'node:child_process';
import { linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoMeta, VariantMeta } from '../../src/demos/types.js';

export interface CResult {
  readonly role: string;
  readonly pid: number;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

const buildDir = mkdtempSync(join(tmpdir(), 'ipc-contract-build-'));
const built = new Map<string, string>();

/** The compiled listings go when the test file is done: a run leaves nothing behind, a test run neither. */
export function removeBuilds(): void {
  rmSync(buildDir, { recursive: true, force: true });
  built.clear();
}

/** The compilers every listing must build with, clean: students copy the listings into either. */
export const COMPILERS = ['gcc', 'clang'] as const;
export type Compiler = (typeof COMPILERS)[number];
export const CFLAGS = ['-Wall', '-Wextra', '-Werror'] as const;

/** Whether `compiler` is on PATH, asked the way a student's shell would find it. */
export function hasCompiler(compiler: Compiler): boolean {
  try {
    execFileSync(compiler, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Compiles with `compiler` and CFLAGS; throws with the compiler's message (its command, then its stderr) if it does not. */
export function compile(demo: DemoMeta, file: string, compiler: Compiler = COMPILERS[0]): string {
  const key = `${compiler}/${demo.id}/${file}`;
  const existing = built.get(key);
  if (existing) return existing;
  const source = join(buildDir, `${demo.id}-${file}`);
  const binary = source.replace(/\.c$/, `-${compiler}`);
  writeFileSync(source, demo.sources[file]!);
  execFileSync(compiler, [...CFLAGS, '-o', binary, source], { stdio: 'pipe' });
  built.set(key, binary);
  return binary;
}

/**
 * gcc's static analyzer over the listing: it follows each path through the program and finds what
 * warnings cannot, such as a malloc() result used unchecked. Throws with its report if it finds any.
 */
export function analyse(demo: DemoMeta, file: string): void {
  const source = join(buildDir, `${demo.id}-analysed-${file}`);
  writeFileSync(source, demo.sources[file]!);
  execFileSync('gcc', ['-fanalyzer', ...CFLAGS, '-c', '-o', '/dev/null', source], { stdio: 'pipe' });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** The argv of a role with {dir}, {key} and {port} filled in, as Run.argv does. */
export function argvFor(variant: VariantMeta, role: string, dir: string, port: number): string[] {
  const args = variant.argv?.[role] ?? variant.cArgs ?? [];
  return args.map((arg) => arg.replaceAll('{dir}', dir).replaceAll('{key}', join(dir, 'ipc.key')).replaceAll('{port}', String(port)));
}

let chosen: Compiler | undefined;

/** The programs run are built by the first compiler on PATH (each one's build is checked on its own). */
function runCompiler(): Compiler {
  chosen ??= COMPILERS.find(hasCompiler) ?? COMPILERS[0];
  return chosen;
}

/** A second name for the key file: its inode, so its ftok() key, stays the run's even after a program unlinks ipc.key. */
export const HELD_KEY = 'ipc.key.held';

/**
 * Runs every role's program at once. `stuckAfterMs`: the demo's own run got
 * stuck, so the C program will too: end it (its whole process group) after that long.
 */
export function runC(demo: DemoMeta, variant: VariantMeta, dir: string, port: number, stuckAfterMs?: number): Promise<CResult[]> {
  writeFileSync(join(dir, 'ipc.key'), '', { mode: 0o600 });
  linkSync(join(dir, 'ipc.key'), join(dir, HELD_KEY));
  return Promise.all(
    Object.entries(variant.listings).map(
      ([role, file]) =>
        new Promise<CResult>((resolve) => {
          const child = spawn(compile(demo, file, runCompiler()), argvFor(variant, role, dir, port), { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), stuckAfterMs ?? 30_000);
          child.on('close', (code, signal) => {
            clearTimeout(timer);
            resolve({ role, pid: child.pid!, stdout: lines(stdout), stderr: lines(stderr), code, signal });
          });
        }),
    ),
  );
}
