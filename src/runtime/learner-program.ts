// A learner's own C programs (`ipc-demo my-pipe.c`, `ipc-demo writer.c reader.c`), compiled
// with the native runtime and shown as a demo of their own: the file is the listing, each
// program a role, no lessons (the screen tells each call's result instead).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DemoMeta, VariantMeta } from '../demos/types.js';
import { compiledLauncher, NativeBuildError, ThreadsRefusedError, type Launcher } from './launch.js';
import { createRunDir, removeRunDir } from './run-dir.js';

/** The variant id of a learner's run; it has only this one. */
export const LEARNER_VARIANT = 'yours';

export interface LearnerPrograms {
  readonly demo: DemoMeta;
  readonly variant: VariantMeta;
  readonly launcher: Launcher;
  /** What the compiler said of programs it compiled all the same (warnings), by file. */
  readonly warnings: string;
  /** Removes the private directory the binaries were built in. */
  dispose(): void;
}

/** A role per program: `main` for one (it forks, as a section-1 demo), else each file's name (writer.c: writer). */
export function learnerRoles(paths: readonly string[]): string[] {
  if (paths.length === 1) return ['main'];
  const roles: string[] = [];
  for (const path of paths) {
    const base = basename(path, '.c').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'program';
    let role = /^\d/.test(base) ? `p${base}` : base;
    for (let n = 2; roles.includes(role) || role === 'child' || role === 'main'; n++) role = `${base}${n}`;
    roles.push(role);
  }
  return roles;
}

/** A learner's program started alone may meet one started in another terminal (its FIFO's reader, its server). */
export function peersElsewhere(demo: Pick<DemoMeta, 'order' | 'roles'>): boolean {
  return demo.order === 0 && demo.roles.length === 1;
}

/** The demo the screen shows for these programs: each file's text as its listing, no lessons. */
export function learnerDemo(paths: readonly string[], args: readonly string[]): { demo: DemoMeta; variant: VariantMeta } {
  const roles = learnerRoles(paths);
  // Two files of one name (a/x.c b/x.c) are told apart by the path they were given as.
  const names = paths.map((path) => (paths.filter((p) => basename(p) === basename(path)).length > 1 ? path : basename(path)));
  const sources = Object.fromEntries(names.map((name, i) => [name, readFileSync(paths[i]!, 'utf8')]));
  const title = names.join(' + ');
  const started = names.map((name) => ['./' + basename(name, '.c'), ...args].join(' ')).join(' & ');
  const listings = Object.fromEntries(roles.map((role, i) => [role, names[i]!]));
  const variant: VariantMeta = {
    id: LEARNER_VARIANT,
    title: { en: 'your program', zh: '你的程序' },
    // How it was started, as the learner would start it in a terminal.
    summary: {
      en: `Started as ${started}.`,
      zh: `启动方式：${started}。`,
    },
    listings,
    cArgs: args,
  };
  const demo: DemoMeta = {
    id: 'program',
    order: 0,
    section: roles.length === 1 ? 'related' : 'unrelated',
    aliases: [],
    title: { en: title, zh: title },
    summary: {
      en: 'Your program, compiled with cc and run for real: each process stops before each IPC call, at its own line.',
      zh: '你的程序：用 cc 编译后真实运行，每个进程在每次 IPC 调用之前停在它自己的那一行。',
    },
    roles: roles.map((role) => ({ id: role, title: { en: role, zh: role } })),
    variants: [variant],
    steps: {},
    sources,
  };
  return { demo, variant };
}

/**
 * Compiles the learner's programs (warnings shown, not fatal: -Wno-error) into a private
 * directory of their own, made and swept as a run's is, before anything is shown: the
 * compiler's text then stays in the terminal. Throws NativeBuildError when one does not compile,
 * ThreadsRefusedError when one starts threads.
 */
export async function buildLearnerPrograms(paths: readonly string[], args: readonly string[]): Promise<LearnerPrograms> {
  const { demo, variant } = learnerDemo(paths, args);
  const { compileTogether } = await import('./native-build.js');
  const dir = createRunDir();
  try {
    const roles = Object.keys(variant.listings);
    const builds = await compileTogether(new Map(roles.map((role, i) => [role, paths[i]!])), dir, ['-Wno-error'], process.cwd());
    if (!(builds instanceof Map)) throw new NativeBuildError(builds.ok ? '' : builds.output, !builds.ok && builds.missingCompiler);
    // cc's errors first: the program must compile before its threads matter.
    const failed = [...builds.values()].flatMap((build) => (build.ok || 'threads' in build ? [] : [build]));
    if (failed.length > 0) throw new NativeBuildError(failed.map((build) => build.output).join(''), failed.some((build) => build.missingCompiler));
    const threads = [...builds.values()].flatMap((build) => (!build.ok && 'threads' in build ? build.threads : []));
    if (threads.length > 0) throw new ThreadsRefusedError(threads);
    const binaries = new Map([...builds].flatMap(([role, build]) => (build.ok ? [[role, build.binary] as const] : [])));
    const warnings = [...builds.values()].map((build) => (build.ok ? (build.warnings ?? '') : '')).join('');
    // Ctrl-C or kill ends the process by the lifecycle's process.exit(): the binaries go then too.
    const removeAtExit = () => removeRunDir(dir);
    process.on('exit', removeAtExit);
    const dispose = () => {
      process.off('exit', removeAtExit);
      removeRunDir(dir);
    };
    return { demo, variant, launcher: compiledLauncher(binaries), warnings, dispose };
  } catch (error) {
    removeRunDir(dir);
    throw error;
  }
}
