// ipc-demo: the command line. Parses, checks, and hands over to the tour, the
// Ink screen, the plain transcript or JSON lines.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { allNames, demos, didYouMean, findDemo, findVariant, variantsWithRole } from './demos/registry.js';
import type { DemoMeta, Lang, VariantMeta } from './demos/types.js';
import type { Mode } from './runtime/protocol.js';
import { parseListing } from './demos/listing.js';
import { detectLang } from './ui/strings.js';
import { runText } from './ui/run-text.js';
import { loadInteractive } from './ui/load-interactive.js';
import type { InteractiveOptions } from './ui/run-interactive.js';
import { startFirstRun } from './cli/first-run.js';
import { drawFirstFrame, LEAVE_ALT_SCREEN } from './ui/first-frame.js';
import { cliText, type CliText } from './cli/text.js';
import { commanderErrorText } from './cli/commander-errors.js';
import { buildPrograms, ccOnPath, isCProgram, programProblem } from './cli/native.js';
import { nativeText } from './cli/native-text.js';
import type { Launcher } from './runtime/launch.js';
import { runFailed } from './runtime/lifecycle.js';
import { addLabCommands } from './cli/lab-commands.js';
import { milestone } from './milestones.js';

declare const __IPC_DEMO_VERSION__: string;

export const EXIT = { ok: 0, failed: 1, usage: 2, environment: 3 } as const;

interface CliOptions {
  mode?: Mode;
  variant?: string;
  lang?: Lang;
  plain?: boolean;
  json?: boolean;
  role?: string;
  delay?: number;
  /** false with --no-questions. */
  questions?: boolean;
  help?: boolean;
  native?: boolean;
}

/** The arguments after `--`: argv[1…] of a C program of the learner's. */
let programArgs: readonly string[] = [];

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function resolveDemo(name: string, t: CliText): DemoMeta {
  const demo = findDemo(name);
  if (demo) return demo;
  const guess = didYouMean(name.toLowerCase(), allNames());
  return fail(t.unknownDemo(name, guess === undefined ? undefined : findDemo(guess)!.id, demos.map((d) => d.id)));
}

/** A role the chosen variant runs, or a usage error that says where the role is. */
function checkRole(demo: DemoMeta, variant: VariantMeta, role: string, t: CliText): void {
  if (demo.section === 'related') fail(t.noRoles(demo.id, demos.filter((d) => d.section === 'unrelated').map((d) => d.id)));
  if (Object.hasOwn(variant.listings, role)) return;
  const elsewhere = variantsWithRole(demo, role);
  if (elsewhere.length === 0) fail(t.unknownRole(demo.id, role, demo.roles.map((r) => r.id)));
  fail(t.roleOfOtherVariants(demo.id, variant.id, role, Object.keys(variant.listings), elsewhere));
}

function listDemos(lang: Lang): string {
  const t = cliText[lang];
  const lines = demos.map((demo) => {
    const aliases = demo.aliases.length ? ` (${demo.aliases.join(', ')})` : '';
    const variants = demo.variants.map((v) => v.id).join(', ');
    const roles = demo.section === 'unrelated' ? `\n     ${t.listRoles}: ${demo.roles.map((r) => r.id).join(', ')}` : '';
    return `  ${demo.order}  ${demo.id.padEnd(9)} ${demo.title[lang]}${aliases}\n     ${t.listVariants}: ${variants}${roles}`;
  });
  return lines.join('\n');
}

function checkEnvironment(): void {
  if (process.platform !== 'linux') {
    process.stderr.write(`ipc-demo: this tool shows Linux IPC and runs only on Linux (this is ${process.platform}).\n`);
    process.exit(EXIT.environment);
  }
}

/** Before the screen opens, behind which the message would be lost: is there room for a run's directory? */
async function checkRoom(): Promise<void> {
  (await import('./runtime/run-dir.js')).checkRoom();
}

