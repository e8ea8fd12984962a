// --plain: the run as a narrated transcript, one line per thing that happened,
// for a pipe, a file, a screen reader or a printout.
import chalk from 'chalk';
import type { DemoMeta, Lang, VariantMeta } from '../demos/types.js';
import { forMedium, stepLesson, type Medium } from '../demos/lesson.js';
import { markerAt, parseListing, stepLine } from '../demos/listing.js';
import type { KernelSnapshot, RunEvent } from '../runtime/events.js';
import { formatCall, formatStatus, formatValue } from './format.js';
import { kernelLines } from './kernel-lines.js';
import { nthTag } from './model.js';
import { roleLabel, strings } from './strings.js';
import { resultMeaning } from './line-narration.js';
import { lineWhere, programEnd, programHung, programsOwnEnd, RUN_ENDED_BY_TOOL } from './program-end.js';

export interface TranscriptWriter {
  header(): string[];
  event(event: RunEvent): string[];
  /** The kernel's state as last read from /proc: a stuck run prints it, where the screen has its kernel pane. */
  kernel(snapshot: KernelSnapshot): void;
}

export function transcript(demo: DemoMeta, variant: VariantMeta, lang: Lang): TranscriptWriter {
  const s = strings[lang];
  const roles = new Map<number, string>();
  const listingOf = new Map<number, string>();
  /** The role whose listing each process runs: a child runs its parent's. */
  const listingRoleOf = new Map<number, string>();
  const listings = new Map(Object.entries(demo.sources).map(([file, source]) => [file, parseListing(source)]));
  const taught = new Set<string>();
  /** A C program run for real steps at line numbers: each process's last one, for how it ended. */
  const lastLine = new Map<number, number>();
  const whereOf = (pid: number) => lineWhere(listingOf.get(pid), lastLine.get(pid), lang);
  let endedByTool = false;
  // Colour only where it can be seen: chalk turns itself off for pipes and files.
  const tints = [chalk.cyan, chalk.magenta, chalk.yellow, chalk.green, chalk.blue, chalk.red];
  const tint = (pid: number) => tints[[...roles.keys()].indexOf(pid) % tints.length] ?? chalk.white;
  const who = (pid: number) => tint(pid)(`[${roleLabel(roles.get(pid) ?? '?', lang)} ${pid}]`);
  let snapshot: KernelSnapshot | null = null;
  // The kernel pane's lines, as text: what the stuck note's cause points at.
  const kernelFacts = () => {
    const procs = [...roles].map(([pid, role], index, all) => ({ pid, role, index, tag: nthTag(all.slice(0, index).map(([, r]) => ({ role: r })), role) }));
    const lines = snapshot ? kernelLines(snapshot, procs, lang).map((line) => line.text) : [];
    return lines.length ? [`    ${s.kernelFacts}`, ...lines.map((line) => `      ${line}`)] : [];
  };

  return {
    header: () => [
      `ipc-demo · ${demo.order ? `${demo.order} ` : ''}${demo.title[lang]} · ${s.variant} ${variant.id} (${variant.title[lang]})`,
      forMedium(demo.summary[lang], 'plain'),
      forMedium(variant.summary[lang], 'plain'),
      '',
    ],
    event(event) {
      switch (event.kind) {
        case 'hello': {
          roles.set(event.pid, event.role);
          const parentListing = listingOf.get(event.ppid);
          listingOf.set(event.pid, event.role === 'child' && parentListing ? parentListing : (variant.listings[event.role] ?? ''));
          listingRoleOf.set(event.pid, event.role === 'child' ? (listingRoleOf.get(event.ppid) ?? event.role) : event.role);
          return event.role === 'child' ? [`${who(event.pid)} fork() → ${s.child}, ppid ${event.ppid}`] : [];
        }
        case 'step': {
          const file = listingOf.get(event.pid) ?? '';
          const listing = listings.get(file);
          const line = listing && stepLine(listing, event.step);
          const code = line === undefined ? '' : `${file}:${line + 1}  ${listing!.lines[line]!.trim()}`;
          if (/^\d+$/.test(event.step)) lastLine.set(event.pid, Number(event.step));
          // A native program steps at line numbers: the lesson is that of the line's marker, if it has one.
          const lessonStep = line !== undefined && /^\d+$/.test(event.step) ? (markerAt(listing!, line) ?? event.step) : event.step;
          // Each lesson once per process: a loop's second pass needs no second telling.
          const first = !taught.has(`${event.pid} ${event.step}`);
          taught.add(`${event.pid} ${event.step}`);
          const lesson = first ? stepLesson(demo, variant.id, listingRoleOf.get(event.pid), lessonStep)?.[lang] : undefined;
          return ['', `${who(event.pid)} ${s.step} ${event.step}: ${chalk.bold(code)}`, ...(lesson ? [chalk.dim(`    ${forMedium(lesson, 'plain')}`)] : [])];
        }
        case 'call':
          return [];
        case 'return':
          // A child killed before its hello (signal's textbook race) is still the child when it is reaped.
          if (event.name === 'fork' && typeof event.value === 'number' && event.value > 0 && !roles.has(event.value)) roles.set(event.value, 'child');
          // A forked child stands at its parent's fork() line until its own first step.
          if (event.name === 'fork' && typeof event.value === 'number' && event.value > 0 && /^\d+$/.test(event.step ?? '') && !lastLine.has(event.value)) lastLine.set(event.value, Number(event.step));
          return [`    ${event.name}() = ${formatValue(event.value)}${event.errno ? ` ${event.errno} (${event.message ?? ''})` : lineMeaning(event, lang)}`];
        case 'output':
          return [`  ${who(event.pid)}${event.fd === 2 ? chalk.red(' stderr') : ''} | ${event.text}`];
        case 'exit': {
          const end = lastLine.size > 0 && programsOwnEnd(event.status, endedByTool) ? programEnd(event.status, `${roleLabel(roles.get(event.pid) ?? '?', lang)} ${event.pid}`, whereOf(event.pid), lang) : undefined;
          return [`${who(event.pid)} ${formatStatus(event.status, lang)}`, ...(end ? [`    ${end}`] : [])];
        }
        case 'note':
          if (RUN_ENDED_BY_TOOL.has(event.code)) endedByTool = true;
          // A C program's crash is told by its exit; its loop is its own, not ipc-demo's.
          if (lastLine.size > 0 && event.code === 'runner-failed') return [];
          if (lastLine.size > 0 && event.code === 'hung') return [programHung(whereOf(Number(event.detail)), lang)];
          return [noteText(event.code, event.detail, lang, variant, 'plain'), ...(event.code === 'stuck' || event.code === 'waiting-outside' ? kernelFacts() : [])];
        case 'state':
          return [];
      }
    },
    kernel(next) {
      snapshot = next;
    },
  };
}

