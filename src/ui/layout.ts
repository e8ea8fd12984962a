// How the screen is cut up for a terminal size: usable at 80×24, roomier when there is room.
export interface Layout {
  readonly columns: number;
  readonly rows: number;
  readonly sideWidth: number;
  readonly listingWidth: number;
  /** Rows inside the listing's border. */
  readonly listingRows: number;
  readonly outputRows: number;
  readonly narrationRows: number;
  readonly compact: boolean;
}

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

/**
 * `narrationNeed`: the rows the narration would take, wrapped to the width (notes and the
 * lesson). It gets them, up to a cap, from the listing: the lesson is the screen's teaching.
 * `listingNeed`: the rows the listing's row must keep for the panes beside it (the
 * processes, and some of the kernel): the narration gives those back first.
 */
export function computeLayout(columns: number, rows: number, narrationNeed = 0, listingNeed = 4): Layout {
  const compact = rows < 30 || columns < 100;
  const sideWidth = Math.max(28, Math.min(48, Math.floor(columns * 0.38)));
  const listingWidth = columns - sideWidth;
  const outputRows = compact ? 3 : Math.min(8, Math.floor(rows / 6));
  // Ink draws rows - 1 lines (a full screen would scroll): header 1, output title 1,
  // narration, keys 1, listing border 2.
  const rest = rows - 1 - 1 - (outputRows + 1) - 1 - 2;
  const narrationMin = compact ? 3 : 4;
  const wanted = Math.max(narrationMin, Math.min(narrationNeed, compact ? Math.max(3, rows - 18) : 8));
  const narrationRows = Math.max(narrationMin, Math.min(wanted, rest - listingNeed));
  const listingRows = Math.max(4, rest - narrationRows);
  return { columns, rows, sideWidth, listingWidth, listingRows, outputRows, narrationRows, compact };
}