/** Quietly, before every run: remove what runs killed by SIGKILL left behind. */
async function sweep(): Promise<void> {
  const { sweepDeadRuns } = await import('./runtime/sweep.js');
  await sweepDeadRuns();
}

async function clean(): Promise<void> {
  const { sweepDeadRuns } = await import('./runtime/sweep.js');
  const swept = await sweepDeadRuns(undefined, true);
  if (swept.length === 0) {
    process.stdout.write('Nothing to clean: no run of yours was left behind.\n');
    return;
  }
  for (const run of swept) {
    const parts = [...run.files.map((f) => `file ${f}`), ...run.objects.map((o) => `System V ${o}`)];
    if (run.failed.length === 0) process.stdout.write(`removed ${run.dir}${parts.length ? `: ${parts.join(', ')}` : ''}\n`);
    else {
      process.stderr.write(`ipc-demo: could not remove from ${run.dir}: ${run.failed.map((o) => `System V ${o}`).join(', ')}. Its record is kept: remove them with ipcrm, or run ipc-demo clean again.\n`);
      process.exitCode = EXIT.failed;
    }
  }
}

async function doctor(): Promise<number> {
  const { runDoctor } = await import('./runtime/doctor.js');
  const { codeCacheCheck } = await import('./ui/code-cache-check.js');
  const checks = await runDoctor(codeCacheCheck);
  let failed = false;
  for (const check of checks) {
    const mark = check.ok ? 'ok  ' : check.warning ? 'warn' : 'FAIL';
    if (!check.ok && !check.warning) failed = true;
    process.stdout.write(`${mark}  ${check.name}: ${check.detail}\n`);
    if (!check.ok && check.fix) process.stdout.write(`      → ${check.fix}\n`);
  }
  process.stdout.write(failed ? 'Some checks failed: the demos that need them will not run.\n' : 'Everything the demos need is here.\n');
  return failed ? EXIT.failed : EXIT.ok;
}

async function runDemo(name: string, options: CliOptions, launcherFor?: LauncherFor): Promise<number> {
  const lang = detectLang(options.lang);
  const t = cliText[lang];
  const demo = resolveDemo(name, t);
  const variant = findVariant(demo, options.variant);
  if (!variant) {
    const guess = options.variant ? didYouMean(options.variant, demo.variants.map((v) => v.id)) : undefined;
    return fail(t.unknownVariant(demo.id, String(options.variant), guess, demo.variants.map((v) => v.id)));
  }
  if (options.role !== undefined) checkRole(demo, variant, options.role, t);
  return runResolved(demo, variant, options, launcherFor);
}

async function runResolved(demo: DemoMeta, variant: VariantMeta, options: CliOptions, launcherFor?: LauncherFor): Promise<number> {
  const lang = detectLang(options.lang);
  const t = cliText[lang];
  const roles = options.role === undefined ? undefined : [options.role];
  const interactive = !options.plain && !options.json && process.stdout.isTTY === true;
  if (!interactive) {
    if (options.mode === 'step') fail(t.stepNeedsTerminal);
    const mode = options.mode === 'play' ? 'play' : 'run';
    const result = await runText({ demo, variant, lang, json: options.json === true, roles, mode, delayMs: options.delay, launcher: launcherFor?.(demo, variant), questions: options.questions });
    (await import('./runtime/progress.js')).recordSeen(demo, variant.id, result.reason);
    const failed = runFailed(result);
    return failed ? EXIT.failed : EXIT.ok;
  }
  if (!process.stdin.isTTY) fail(t.stdinNotTerminal);
  await checkRoom();
  return openScreen({ demos: [demo], variant, lang, mode: options.mode ?? 'step', roles, delayMs: options.delay, launcherFor, questions: options.questions });
}

/** How long the screen's first render waits for the processes to reach their first lines: on a quiet machine they are there as the screen loads. */
const FIRST_LINES_MS = 1000;

/**
 * The screen: its first frame drawn at once (src/ui/first-frame.ts), then its first demo's
 * first program started, then its modules loaded, then its first render once that program
 * stands at its first line (src/cli/first-run.ts).
 */
