// The screen's first frame, drawn by the CLI with plain strings before the screen's modules
// (Ink, React, Yoga) load and before the runners start: the header, the listing's box with
// its first lines, and the processes' box saying "starting…". Loading the screen and its
// first Ink render took about three times a bare `node -e 0` of CPU (measured with
// --cpu-prof: the script's load, Yoga's first layout, Ink's cell-by-cell output); this
// takes a few milliseconds of what the CLI has loaded already. Ink's first frame replaces
// it whole (replaceFirstFrame), in the same write: nothing of it stays, nothing flashes.
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import type { DemoMeta, Lang, VariantMeta } from '../demos/types.js';
import { parseListing } from '../demos/listing.js';
import type { Mode } from '../runtime/protocol.js';
import { computeLayout, MIN_COLUMNS, MIN_ROWS, NO_NEEDS } from './layout.js';
import { strings } from './strings.js';

export const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';

export interface FirstFrame {
  readonly demo: DemoMeta;
  readonly variant: VariantMeta;
  readonly lang: Lang;
  readonly mode: Mode;
  /** Lab mode's roles: the first one's listing is shown, as the screen does. */
  readonly roles?: readonly string[];
  /** In the tour: `1/7`. */
  readonly tourPosition?: string;
}

const GRAY = (text: string) => `\x1b[90m${text}\x1b[39m`;
const BOLD = (text: string) => `\x1b[1m${text}\x1b[22m`;
const GREEN_BOLD = (text: string) => `\x1b[1m\x1b[32m${text}\x1b[39m\x1b[22m`;

/** `text` cut to `width` columns (… at the end when cut), then padded to it. */
function fit(text: string, width: number): string {
  let out = text;
  if (stringWidth(out) > width) {
    while (out.length > 0 && stringWidth(`${out}…`) > width) out = out.slice(0, -1);
    out = `${out}…`;
  }
  return out + ' '.repeat(Math.max(0, width - stringWidth(out)));
}

/** A round box `width` wide with `title` in its top border and `body` inside, `rows` tall inside. */
function box(title: string, body: readonly string[], width: number, rows: number): string[] {
  const inner = width - 2;
  const top = `╭─ ${title} `;
  const lines = [GRAY(`${top}${'─'.repeat(Math.max(0, width - 1 - stringWidth(top)))}╮`)];
  for (let row = 0; row < rows; row++) lines.push(`${GRAY('│')}${fit(body[row] ?? '', inner)}${GRAY('│')}`);
  lines.push(GRAY(`╰${'─'.repeat(inner)}╯`));
  return lines;
}

/** The frame's lines for a terminal of `columns` × `rows`, laid out as the screen lays out a run at step 0. */
export function firstFrameLines(frame: FirstFrame, columns: number, rows: number): string[] {
  const { demo, variant, lang, mode } = frame;
  const s = strings[lang];
  const modeLabel = { step: s.modeStep, play: s.modePlay, run: s.modeRun }[mode];
  const live = ` ${s.live}`;
  const title = [frame.tourPosition ?? (demo.order || ''), demo.title[lang]].filter(Boolean).join(' ');
  const header = `ipc-demo ${title} · ${s.variant} ${variant.id} · ${modeLabel} · ${s.step} 0`;
  const headerLine = `${BOLD('ipc-demo')}${fit(header, columns - stringWidth(live)).slice('ipc-demo'.length)}${GREEN_BOLD(live)}`;

  const role = frame.roles?.[0] ?? Object.keys(variant.listings)[0]!;
  const file = variant.listings[role]!;
  const listing = parseListing(demo.sources[file] ?? '');
  const layout = computeLayout(columns, rows, NO_NEEDS);
  const numberWidth = String(listing.lines.length).length;
  const code = listing.lines.slice(0, layout.listingRows).map((line, i) => `${String(i + 1).padStart(numberWidth)}    ${line}`);
  const left = box(file, code, layout.listingWidth, layout.listingRows);
  // As the side pane has it with no process yet: a process's two rows, the kernel's title rule, its line.
  const rule = `── ${s.kernel} `;
  const side = layout.kernelTitle ? [s.starting, '', `${rule}${'─'.repeat(Math.max(0, layout.sideWidth - 2 - stringWidth(rule)))}`, s.starting] : [s.starting];
  const right = box(s.processes, side, layout.sideWidth, layout.listingRows);
  return [headerLine, ...left.map((line, i) => `${line}${right[i]}`)];
}

/**
 * Enters the alternate screen and draws the first frame, if stdout is a terminal the screen
 * fits in (below the minimum the screen says so itself); leaves the cursor at the top, where
 * Ink starts. True if it drew.
 */
export function drawFirstFrame(frame: FirstFrame, stdout: NodeJS.WriteStream = process.stdout): boolean {
  const { columns, rows } = stdout;
  if (!stdout.isTTY || !columns || !rows || columns < MIN_COLUMNS || rows < MIN_ROWS) return false;
  stdout.write(`${ENTER_ALT_SCREEN}${firstFrameLines(frame, columns, rows).join('\n')}\x1b[H`);
  return true;
}

/**
 * Ink's first frame replaces the one drawn before it: the screen is cleared in the very
 * write that draws it (its escape sequences before it, cursor and synchronized output,
 * are let through as they are). Gives a function that undoes this if Ink never drew.
 */
export function replaceFirstFrame(stdout: NodeJS.WriteStream = process.stdout): () => void {
  const write = stdout.write;
  const restore = () => {
    stdout.write = write;
  };
  stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && stripVTControlCharacters(chunk) !== '') {
      restore();
      return (write as (...args: unknown[]) => boolean).call(this, `\x1b[H\x1b[J${chunk}`, ...rest);
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stdout.write;
  return restore;
}
