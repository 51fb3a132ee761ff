/**
 * A sparse row-major grid (1-based coordinates). Rows are arrays so that reading
 * or writing a block of a 100k-row sheet costs time in the block, not the sheet.
 */
export class Grid<T> {
  private rows: Array<Array<T | undefined> | undefined> = [];
  private edits = 0;

  /** Counts every change to the grid: what a cache of its contents (the workspace's saved text) is keyed on. */
  get version(): number {
    return this.edits;
  }

  /** A copy with rows of its own; the cells themselves are shared (primitives, or objects never changed in place). */
  clone(): Grid<T> {
    const copy = new Grid<T>();
    copy.rows = this.rows.map((cells) => cells?.slice());
    return copy;
  }

  get(row: number, column: number): T | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  set(row: number, column: number, value: T | undefined): void {
    this.edits++;
    let cells = this.rows[row - 1];
    if (!cells) {
      if (value === undefined) return;
      cells = this.rows[row - 1] = [];
    }
    cells[column - 1] = value;
  }

  /** Calls `visit` for each defined cell in the rectangle. */
  forEachIn(row: number, column: number, numRows: number, numColumns: number, visit: (r: number, c: number, v: T) => void): void {
    const lastRow = Math.min(row + numRows - 1, this.rows.length);
    for (let r = row; r <= lastRow; r++) {
      const cells = this.rows[r - 1];
      if (!cells) continue;
      const lastColumn = Math.min(column + numColumns - 1, cells.length);
      for (let c = column; c <= lastColumn; c++) {
        const v = cells[c - 1];
        if (v !== undefined) visit(r, c, v);
      }
    }
  }

  forEach(visit: (r: number, c: number, v: T) => void): void {
    this.rows.forEach((cells, i) => cells?.forEach((v, j) => v !== undefined && visit(i + 1, j + 1, v)));
  }

  clearRect(row: number, column: number, numRows: number, numColumns: number): void {
    this.edits++;
    const lastRow = Math.min(row + numRows - 1, this.rows.length);
    for (let r = row; r <= lastRow; r++) {
      const cells = this.rows[r - 1];
      if (!cells) continue;
      for (let c = column; c < column + numColumns && c <= cells.length; c++) cells[c - 1] = undefined;
    }
  }

  insertRows(beforeRow: number, count: number): void {
    this.edits++;
    if (beforeRow - 1 > this.rows.length) return;
    this.rows.splice(beforeRow - 1, 0, ...new Array<undefined>(count));
  }

  deleteRows(row: number, count: number): void {
    this.edits++;
    this.rows.splice(row - 1, count);
  }

  insertColumns(beforeColumn: number, count: number): void {
    this.edits++;
    for (const cells of this.rows) {
      if (cells && cells.length >= beforeColumn - 1) cells.splice(beforeColumn - 1, 0, ...new Array<undefined>(count));
    }
  }

  deleteColumns(column: number, count: number): void {
    this.edits++;
    for (const cells of this.rows) cells?.splice(column - 1, count);
  }

  /** The last row with any defined cell (0 when empty). */
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      const cells = this.rows[r - 1];
      if (cells && cells.some((v) => v !== undefined)) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const cells of this.rows) {
      if (!cells) continue;
      for (let c = cells.length; c > last; c--) {
        if (cells[c - 1] !== undefined) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** JSON-safe form: [row, column, value] triples. */
  toEntries(): Array<[number, number, T]> {
    const out: Array<[number, number, T]> = [];
    this.forEach((r, c, v) => out.push([r, c, v]));
    return out;
  }

  static fromEntries<T>(entries: Array<[number, number, T]>): Grid<T> {
    const grid = new Grid<T>();
    for (const [r, c, v] of entries) grid.set(r, c, v);
    return grid;
  }
}