/** What a native program's call returned, said (it has no lessons): "  — fds 3 (read end) and 4 (write end)". */
function lineMeaning(event: Extract<RunEvent, { kind: 'return' }>, lang: Lang): string {
  const meaning = event.step !== undefined && /^\d+$/.test(event.step) ? resultMeaning(event.name, event.value, lang) : undefined;
  return meaning ? `  — ${meaning}` : '';
}

/** A note of the controller's, in words; a stuck run of a variant that is stuck by design says where the cause shows (on the screen, in its panes). */
export function noteText(code: RunEvent extends infer E ? (E extends { kind: 'note'; code: infer C } ? C : never) : never, detail: string, lang: Lang, variant?: Pick<VariantMeta, 'stuck'>, medium: Medium = 'screen'): string {
  const s = strings[lang];
  switch (code) {
    case 'stuck':
      return `${s.stuck} ${detail}${variant?.stuck ? ` — ${forMedium(variant.stuck[lang], medium)}` : ''}`;
    case 'waiting-outside':
      return `${s.waitingOutside} ${detail}`;
    case 'timeout':
      return `${s.timeout} (${detail})`;
    case 'leak-removed':
      return `${s.leakRemoved} ${detail}`;
    case 'leak-left':
      return `${s.leakLeft} ${detail}`;
    case 'runner-failed':
      return `${s.runnerFailed} ${detail}`;
    case 'stopped':
      return s.stopped;
    case 'hung':
      return `${s.hung} (pid ${detail})`;
    case 'killed': {
      const [pid = '?', role = '?', signal = '?'] = detail.split(' ');
      return s.killedOutside.replace('{pid}', pid).replace('{role}', role).replace('{signal}', signal);
    }
    case 'sysv-error':
      return sysvErrorText(detail, lang);
    case 'peer-refused':
      return peerRefusedText(detail, lang);
    case 'peer-finished':
      return peerFinishedText(detail, lang);
  }
}

/** A peer-finished note (`role,… ms`): which roles have come and gone, how long ago, and how to start them again. */
function peerFinishedText(detail: string, lang: Lang): string {
  const s = strings[lang];
  const [list = '', ms = '0'] = detail.split(' ');
  const roles = list.split(',');
  const fill: Record<string, string> = {
    roles: roles.join(s.peerFinishedAnd),
    ago: s.peerFinishedAgo.replace('{n}', String(Math.round(Number(ms) / 1000))),
    options: roles.map((role) => `--role ${role}`).join(', '),
  };
  return s.peerFinished.replace(/\{(\w+)\}/g, (_, name: string) => fill[name] ?? '');
}

/** A peer-refused note (`uid N` or `no owner`): whose connection the runtime closed, and why the listing does not. */
function peerRefusedText(detail: string, lang: Lang): string {
  const s = strings[lang];
  const uid = /^uid (\d+)$/.exec(detail)?.[1];
  return s.peerRefused.replace('{who}', uid === undefined ? s.peerGone : s.peerUid.replace('{uid}', uid));
}

/** A sysv-error note (`call ERRNO [limit=value [used]]`) told as what happened and what to do. */
export function sysvErrorText(detail: string, lang: Lang): string {
  const s = strings[lang];
  const [call = '', errno = '', setting = '', used = '?'] = detail.split(' ');
  const [limit = '?', value = '?'] = setting.split('=');
  const templates: Readonly<Record<string, string>> = { ENOSPC: s.sysvNoSpace, EINVAL: s.sysvTooBig, EACCES: s.sysvAccess };
  const template = templates[errno] ?? s.sysvExists;
  const fill: Record<string, string> = { call: `${call}()`, limit, value, used, raise: limit.startsWith('kernel.sem') ? 'kernel.sem="<SEMMSL> <SEMMNS> <SEMOPM> <more>"' : `${limit}=<more>` };
  return template.replace(/\{(\w+)\}/g, (_, name: string) => fill[name] ?? '');
}

export { formatCall };
