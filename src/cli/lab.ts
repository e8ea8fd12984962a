// What `ipc-demo lab` (list, start, check, hint) and `ipc-demo progress` do: the exercises of
// issue 13 on the command line (lab-commands.ts declares them). Exit status: 0 done or passed, 1 not passed (or could not run), 2 usage.
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { exercises, findExercise, type ListedExercise } from '../demos/exercises.js';
import { didYouMean } from '../demos/registry.js';
import type { Lang, Text } from '../demos/types.js';
import { loadProgress, progressFile, saveProgress, EMPTY, updateProgress, withExercise, withHint, type Progress } from '../runtime/progress.js';
import type { ThreadCall } from '../runtime/native-threads.js';
import { labText } from './lab-text.js';
import { nativeText } from './native-text.js';

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface LabOptions {
  json?: boolean;
  lang?: Lang;
}


function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** The exercise named `id`, or a usage error (exit 2) that says which there are. */
function exerciseOr2(id: string, lang: Lang): ListedExercise | undefined {
  const found = findExercise(id);
  if (found) return found;
  const ids = exercises.map(({ exercise }) => exercise.id);
  process.stderr.write(`ipc-demo: ${labText[lang].unknownExercise(id, didYouMean(id, ids), ids)}\n`);
  process.exitCode = EXIT.usage;
  return undefined;
}

function statusOf(progress: Progress, id: string): 'new' | 'started' | 'passed' {
  return progress.exercises[id] ?? 'new';
}

/** Progress changed and saved; what went wrong on the way is said on stderr, never fatal. */
function record(change: (progress: Progress) => Progress, lang: Lang): Progress {
  const result = updateProgress(change);
  if (result.setAside) process.stderr.write(`${labText[lang].setAside(result.setAside)}\n`);
  if (result.error) process.stderr.write(`${labText[lang].progressSaveFailed(result.error)}\n`);
  return result.progress;
}

export function list(options: LabOptions, lang: Lang): void {
  const t = labText[lang];
  const loaded = loadProgress();
  if (loaded.setAside) process.stderr.write(`${t.setAside(loaded.setAside)}\n`);
  if (options.json) {
    const rows = exercises.map(({ demo, exercise }) => ({ id: exercise.id, mechanism: demo.id, title: exercise.title, file: exercise.file, status: statusOf(loaded.progress, exercise.id) }));
    out(JSON.stringify(rows));
    return;
  }
  out(t.heading);
  for (const { demo, exercise } of exercises) {
    const status = statusOf(loaded.progress, exercise.id);
    const mark = status === 'passed' ? '✓' : status === 'started' ? '·' : ' ';
    out(`  ${mark} ${exercise.id.padEnd(20)} ${demo.title[lang]}: ${exercise.title[lang]} (${t.status[status]})`);
  }
}

export function start(id: string, lang: Lang): void {
  const t = labText[lang];
  const found = exerciseOr2(id, lang);
  if (!found) return;
  const { exercise } = found;
  const kept = existsSync(exercise.file);
  if (!kept) writeFileSync(exercise.file, exercise.starter, { flag: 'wx' });
  record((p) => withExercise(p, exercise.id, 'started'), lang);
  out(kept ? t.kept(exercise.file) : t.written(exercise.file));
  out();
  out(`  ${exercise.task[lang]}`);
  out();
  out(t.next(exercise.id, exercise.file));
}

export function hint(id: string, lang: Lang): void {
  const t = labText[lang];
  const found = exerciseOr2(id, lang);
  if (!found) return;
  const { exercise } = found;
  const given = loadProgress().progress.hints[exercise.id] ?? 0;
  const n = Math.min(given, exercise.hints.length - 1);
  out(`${t.hintOf(n + 1, exercise.hints.length)} ${exercise.hints[n]![lang]}`);
  if (given >= exercise.hints.length - 1) out(t.lastHint);
  if (given < exercise.hints.length) record((p) => withHint(p, exercise.id), lang);
}

function pick(text: Text, lang: Lang): string {
  return text[lang];
}