async function openScreen(options: InteractiveOptions): Promise<number> {
  const demo = options.demos[options.start ?? 0]!;
  const variant = options.variant ?? demo.variants[0]!;
  const { roles, mode, delayMs: playDelayMs } = options;
  const tourPosition = options.demos.length > 1 ? `${(options.start ?? 0) + 1}/${options.demos.length}` : undefined;
  const drawn = drawFirstFrame({ demo, variant, lang: options.lang, mode, roles, tourPosition });
  const leaveFirstFrame = () => {
    if (drawn) process.stdout.write(LEAVE_ALT_SCREEN);
  };
  milestone('first frame');
  const first = await startFirstRun({ demo, variant, mode, roles, lab: roles !== undefined, playDelayMs, launcher: options.launcherFor?.(demo, variant) }, leaveFirstFrame);
  milestone('runner started');
  try {
    const runInteractive = await loadInteractive().catch((error: unknown) => {
      leaveFirstFrame();
      throw error;
    });
    milestone('screen loaded');
    // The first render shows the processes at their first lines, not "starting…" (the frame
    // already on screen says that): one render fewer before space does anything.
    await first.atFirstLines(FIRST_LINES_MS);
    milestone('at first lines'); // and the kernel's view of them
    return await runInteractive({ ...options, takeStarted: first.take, firstFrameDrawn: drawn });
  } finally {
    await first.stopUnclaimed();
  }
}

type LauncherFor = (demo: DemoMeta, variant: VariantMeta) => Launcher;

/** `--native`: the built-in listings compiled with the native runtime instead of their twins. */
async function nativeBuiltins(lang: Lang): Promise<LauncherFor> {
  if (!ccOnPath()) fail(nativeText[lang].noCompiler);
  const { builtinPrograms, nativeLauncher } = await import('./runtime/launch.js');
  return (demo, variant) => nativeLauncher(builtinPrograms(demo, variant));
}

/** `ipc-demo my-pipe.c [-- args]`, `ipc-demo writer.c reader.c`: the learner's own programs, compiled, then stepped as a demo. */
async function runPrograms(paths: readonly string[], options: CliOptions): Promise<number> {
  const lang = detectLang(options.lang);
  const t = nativeText[lang];
  if (paths.length > 2) fail(t.tooManyPrograms);
  for (const [option, given] of [['--variant', options.variant], ['--role', options.role]] as const) if (given !== undefined) fail(t.optionForDemos(option));
  const problem = programProblem(paths, lang);
  if (problem) fail(problem);
  const built = await buildPrograms(paths, programArgs, lang, options.json === true);
  if ('exit' in built) return built.exit;
  try {
    return await runResolved(built.demo, built.variant, options, () => built.launcher);
  } finally {
    built.dispose();
  }
}

async function runTour(options: CliOptions, launcherFor?: LauncherFor): Promise<number> {
  const lang = detectLang(options.lang);
  if (options.plain || options.json || !process.stdout.isTTY) {
    for (const demo of demos) await runText({ demo, variant: demo.variants[0]!, lang, json: options.json === true, launcher: launcherFor?.(demo, demo.variants[0]!), questions: options.questions });
    return EXIT.ok;
  }
  if (!process.stdin.isTTY) fail(cliText[lang].tourNeedsTerminal);
  await checkRoom();
  // A returning learner's tour resumes at the first demo not yet seen in full: its runners start early, as the first demo's do.
  const [{ loadProgress }, { resumeAt }] = await Promise.all([import('./runtime/progress.js'), import('./ui/tour-progress.js')]);
  const { progress, setAside } = loadProgress();
  const resume = resumeAt(demos, progress);
  const welcome = { resume, progress, setAside };
  return openScreen({ demos, start: resume.index, variant: resume.variant, welcome, lang, mode: options.mode ?? 'step', delayMs: options.delay, launcherFor, questions: options.questions });
}

