// ipc-demo: the command line. Parses, checks, and hands over to the tour, the
// Ink screen, the plain transcript or JSON lines.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { allNames, demos, didYouMean, findDemo, findVariant } from './demos/registry.js';
import type { DemoMeta, Lang } from './demos/types.js';
import type { Mode } from './runtime/protocol.js';
import { parseListing } from './demos/listing.js';
import { detectLang } from './ui/strings.js';
import { runText } from './ui/run-text.js';
import { loadInteractive } from './ui/load-interactive.js';

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
}

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function resolveDemo(name: string): DemoMeta {
  const demo = findDemo(name);
  if (demo) return demo;
  const guess = didYouMean(name.toLowerCase(), allNames());
  return fail(
    `unknown demo '${name}'.${guess ? ` Did you mean '${findDemo(guess)!.id}'?` : ''}\n` +
      `Valid demos: ${demos.map((d) => d.id).join(', ')}. Run 'ipc-demo list' to see them all.`,
  );
}

function listDemos(lang: Lang): string {
  const lines = demos.map((demo) => {
    const aliases = demo.aliases.length ? ` (${demo.aliases.join(', ')})` : '';
    const variants = demo.variants.map((v) => v.id).join(', ');
    const roles = demo.section === 'unrelated' ? `\n     ${lang === 'zh' ? '角色（--role）' : 'roles (--role)'}: ${demo.roles.map((r) => r.id).join(', ')}` : '';
    return `  ${demo.order}  ${demo.id.padEnd(9)} ${demo.title[lang]}${aliases}\n     ${lang === 'zh' ? '变体' : 'variants'}: ${variants}${roles}`;
  });
  return lines.join('\n');
}

function checkEnvironment(): void {
  if (process.platform !== 'linux') {
    process.stderr.write(`ipc-demo: this tool shows Linux IPC and runs only on Linux (this is ${process.platform}).\n`);
    process.exit(EXIT.environment);
  }
}

/** Quietly, before every run: remove what runs killed by SIGKILL left behind. */
async function sweep(): Promise<void> {
  const { sweepDeadRuns } = await import('./runtime/sweep.js');
  await sweepDeadRuns();
}

async function clean(): Promise<void> {
  const { sweepDeadRuns } = await import('./runtime/sweep.js');
  const swept = await sweepDeadRuns();
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

async function runDemo(name: string, options: CliOptions): Promise<number> {
  const demo = resolveDemo(name);
  const variant = findVariant(demo, options.variant);
  if (!variant) {
    const guess = options.variant ? didYouMean(options.variant, demo.variants.map((v) => v.id)) : undefined;
    fail(`demo '${demo.id}' has no variant '${options.variant}'.${guess ? ` Did you mean '${guess}'?` : ''}\nIts variants: ${demo.variants.map((v) => v.id).join(', ')}.`);
  }
  if (options.role !== undefined && demo.section === 'related') {
    fail(`demo '${demo.id}' is one program that forks: it has no roles to run in two terminals. --role is for ${demos.filter((d) => d.section === 'unrelated').map((d) => d.id).join(', ') || 'the section-2 demos'}.`);
  }
  if (options.role !== undefined && !Object.hasOwn(variant.listings, options.role)) {
    fail(`demo '${demo.id}' has no role '${options.role}'. Its roles: ${Object.keys(variant.listings).join(', ')}.`);
  }
  const roles = options.role === undefined ? undefined : [options.role];
  const lang = detectLang(options.lang);
  const interactive = !options.plain && !options.json && process.stdout.isTTY === true;
  if (!interactive) {
    if (options.mode === 'step') {
      fail('--mode step reads keys from a terminal; with --plain, --json or output to a pipe use --mode run (the default there) or --mode play.');
    }
    const mode = options.mode === 'play' ? 'play' : 'run';
    const result = await runText({ demo, variant, lang, json: options.json === true, roles, mode, delayMs: options.delay });
    const failed = result.reason === 'timeout' || result.notes.some((code) => code === 'runner-failed' || code === 'hung' || code === 'killed' || code === 'sysv-error' || code === 'leak-left');
    return failed ? EXIT.failed : EXIT.ok;
  }
  if (!process.stdin.isTTY) fail('step mode reads keys from a terminal, but stdin is not one. Use --plain (or --json) to run without keys.');
  const runInteractive = await loadInteractive();
  return runInteractive({ demos: [demo], variant, lang, mode: options.mode ?? 'step', roles, delayMs: options.delay });
}

async function runTour(options: CliOptions): Promise<number> {
  const lang = detectLang(options.lang);
  if (options.plain || options.json || !process.stdout.isTTY) {
    for (const demo of demos) await runText({ demo, variant: demo.variants[0]!, lang, json: options.json === true });
    return EXIT.ok;
  }
  if (!process.stdin.isTTY) fail('the guided tour reads keys from a terminal, but stdin is not one. Use --plain to print it instead.');
  const runInteractive = await loadInteractive();
  return runInteractive({ demos, variant: undefined, lang, mode: options.mode ?? 'step', delayMs: options.delay });
}

function parseDelay(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > 60_000) throw new InvalidArgumentError('give milliseconds, 0 to 60000.');
  return ms;
}