export async function check(id: string, file: string | undefined, options: LabOptions, lang: Lang): Promise<void> {
  const t = labText[lang];
  const found = exerciseOr2(id, lang);
  if (!found) return;
  const { exercise } = found;
  const path = file ?? exercise.file;
  if (!existsSync(path)) {
    process.stderr.write(`ipc-demo: ${t.noFile(path, exercise.id)}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  if (!options.json) out(t.checking(path));
  const { checkExercise } = await import('../runtime/lab-check.js');
  let result: Awaited<ReturnType<typeof checkExercise>>;
  try {
    result = await checkExercise(exercise, path);
  } catch (error) {
    if (error instanceof Error && error.name === 'ThreadsRefusedError') return refusedThreads(exercise.id, path, (error as Error & { found: readonly ThreadCall[] }).found, options, lang);
    if (!(error instanceof Error) || error.name !== 'NativeBuildError') throw error;
    const build = error as Error & { output: string; missingCompiler: boolean };
    const said = build.missingCompiler ? t.noCompiler : `${t.compileFailed(path)}\n${build.output.trimEnd()}`;
    if (options.json) out(JSON.stringify({ id: exercise.id, file: path, pass: false, compiled: false, evidence: { en: labText.en.compileFailed(path), zh: labText.zh.compileFailed(path) }, compiler: build.output }));
    else out(`${t.failed(exercise.id)}\n${said}`);
    process.exitCode = EXIT.failed;
    return;
  }
  const { verdict } = result;
  if (result.warnings && !options.json) process.stderr.write(result.warnings);
  if (verdict.pass) record((p) => withExercise(p, exercise.id, 'passed'), lang);
  if (options.json) {
    out(JSON.stringify({ id: exercise.id, file: path, pass: verdict.pass, compiled: true, evidence: verdict.evidence, run: result.run, runs: result.runs }));
  } else {
    out(verdict.pass ? t.passed(exercise.id) : `${t.failed(exercise.id)}${result.runs > 1 ? ` ${t.failedRun(result.run, result.runs)}` : ''}`);
    out(`  ${pick(verdict.evidence, lang)}`);
    if (!verdict.pass) out(t.next(exercise.id, path));
  }
  process.exitCode = verdict.pass ? EXIT.ok : EXIT.failed;
}

export async function progress(options: LabOptions & { reset?: boolean; yes?: boolean }, lang: Lang, demos: readonly { id: string; title: Text; variants: readonly { id: string }[] }[]): Promise<void> {
  const t = labText[lang];
  const file = progressFile();
  if (options.reset) {
    if (!options.yes) {
      if (!process.stdin.isTTY) {
        process.stderr.write(`ipc-demo: ${t.resetNeedsYes}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await rl.question(t.resetAsk(file));
      rl.close();
      if (!/^(y|yes|\u662F)$/i.test(answer.trim())) {
        out(t.resetKept);
        return;
      }
    }
    saveProgress(EMPTY);
    out(t.resetDone);
    return;
  }
  const loaded = loadProgress();
  if (loaded.setAside) process.stderr.write(`${t.setAside(loaded.setAside)}\n`);
  const p = loaded.progress;
  const passed = exercises.filter(({ exercise }) => p.exercises[exercise.id] === 'passed').length;
  if (options.json) {
    out(JSON.stringify({ file, ...p, exercisesPassed: passed, exercisesTotal: exercises.length }));
    return;
  }
  out(`${t.progressHeading} (${t.where(file)})`);
  out(t.demosSeen);
  for (const demo of demos) {
    const seen = p.seen[demo.id] ?? [];
    out(`  ${seen.length > 0 ? '✓' : ' '} ${demo.id.padEnd(9)} ${seen.length}/${demo.variants.length}${seen.length ? `  (${seen.join(', ')})` : ''}`);
  }
  out(t.questionsRight(p.answered.length));
  out(t.exercisesPassed(passed, exercises.length));
}

/** A program that starts threads is not run (src/runtime/native-threads.ts): not passed, with what was found. */
function refusedThreads(id: string, path: string, found: readonly ThreadCall[], options: LabOptions, lang: Lang): void {
  const said = (l: Lang) => [nativeText[l].threadsRefused(path), ...found.map((f) => `  ${f.file ?? path}:${f.line ?? '?'}: ${f.call}`), nativeText[l].threadsHint(path)].join('\n');
  if (options.json) out(JSON.stringify({ id, file: path, pass: false, compiled: true, refused: 'threads', found, evidence: { en: said('en'), zh: said('zh') } }));
  else out(`${labText[lang].failed(id)}\n${said(lang)}`);
  process.exitCode = EXIT.failed;
}
