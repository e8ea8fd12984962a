// Runs one demo without Ink: a narrated transcript (--plain) or JSON lines (--json).
import type { DemoMeta, Lang, VariantMeta } from '../demos/types.js';
import { Run, type RunResult } from '../runtime/controller.js';
import { endingOnSignal, guard, reportOnSignalExit } from '../runtime/lifecycle.js';
import { exitLine } from './exit-line.js';
import { jsonLine } from './json.js';
import { transcript } from './plain.js';
import { handout } from './question-handout.js';
import { formatStatus } from './format.js';
import { roleLabel } from './strings.js';
import type { Launcher } from '../runtime/launch.js';

export interface TextRunOptions {
  readonly demo: DemoMeta;
  readonly variant: VariantMeta;
  readonly lang: Lang;
  readonly json: boolean;
  /** Lab mode: run only these roles, in the per-user directory both terminals share. */
  readonly roles?: readonly string[];
  readonly write?: (line: string) => void;
  /** run (default) goes straight through; play takes a step every `delayMs`. */
  readonly mode?: 'run' | 'play';
  readonly delayMs?: number;
  /** C programs compiled with the native runtime instead of the twins (a learner's own, or --native). */
  readonly launcher?: Launcher;
  /** --plain prints the demo's questions and the answers the run gave (default); false: not. */
  readonly questions?: boolean;
}

export async function runText(options: TextRunOptions): Promise<RunResult> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const run = new Run({ demo: options.demo, variant: options.variant, mode: options.mode ?? 'run', playDelayMs: options.delayMs, roles: options.roles, lab: options.roles !== undefined, launcher: options.launcher });
  const release = guard(run);
  // Said on stderr, also with --json: stdout stays the events alone (docs/json-events.md).
  reportOnSignalExit((results) => exitLine(results, options.lang));
  // A reader that goes away (`| head`) ends the run quietly, as a pipeline expects.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    void run.stop('stopped').finally(() => process.exit(0));
  });
  run.prepare(); // the private directory first: if it cannot be made, nothing has been printed
  const text = transcript(options.demo, options.variant, options.lang);
  if (!options.json) for (const line of text.header()) write(line);
  if (!options.json) run.on('kernel', (snapshot) => text.kernel(snapshot));
  const questions = options.json || options.questions === false ? null : handout(options.demo, options.variant, options.lang);
  run.on('event', (event) => {
    if (options.json) write(jsonLine(event));
    else for (const line of [...text.event(event), ...(questions?.event(event) ?? [])]) write(line);
    // No one is at the keys to quit a stuck run in play mode: it ends as in run mode.
    if (event.kind === 'note' && event.code === 'stuck') void run.stop('stuck');
  });
  const ended = new Promise<RunResult>((resolve) => run.once('end', resolve));
  await run.start();
  const result = await ended;
  release();
  for (const line of questions?.end() ?? []) write(line);
  if (!options.json) {
    write('');
    write([...result.exits].map(([role, status]) => `${roleLabel(role, options.lang)}: ${formatStatus(status, options.lang)}`).join(' · '));
  }
  // Last, after the transcript's own last line: on a terminal the two streams interleave.
  if (!endingOnSignal()) process.stderr.write(`${exitLine([result], options.lang)}\n`);
  return result;
}
