export interface GridFit {
  cols: number;
  rows: number;
  /** Row height in CSS pixels: the rows fill the box. */
  cellH: number;
  /** The type size the cells' contents fit at. */
  fontPx: number;
}

/** A cell's content in ems: `high` tall and `wide` wide at font size 1. */
export interface CellShape {
  high: number;
  wide: number;
}

/**
 * The column count that lets `count` cells in a `width`×`height` box carry the largest
 * type: every window stays on screen, however many the hall has, with no scrolling.
 */
export function fitGrid(count: number, width: number, height: number, gap: number, shape: CellShape): GridFit {
  let best: GridFit = { cols: 1, rows: Math.max(1, count), cellH: 0, fontPx: 0 };
  if (count <= 0 || width <= 0 || height <= 0) return best;
  for (let cols = 1; cols <= count; cols++) {
    const rows = Math.ceil(count / cols);
    const cw = (width - gap * (cols - 1)) / cols;
    const ch = (height - gap * (rows - 1)) / rows;
    const fontPx = Math.min(ch / shape.high, cw / shape.wide);
    if (fontPx > best.fontPx) best = { cols, rows, cellH: Math.floor(ch), fontPx };
  }
  return best;
}
