/*
 * A grid of terminal cells to draw on: lines in Braille dots (2 × 4 dots a cell,
 * U+2800 + the dot bits), marks and text as whole characters over them. Each cell
 * keeps the colour of what was drawn last.
 */

/** Bit of each dot in a Braille cell, by [row][column] (Unicode's numbering of the eight dots). */
const DOT_BITS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
] as const;

export interface Cell {
  char: string;
  /** A colour slot (see terminal.ts), or undefined for the default ink. */
  color: number | undefined;
  dots: number;
  /** A rule's dash: lines, marks and text may draw over it. */
  soft: boolean;
}

export class TextCanvas {
  readonly cells: Cell[][];

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.cells = Array.from({ length: rows }, () =>
      Array.from({ length: columns }, () => ({ char: ' ', color: undefined, dots: 0, soft: false })),
    );
  }

  /** Dot coordinates: x in [0, 2·columns), y in [0, 4·rows), y down. */
  dot(x: number, y: number, color: number | undefined): void {
    const column = Math.floor(x / 2);
    const row = Math.floor(y / 4);
    const cell = this.cells[row]?.[column];
    if (cell === undefined || x < 0 || y < 0) return;
    if (cell.char !== ' ' && cell.dots === 0 && !cell.soft) return; // a mark or text already holds the cell
    if (cell.soft) Object.assign(cell, { char: ' ', dots: 0, soft: false });
    cell.dots |= DOT_BITS[y % 4]?.[x % 2] ?? 0;
    cell.char = String.fromCharCode(0x2800 + cell.dots);
    cell.color = color;
  }

  /** A straight line of dots (Bresenham). */
  line(x0: number, y0: number, x1: number, y1: number, color: number | undefined): void {
    const dx = Math.abs(x1 - x0);
    const dy = -Math.abs(y1 - y0);
    const sx = x0 < x1 ? 1 : -1;
    const sy = y0 < y1 ? 1 : -1;
    let error = dx + dy;
    let x = x0;
    let y = y0;
    for (;;) {
      this.dot(x, y, color);
      if (x === x1 && y === y1) return;
      const twice = 2 * error;
      if (twice >= dy) {
        error += dy;
        x += sx;
      }
      if (twice <= dx) {
        error += dx;
        y += sy;
      }
    }
  }

  /** One character in a cell, over any dots. */
  put(column: number, row: number, char: string, color: number | undefined, soft = false): void {
    const cell = this.cells[row]?.[column];
    if (cell === undefined || column < 0) return;
    cell.char = char;
    cell.dots = 0;
    cell.color = color;
    cell.soft = soft;
  }

  /** Text from a cell rightwards, cut at the canvas's edge. */
  text(column: number, row: number, content: string, color: number | undefined): void {
    [...content].forEach((char, i) => this.put(column + i, row, char, color));
  }

  /** Whether the cells are free (blank or dots only) for a text. */
  isFree(column: number, row: number, length: number): boolean {
    for (let i = 0; i < length; i++) {
      const cell = this.cells[row]?.[column + i];
      if (cell === undefined || (cell.char !== ' ' && cell.dots === 0 && !cell.soft)) return false;
    }
    return true;
  }
}
