// `ipc-demo lab` (list, start, check, hint) and `ipc-demo progress` as commands: their words
// here, their code (lab.ts: the exercises with their C starters, progress) loaded only when one runs.
import type { Command } from 'commander';
import type { Lang } from '../demos/types.js';
import { detectLang } from '../ui/strings.js';
import type { LabOptions } from './lab.js';
import { labText } from './lab-text.js';

function langOf(command: Command): Lang {
  return detectLang(command.optsWithGlobals<{ lang?: Lang }>().lang);
}

/** The command's options with the program's: `--json` and `--lang` are the program's too, which takes them wherever they stand. */
function optionsOf<T extends LabOptions>(command: Command): T {
  return command.optsWithGlobals<T>();
}

function labActions() {
  // A reader that goes away (`ipc-demo lab | head`) ends the command quietly, as a pipeline expects.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  return import('./lab.js');
}

/** Adds `lab` and `progress` to the program. */
export function addLabCommands(program: Command, lang: Lang, demos: Parameters<Awaited<ReturnType<typeof labActions>>['progress']>[2]): void {
  const t = labText[lang];
  const lab = program.command('lab').description(t.cmdLab).helpOption('-h, --help', t.cmdLabList);
  lab
    .command('list', { isDefault: true })
    .description(t.cmdLabList)
    .option('--json', t.optJson)
    .action(async (_options: LabOptions, command: Command) => (await labActions()).list(optionsOf(command), langOf(command)));
  lab
    .command('start')
    .description(t.cmdLabStart)
    .argument('<id>', t.argId)
    .action(async (id: string, _options: unknown, command: Command) => (await labActions()).start(id, langOf(command)));
  lab
    .command('check')
    .description(t.cmdLabCheck)
    .argument('<id>', t.argId)
    .argument('[file]', t.argFile)
    .option('--json', t.optJson)
    .action(async (id: string, file: string | undefined, _options: LabOptions, command: Command) => (await labActions()).check(id, file, optionsOf(command), langOf(command)));
  lab
    .command('hint')
    .description(t.cmdLabHint)
    .argument('<id>', t.argId)
    .action(async (id: string, _options: unknown, command: Command) => (await labActions()).hint(id, langOf(command)));
  program
    .command('progress')
    .description(t.cmdProgress)
    .option('--json', t.optJson)
    .option('--reset', t.optReset)
    .option('--yes', t.optYes)
    .action(async (_options: LabOptions, command: Command) => (await labActions()).progress(optionsOf(command), langOf(command), demos));
}