function parseDelay(t: CliText): (value: string) => number {
  return (value) => {
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) throw new InvalidArgumentError(t.badDelay);
    return ms;
  };
}

function parseLang(t: CliText): (value: string) => Lang {
  return (value) => {
    if (value === 'zh' || value === 'zh-CN' || value === 'en') return value === 'en' ? 'en' : 'zh';
    throw new InvalidArgumentError(t.badLang);
  };
}

/** The language of the command line's own words, before commander has parsed it: --lang as given, else the locale. */
export function argvLang(argv: readonly string[]): Lang {
  for (const [i, arg] of argv.entries()) {
    const value = arg === '--lang' || arg === '-l' ? argv[i + 1] : /^(?:--lang=|-l)(.+)$/.exec(arg)?.[1];
    if (value === 'en' || value === 'zh' || value === 'zh-CN') return value === 'en' ? 'en' : 'zh';
  }
  return detectLang(undefined);
}

/** The root command: a demo, or the tour; its own --help, which after a demo is the demo's. */
function rootCommand(t: CliText): Command {
  return new Command('ipc-demo')
    .description(t.description)
    .version(typeof __IPC_DEMO_VERSION__ === 'string' ? __IPC_DEMO_VERSION__ : 'dev', '-V, --version', t.optVersion)
    .argument('[demo...]', t.argDemo(demos.map((d) => d.id)))
    .addOption(new Option('-m, --mode <mode>', t.optMode).choices(['step', 'play', 'run']))
    .option('-v, --variant <name>', t.optVariant)
    .addOption(new Option('-l, --lang <lang>', t.optLang).argParser(parseLang(t)))
    .option('--plain', t.optPlain)
    .option('--json', t.optJson)
    .option('--role <role>', t.optRole)
    .option('--native', t.optNative)
    .addOption(new Option('--delay <ms>', t.optDelay).argParser(parseDelay(t)).default(900))
    .option('--no-questions', t.optNoQuestions)
    .helpOption(false)
    .option('-h, --help', t.optHelp)
    .showSuggestionAfterError(true)
    .addHelpText('after', t.examples);
}

async function rootAction(program: Command, names: readonly string[], options: CliOptions): Promise<void> {
  const lang = detectLang(options.lang);
  const t = cliText[lang];
  // A demo, or the learner's own C programs: files ending in .c.
  const programs = names.filter(isCProgram);
  if (programs.length > 0 && programs.length < names.length) fail(nativeText[lang].demoAndProgram);
  if (programs.length === 0 && names.length > 1) fail(nativeText[lang].oneDemo);
  if (programs.length === 0 && programArgs.length > 0) fail(nativeText[lang].argsWithoutProgram);
  const name = programs.length > 0 ? undefined : names[0];
  if (options.help) {
    // `ipc-demo my.c --help`: the program's options are ipc-demo's own.
    if (name === undefined) program.outputHelp();
    else process.stdout.write((await import('./cli/demo-help.js')).demoHelp(resolveDemo(name, t), detectLang(options.lang)));
    return;
  }
  if (options.json && options.plain) fail(t.jsonAndPlain);
  checkEnvironment();
  await sweep();
  if (programs.length > 0) {
    process.exitCode = await runPrograms(programs, options);
    return;
  }
  const launcherFor = options.native ? await nativeBuiltins(lang) : undefined;
  process.exitCode = name === undefined ? await runTour(options, launcherFor) : await runDemo(name, options, launcherFor);
}

