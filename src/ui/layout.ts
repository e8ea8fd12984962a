// How the screen is cut up for a terminal size: everything the lesson points at fits at
// 80×24 (tests/ui/screen-fit.test.tsx draws every step of every variant there), and a
// bigger terminal gives the listing and the output more room.
export interface Layout {
  readonly columns: number;
  readonly rows: number;
  readonly sideWidth: number;
  readonly listingWidth: number;
  /** Rows inside the listing's border; the side column (processes, kernel) is as tall. */
  readonly listingRows: number;
  readonly outputRows: number;
  readonly narrationRows: number;
  /** Rows each process takes in the processes pane: two, or one when the screen is short of rows. */
  readonly processRows: 1 | 2;
  /** The key bar: left out only when the lesson needs its row too (`?` still lists the keys). */
  readonly keyBar: boolean;
  /** The kernel's title rule under the processes: left out last (its facts name themselves: `P fds:`, `/proc/net/unix`). */
  readonly kernelTitle: boolean;
  readonly compact: boolean;
}

/** The smallest terminal the screen is made for: below it, a message says so. */
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

/** What the screen must show whole at this step, in rows. */
export interface Needs {
  /** The notes and the lesson, wrapped to the width. */
  readonly narration: number;
  /** The lines processes stand on, wrapped to the listing's width. */
  readonly listing: number;
  readonly processes: number;
  /** The kernel's lines, wrapped to the side column. */
  readonly kernel: number;
}

/** Nothing to fit: the room a screen has at its most compact (the help, which takes the listing's place, is cut for it). */
export const NO_NEEDS: Needs = { narration: 0, listing: 0, processes: 0, kernel: 0 };

/**
 * The side column's width. The kernel's facts are up to ~50 characters (an shm row with its
 * nattch, a process's two socket fds): at 80 columns the side takes half, and the listing,
 * narrower, wraps the lines the processes stand on instead of cutting them.
 */
export function sideWidthFor(columns: number): number {
  return Math.max(40, Math.min(52, Math.floor(columns * 0.4)));
}

/** The side column's height for `processRows` rows a process: border, processes, the kernel's title, its lines. */
function sideHeight(needs: Needs, processRows: number, kernelTitle: boolean): number {
  return 2 + Math.max(1, needs.processes) * processRows + (kernelTitle ? 1 : 0) + Math.max(1, needs.kernel);
}

/**
 * The narration gets every row it needs (a lesson is read whole), the side column every row
 * its processes and kernel facts need, the listing at least its marked lines; the listing
 * takes what is left. When that is more than the terminal has, the output gives rows first
 * (down to two), then each process its second row, then the output down to one, then the
 * key bar its row, then the kernel its title.
 */
export function computeLayout(columns: number, rows: number, needs: Needs): Layout {
  const compact = rows < 30 || columns < 100;
  const sideWidth = sideWidthFor(columns);
  // Ink draws rows - 1 lines (a full screen would scroll): header, output title and keys take one each.
  let room = rows - 1 - 3;
  const wanted = Math.max(compact ? 3 : 4, needs.narration);
  let outputRows = compact ? 3 : Math.min(8, Math.floor(rows / 6));
  let processRows: 1 | 2 = 2;
  let kernelTitle = true;
  const middle = () => Math.max(needs.listing + 2, sideHeight(needs, processRows, kernelTitle));
  const over = () => wanted + outputRows + middle() - room;
  if (over() > 0) outputRows = Math.max(2, outputRows - over());
  if (over() > 0) processRows = 1;
  if (over() > 0) outputRows = 1;
  const keyBar = over() <= 0;
  if (!keyBar) room += 1;
  if (over() > 0) kernelTitle = false;
  // Still too little room (a terminal below the minimum): the narration is cut, not the panes.
  const narrationRows = Math.max(1, Math.min(wanted, room - outputRows - middle()));
  const listingRows = Math.max(middle(), room - outputRows - narrationRows) - 2;
  return { columns, rows, sideWidth, listingWidth: columns - sideWidth, listingRows, outputRows, narrationRows, processRows, keyBar, kernelTitle, compact };
}
