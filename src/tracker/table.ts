import { TabKey, tab } from './schema';
import { CellValue } from './cells';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** How many rows to add when a tab is full: one insert serves many appends. */
const GROWTH_ROWS = 1000;

/**
 * One tracker tab as a table: columns found by header (never by position),
 * whole columns read and rows written in batched ranges, so an operation's
 * spreadsheet calls do not grow with the number of rows.
 */
export class TrackerTable {
  private cachedLastRow: number | null = null;

  private constructor(
    readonly key: TabKey,
    readonly sheet: Sheet,
    /** Column key → 1-based position. */
    readonly positions: ReadonlyMap<string, number>,
    /** Header cells in sheet order (the row's full width). */
    readonly width: number,
  ) {}

  /** Opens a tab and reads its header: three spreadsheet calls. */
  static open(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: TabKey): TrackerTable {
    const def = tab(key);
    const sheet = ss.getSheetByName(def.name);
    if (!sheet) throw new Error(`The ${def.name} tab is missing. Run "Set up tracker" from the add-on menu to repair the tracker.`);
    const lastColumn = sheet.getLastColumn();
    const header = lastColumn > 0 ? sheet.getRange(1, 1, 1, lastColumn).getDisplayValues()[0].map((h) => h.trim()) : [];
    const positions = new Map<string, number>();
    for (const col of def.columns) {
      const at = header.indexOf(col.header);
      if (at >= 0) positions.set(col.key, at + 1);
    }
    return new TrackerTable(key, sheet, positions, header.length);
  }

  get name(): string {
    return tab(this.key).name;
  }

  has(column: string): boolean {
    return this.positions.has(column);
  }

  column(key: string): number {
    const at = this.positions.get(key);
    if (at === undefined) {
      const header = tab(this.key).columns.find((c) => c.key === key)?.header ?? key;
      throw new Error(`The ${this.name} tab has no "${header}" column. Run "Set up tracker" from the add-on menu to repair it.`);
    }
    return at;
  }

  lastRow(): number {
    if (this.cachedLastRow === null) this.cachedLastRow = this.sheet.getLastRow();
    return this.cachedLastRow;
  }

  /** Data rows below the header. */
  rowCount(): number {
    return Math.max(0, this.lastRow() - 1);
  }

  /**
   * Every data row's values for these columns, one getValues per run of
   * adjacent columns. Columns the tab lacks are only allowed when `optional`.
   */
  readColumns<K extends string>(keys: readonly K[], optional: readonly K[] = []): Record<K, CellValue[]> {
    const out = {} as Record<K, CellValue[]>;
    const rows = this.rowCount();
    const present = keys.filter((k) => this.has(k) || !optional.includes(k));
    for (const k of keys) if (!present.includes(k)) out[k] = new Array<CellValue>(rows).fill('');
    if (rows === 0) {
      for (const k of present) out[k] = [];
      return out;
    }
    const located = present.map((k) => ({ key: k, at: this.column(k) })).sort((a, b) => a.at - b.at);
    const runs: Array<typeof located> = [];
    for (const item of located) {
      const run = runs[runs.length - 1];
      if (run && run[run.length - 1].at >= item.at - 1) run.push(item);
      else runs.push([item]);
    }
    for (const run of runs) {
      const first = run[0].at;
      const grid = this.sheet.getRange(2, first, rows, run[run.length - 1].at - first + 1).getValues() as CellValue[][];
      for (const { key, at } of run) out[key] = grid.map((r) => r[at - first]);
    }
    return out;
  }

  /** Full rows firstRow..lastRow (sheet row numbers) as column key → value records: one call. */
  readRows(firstRow: number, lastRow: number): Array<Record<string, CellValue>> {
    if (lastRow < firstRow) return [];
    const grid = this.sheet.getRange(firstRow, 1, lastRow - firstRow + 1, this.width).getValues() as CellValue[][];
    return grid.map((cells) => {
      const record: Record<string, CellValue> = {};
      for (const [key, at] of this.positions) record[key] = cells[at - 1];
      return record;
    });
  }

  /**
   * Appends records below the last row in one write, growing the sheet first
   * when it would fill up. Rows are inserted above the sheet's (empty) last row,
   * inside the ranges setup formatted, validated and protected, so those extend
   * to the new rows.
   * Returns the sheet row of the first record. Hold the script lock around it.
   */
  append(records: ReadonlyArray<Record<string, CellValue | undefined>>): number {
    if (records.length === 0) return this.lastRow() + 1;
    const first = this.lastRow() + 1;
    const needed = first + records.length - 1;
    const maxRows = this.sheet.getMaxRows();
    if (needed >= maxRows) {
      const growth = Math.max(GROWTH_ROWS, needed - maxRows + 1);
      // Keep the sheet's last row empty, so the insert lands inside the formatted ranges without moving data.
      if (this.lastRow() < maxRows) this.sheet.insertRowsBefore(maxRows, growth);
      else this.sheet.insertRowsAfter(maxRows, growth);
    }
    const grid = records.map((record) => this.toRow(record));
    this.sheet.getRange(first, 1, grid.length, this.width).setValues(grid);
    this.cachedLastRow = needed;
    return first;
  }

  /** Writes some columns of one row: one call per run of adjacent columns. */
  writeCells(row: number, values: Record<string, CellValue | undefined>): void {
    const located = Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([key, value]) => ({ at: this.column(key), value: value as CellValue }))
      .sort((a, b) => a.at - b.at);
    const runs: Array<typeof located> = [];
    for (const item of located) {
      const run = runs[runs.length - 1];
      if (run && run[run.length - 1].at === item.at - 1) run.push(item);
      else runs.push([item]);
    }
    for (const run of runs) this.sheet.getRange(row, run[0].at, 1, run.length).setValues([run.map((c) => c.value)]);
  }

  /** Writes one column for a span of rows (values[i] goes to firstRow + i): one call. */
  writeColumn(key: string, firstRow: number, values: CellValue[]): void {
    if (values.length === 0) return;
    this.sheet.getRange(firstRow, this.column(key), values.length, 1).setValues(values.map((v) => [v]));
  }

  private toRow(record: Record<string, CellValue | undefined>): CellValue[] {
    const row = new Array<CellValue>(this.width).fill('');
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined) continue;
      const at = this.positions.get(key);
      if (at === undefined) {
        if (value === '' || value === null) continue;
        this.column(key); // throws the repair message
      } else {
        row[at - 1] = value;
      }
    }
    return row;
  }
}