function parseLang(value: string): Lang {
  if (value === 'zh' || value === 'zh-CN' || value === 'en') return value === 'en' ? 'en' : 'zh';
  throw new InvalidArgumentError('use zh or en.');
}

export function buildProgram(): Command {
  const program = new Command('ipc-demo')
    .description('See how Linux processes talk to each other: seven IPC mechanisms, run for real and stepped line by line.')
    .version(typeof __IPC_DEMO_VERSION__ === 'string' ? __IPC_DEMO_VERSION__ : 'dev', '-v, --version')
    .argument('[demo]', `a demo: ${demos.map((d) => d.id).join(', ')} (default: the guided tour)`)
    .addOption(new Option('-m, --mode <mode>', 'step: you press a key for each line; play: a step a second; run: straight through').choices(['step', 'play', 'run']))
    .option('-V, --variant <name>', "run a variant of the demo (see 'ipc-demo list')")
    .addOption(new Option('-l, --lang <lang>', 'language: zh or en (default: from LC_ALL / LANG)').argParser(parseLang))
    .option('--plain', 'print a narrated transcript instead of the interactive screen (automatic when stdout is not a terminal)')
    .option('--json', 'print one JSON event per line: kind, pid, step, name, value/errno, text, status')
    .option('--role <role>', 'lab mode: run only this side (e.g. reader) of a two-program demo')
    .addOption(new Option('--delay <ms>', 'play mode: milliseconds between steps').argParser(parseDelay).default(900))
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  ipc-demo                      the guided tour of all seven mechanisms
  ipc-demo pipe                 step through the anonymous pipe demo
  ipc-demo pipe --variant fill  the writer fills the pipe and blocks
  ipc-demo pipe --lang zh       in Chinese (中文)
  ipc-demo pipe --plain         a narrated transcript, no keys needed
  ipc-demo pipe --json | jq .   one event per line for scripts
  ipc-demo list                 the demos, their roles and variants
  ipc-demo fifo --role reader   lab mode, terminal 1 (terminal 2: --role writer)
  ipc-demo source pipe > pipe.c the C program, to compile and run yourself
  ipc-demo clean                remove what killed runs left behind, and list it
                                (the same sweep runs quietly at every start)
  ipc-demo doctor               check Linux, /proc, memfd, System V limits, terminal,
                                cc and Node, and say how to fix what is missing

Keys: space/→ next step · ← back (replay) · tab switch process · p play · r run · v variants · l language · ? help · q quit
Exit codes: 0 done · 1 the run failed · 2 bad usage · 3 unsupported environment`,
    )
    .action(async (name: string | undefined, options: CliOptions) => {
      checkEnvironment();
      await sweep();
      process.exitCode = name === undefined ? await runTour(options) : await runDemo(name, options);
    });

  program
    .command('list')
    .description('list the demos, their aliases, variants and roles')
    .option('-l, --lang <lang>', 'language: zh or en', parseLang)
    .action((options: { lang?: Lang }, command: Command) => {
      // The program's own --lang takes the option when it comes after `list`.
      process.stdout.write(`${listDemos(detectLang(options.lang ?? command.optsWithGlobals<{ lang?: Lang }>().lang))}\n`);
    });
  program
    .command('source')
    .description('print a demo\'s C program(s), ready to compile: ipc-demo source pipe > pipe.c && cc -Wall -Werror pipe.c')
    .argument('<demo>', 'the demo')
    .argument('[file]', 'one file of a demo with several programs')
    .action((name: string, file: string | undefined) => {
      const demo = resolveDemo(name);
      const files = Object.keys(demo.sources);
      if (file !== undefined && !files.includes(file)) fail(`demo '${demo.id}' has no file '${file}'. Its files: ${files.join(', ')}.`);
      if (file === undefined && files.length > 1) {
        fail(`demo '${demo.id}' has ${files.length} programs: name one (${files.join(', ')}), e.g. ipc-demo source ${demo.id} ${files[0]}`);
      }
      process.stdout.write(`${parseListing(demo.sources[file ?? files[0]!]!).lines.join('\n')}\n`);
    });

  program
    .command('clean')
    .description('remove what runs killed by SIGKILL left behind (FIFOs, sockets, System V objects), and say what')
    .action(async () => {
      checkEnvironment();
      await clean();
    });

  program
    .command('doctor')
    .description('check that this machine has what the demos need, and say how to fix what is missing')
    .action(async () => {
      process.exitCode = await doctor();
    });
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof Error && error.name === 'RunDirError') {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT.failed;
    } else if (error instanceof UsageError) {
      process.stderr.write(`ipc-demo: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else throw error;
  }
}

await main(process.argv);