export function buildProgram(lang: Lang = detectLang(undefined)): Command {
  const t = cliText[lang];
  // Set before the subcommands are added: they copy these. commander says its errors in
  // English only; they are said in main(), in the user's language.
  const program = rootCommand(t)
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    // Choices and defaults are in the descriptions, in the user's language.
    .configureHelp({ styleTitle: (title) => t.helpTitles[title] ?? title, optionDescription: (option) => option.description });
  program.action((names: string[], options: CliOptions) => rootAction(program, names, options));

  program
    .command('list')
    .description(t.cmdList)
    .helpOption('-h, --help', t.optHelp)
    .option('-l, --lang <lang>', t.optLang, parseLang(t))
    .action((options: { lang?: Lang }, command: Command) => {
      // The program's own --lang takes the option when it comes after `list`.
      process.stdout.write(`${listDemos(detectLang(options.lang ?? command.optsWithGlobals<{ lang?: Lang }>().lang))}\n`);
    });
  program
    .command('source')
    .description(t.cmdSource)
    .helpOption('-h, --help', t.optHelp)
    .argument('<demo>', t.argSourceDemo)
    .argument('[file]', t.argSourceFile)
    .action((name: string, file: string | undefined) => {
      const demo = resolveDemo(name, t);
      const files = Object.keys(demo.sources);
      if (file !== undefined && !files.includes(file)) fail(t.unknownFile(demo.id, file, files));
      if (file === undefined && files.length > 1) fail(t.severalPrograms(demo.id, files));
      process.stdout.write(`${parseListing(demo.sources[file ?? files[0]!]!).lines.join('\n')}\n`);
    });

  program
    .command('clean')
    .description(t.cmdClean)
    .helpOption('-h, --help', t.optHelp)
    .action(async () => {
      checkEnvironment();
      await clean();
    });

  // The bench (issue 15): its words and its code live in src/bench, loaded only when asked for.
  program
    .command('bench')
    .description(lang === 'en' ? 'measure the seven mechanisms here, the Node twin beside C' : '在本机测量七种机制，Node 孪生程序与 C 并排')
    .helpOption('-h, --help', t.optHelp)
    .argument('[mechanisms...]', demos.map((d) => d.id).join(', '))
    .option('--sizes <bytes,...>', '64,4096,65536,1048576')
    .addOption(new Option('--cpu <where>', 'same | different | any').choices(['same', 'different', 'any']).default('same'))
    .option('--reps <n>', '5')
    .option('--json', t.optJson)
    .option('-l, --lang <lang>', t.optLang, parseLang(t))
    .action(async (names: string[], options: { sizes?: string; cpu?: 'same' | 'different' | 'any'; reps?: string; json?: boolean; lang?: Lang }, command: Command) => {
      checkEnvironment();
      const { benchCommand } = await import('./bench/command.js');
      // --json and --lang are the program's options too: commander gives them to it wherever they stand.
      const all = command.optsWithGlobals<typeof options>();
      process.exitCode = await benchCommand(names, { ...options, json: all.json }, detectLang(all.lang));
    });

  program
    .command('doctor')
    .description(t.cmdDoctor)
    .helpOption('-h, --help', t.optHelp)
    .action(async () => {
      process.exitCode = await doctor();
    });
  addLabCommands(program, lang, demos);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  milestone('cli loaded');
  const lang = argvLang(argv.slice(2));
  const program = buildProgram(lang);
  // What follows `--` is the learner's program's own argv, never ipc-demo's.
  const dashes = argv.indexOf('--', 2);
  programArgs = dashes < 0 ? [] : argv.slice(dashes + 1);
  try {
    await program.parseAsync(dashes < 0 ? (argv as string[]) : argv.slice(0, dashes));
  } catch (error) {
    if (error instanceof Error && error.name === 'RunDirError') {
      const text = (error as Error & { text?: Record<Lang, string> }).text;
      process.stderr.write(`${text?.[detectLang(program.opts<CliOptions>().lang)] ?? error.message}\n`);
      process.exitCode = EXIT.failed;
    } else if (error instanceof UsageError) {
      process.stderr.write(`ipc-demo: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (error instanceof CommanderError) {
      if (error.exitCode !== 0) process.stderr.write(`ipc-demo: ${commanderErrorText(error.code, error.message, cliText[lang])}\n${cliText[lang].seeHelp}\n`);
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else throw error;
  }
}

await main(process.argv);
