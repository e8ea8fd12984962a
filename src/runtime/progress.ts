// What a learner has done, kept between runs: demos and variants seen, questions answered
// right, exercises passed. One JSON file per user under $XDG_STATE_HOME/ipc-demo/ (default
// ~/.local/state/ipc-demo/), written whole under another name and renamed into place; a file
// that cannot be read as progress is set aside under a new name, said, never a crash.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Progress {
  readonly version: 1;
  /** Variant ids seen to their end, by demo id. */
  readonly seen: Readonly<Record<string, readonly string[]>>;
  /** Question ids answered right. */
  readonly answered: readonly string[];
  /** Exercise ids: started (its starter written) or passed (a check passed). */
  readonly exercises: Readonly<Record<string, 'started' | 'passed'>>;
  /** Hints given so far, by exercise id. */
  readonly hints: Readonly<Record<string, number>>;
}

export const EMPTY: Progress = { version: 1, seen: {}, answered: [], exercises: {}, hints: {} };

export function progressDir(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(env.HOME || homedir(), '.local', 'state');
  return join(state, 'ipc-demo');
}

export function progressFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(progressDir(env), 'progress.json');
}

export interface Loaded {
  readonly progress: Progress;
  /** Where a damaged file was moved to, if one was. */
  readonly setAside?: string;
}

function isProgress(value: unknown): value is Progress {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  const record = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  return p.version === 1 && record(p.seen) && Array.isArray(p.answered) && record(p.exercises) && record(p.hints);
}

export function loadProgress(env: NodeJS.ProcessEnv = process.env): Loaded {
  const file = progressFile(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { progress: EMPTY }; // none yet (or unreadable: nothing to set aside)
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isProgress(value)) return { progress: value };
  } catch {
    // damaged: set aside below
  }
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
  } catch {
    return { progress: EMPTY };
  }
  return { progress: EMPTY, setAside: aside };
}

export function saveProgress(progress: Progress, env: NodeJS.ProcessEnv = process.env): void {
  const file = progressFile(env);
  mkdirSync(progressDir(env), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, `${JSON.stringify(progress, null, 2)}\n`, { mode: 0o600 });
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Loads, changes and saves in one go; a failure to save (a read-only home) is not the learner's problem: it is returned. */
export function updateProgress(change: (progress: Progress) => Progress, env: NodeJS.ProcessEnv = process.env): { readonly progress: Progress; readonly setAside?: string; readonly error?: string } {
  const loaded = loadProgress(env);
  const progress = change(loaded.progress);
  try {
    saveProgress(progress, env);
    return { ...loaded, progress };
  } catch (error) {
    return { ...loaded, progress, error: error instanceof Error ? error.message : String(error) };
  }
}

export function withExercise(progress: Progress, id: string, status: 'started' | 'passed'): Progress {
  if (progress.exercises[id] === 'passed') return progress; // passed stays passed
  return { ...progress, exercises: { ...progress.exercises, [id]: status } };
}

export function withSeen(progress: Progress, demoId: string, variantId: string): Progress {
  const seen = progress.seen[demoId] ?? [];
  return seen.includes(variantId) ? progress : { ...progress, seen: { ...progress.seen, [demoId]: [...seen, variantId] } };
}

/**
 * A built-in demo's variant run to its end (done, or stuck where being stuck is its lesson)
 * counts as seen; one stopped, timed out or a learner's own program (order 0) does not.
 */
export function recordSeen(demo: { readonly id: string; readonly order: number }, variantId: string, reason: 'done' | 'stuck' | 'timeout' | 'stopped'): void {
  if ((reason === 'done' || reason === 'stuck') && demo.order > 0) updateProgress((p) => withSeen(p, demo.id, variantId));
}

export function withHint(progress: Progress, id: string): Progress {
  return { ...progress, hints: { ...progress.hints, [id]: (progress.hints[id] ?? 0) + 1 } };
}

export function withAnswer(progress: Progress, questionId: string): Progress {
  return progress.answered.includes(questionId) ? progress : { ...progress, answered: [...progress.answered, questionId] };
}
