import { TabKey, TabRecord, TableKey, tab } from './schema';
import { CellValue } from './cells';
import { RowSeal, Sealer } from './sealer';
import { locateColumns, openTrackerSheet } from './identity';
import { reference } from './reference';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** How many rows to add when a tab is full: one insert serves many appends. */
const GROWTH_ROWS = 1000;

/**
 * One tracker tab as a table: columns found by header (never by position) or,
 * when a header was renamed, by the column's identity;
 * whole columns read and rows written in batched ranges, so an operation's
 * spreadsheet calls do not grow with the number of rows.
 */
export class TrackerTable<T extends TabKey = TabKey> {
  private cachedLastRow: number | null = null;
  private cachedSealer: Sealer | null | undefined;

  private constructor(
    readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
    readonly key: T,
    readonly sheet: Sheet,
    /** Column key → 1-based position. */
    readonly positions: ReadonlyMap<string, number>,
    /** Header cells in sheet order (the row's full width). */
    readonly width: number,
  ) {}

  /**
   * Opens a tab: its header positions come from the reference data (tracker/reference.ts:
   * this execution's, else the document cache), else from its header row (two reads). A
   * renamed tab or header is found by its identity (tracker/identity.ts), one read more.
   */
  static open<T extends TabKey>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: T): TrackerTable<T> {
    const table = TrackerTable.tryOpen(ss, key);
    if (!table) throw new Error(`The ${tab(key).name} tab is missing. Run "Set up tracker" from the add-on menu to repair the tracker.`);
    return table;
  }

  /**
   * As open, with positions known to hold now: cached ones are checked against the header row
   * (one read) and, if they no longer fit, read afresh instead of refused. For a run that
   * reads before its lock and must not fail over a stale copy (the edit trigger).
   */
  static openChecked(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: TabKey): TrackerTable {
    const table = TrackerTable.open(ss, key);
    try {
      table.confirmColumns();
      return table;
    } catch {
      return TrackerTable.open(ss, key);
    }
  }

  /** As open, or null when the tab is missing. */
  static tryOpen<T extends TabKey>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: T): TrackerTable<T> | null {
    const ref = reference(ss);
    const cached = ref.cachedHeaders(key);
    if (cached) {
      // The sheet by its cached name, and only if it is still the same sheet (a renamed or recreated tab is read afresh).
      const sheet = ss.getSheetByName(cached.sheetName);
      if (sheet && sheet.getSheetId() === cached.sheetId) return new TrackerTable(ss, key, sheet, new Map(cached.positions), cached.width);
    }
    return TrackerTable.read(ss, key);
  }

  /** Opens a tab from its header row (what the cache holds comes from here). */
  private static read<T extends TabKey>(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: T): TrackerTable<T> | null {
    const def = tab(key);
    const opened = openTrackerSheet(ss, key, (sheet) => ({ header: headerRow(sheet) }));
    if (!opened) return null;
    const {
      sheet,
      found: { header },
    } = opened;
    const positions = locateColumns(sheet, def, header);
    // A column found by its identity may lie past the last one with content (its header cleared, no data yet).
    const width = Math.max(header.length, ...positions.values());
    reference(ss).rememberHeaders(key, { sheetId: sheet.getSheetId(), sheetName: sheet.getName(), header, positions: [...positions], width });
    return new TrackerTable(ss, key, sheet, positions, width);
  }

  /**
   * Before the first write through positions taken from the cache: they must still be the
   * columns' places, so the header row is read as wide as the copy (one read, once per execution) and compared
   * with the copy. Positions that no longer fit are dropped from the cache and the write
   * refused (nothing written): the retry reads them afresh.
   * Its own writes call it; call it before writing through `sheet` with positions from here.
   */
  confirmColumns(): void {
    const ref = reference(this.ss);
    if (ref.isConfirmed(this.key)) return;
    const cached = ref.cachedHeaders(this.key);
    // As wide as the copy: a column inserted or removed anywhere before its last column shifts what is read here.
    const header = this.sheet
      .getRange(1, 1, 1, Math.max(1, Math.min(this.width, this.sheet.getMaxColumns())))
      .getDisplayValues()[0]
      .map((h) => h.trim());
    if (cached && sameHeader(header, cached.header)) {
      ref.markConfirmed(this.key);
      return;
    }
    ref.dropHeaders(this.key);
    throw new Error(`The ${this.name} tab's columns changed while the tracker was working (a change it was not told of), so nothing was written. Please try again.`);
  }

  /** The tracker's writes to a tab its reference data is read from make that copy stale. */
  private wrote(): void {
    if (this.key === 'partners' || this.key === 'settings' || this.key === 'lists' || this.key === 'rules') reference(this.ss).drop(this.key);
  }

  get name(): string {
    return tab(this.key).name;
  }

  has(column: TableKey<T>): boolean {
    return this.positions.has(column);
  }

  column(key: TableKey<T>): number {
    const at = this.positions.get(key);
    if (at === undefined) {
      const header = tab(this.key).columns.find((c) => c.key === key)?.header ?? key;
      throw new Error(`The ${this.name} tab has no "${header}" column. Run "Set up tracker" from the add-on menu to repair it.`);
    }
    return at;
  }

  /**
   * The tab's seal (domain/seal.ts), or null when the tab is not sealed or has
   * no Tracker Check column yet (a tracker not yet upgraded).
   */
  sealer(): Sealer | null {
    if (this.cachedSealer === undefined) {
      const def = tab(this.key);
      this.cachedSealer = def.sealed && this.has('check' as TableKey<T>) ? new Sealer(this.ss, def, spreadsheetTimeZone(this.ss)) : null;
    }
    return this.cachedSealer;
  }

  /** Each record's seal state (records as read: sealed fields and check). Unsealed tabs: every row counts as sealed. */
  verify(record: Readonly<Record<string, CellValue | undefined>>): RowSeal {
    const sealer = this.sealer();
    return sealer ? sealer.verify(record) : { state: 'sealed', confirmed: null, altered: [] };
  }

  /**
   * Why a row read from this tab does not count (it was not written by the
   * tracker, or was changed by hand since), or null when it counts. A held
   * row is left out of approvals, payouts and exports until it is put back.
   */
  heldReason(record: Readonly<Record<string, CellValue | undefined>>): string | null {
    const seal = this.verify(record);
    if (seal.state === 'unsealed') return 'it was not written by the tracker (typed or pasted in), so it does not count';
    if (seal.state === 'forged') return 'its Tracker Check was changed by hand, so the tracker can no longer vouch for it';
    if (seal.altered.length) {
      const headers = seal.altered.map((f) => tab(this.key).columns.find((c) => c.key === f)?.header ?? f);
      return `${headers.join(', ')} ${seal.altered.length > 1 ? 'were' : 'was'} changed by hand (the tracker puts ${seal.altered.length > 1 ? 'them' : 'it'} back within the hour)`;
    }
    return null;
  }

  /** Sealed field keys plus `check`, for readColumns; [] for an unsealed tab. */
  sealKeys(): TableKey<T>[] {
    const sealer = this.sealer();
    return (sealer ? [...sealer.fields, 'check'] : []) as TableKey<T>[];
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
  readColumns<K extends TableKey<T>>(keys: readonly K[], optional: readonly K[] = []): Record<K, CellValue[]> {
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
  readRows(firstRow: number, lastRow: number): Array<TabRecord<T, CellValue>> {
    if (lastRow < firstRow) return [];
    const grid = this.sheet.getRange(firstRow, 1, lastRow - firstRow + 1, this.width).getValues() as CellValue[][];
    return grid.map((cells) => {
      const record: Record<string, CellValue> = {};
      for (const [key, at] of this.positions) record[key] = cells[at - 1];
      return record as TabRecord<T, CellValue>;
    });
  }

  /**
   * Appends records below the last row in one write, growing the sheet first
   * when it would fill up. Rows are inserted above the sheet's (empty) last row,
   * inside the ranges setup formatted, validated and protected, so those extend
   * to the new rows.
   * Returns the sheet row of the first record. Hold the document lock around it.
   */
  append(records: ReadonlyArray<Partial<TabRecord<T, CellValue>>>, at?: number): number {
    if (records.length === 0) return at ?? this.lastRow() + 1;
    this.confirmColumns();
    const first = at ?? this.lastRow() + 1;
    const needed = first + records.length - 1;
    const maxRows = this.sheet.getMaxRows();
    if (needed >= maxRows) {
      const growth = Math.max(GROWTH_ROWS, needed - maxRows + 1);
      // Keep the sheet's last row empty, so the insert lands inside the formatted ranges without moving data.
      if (first - 1 < maxRows) this.sheet.insertRowsBefore(maxRows, growth);
      else this.sheet.insertRowsAfter(maxRows, growth);
    }
    const sealer = this.sealer();
    const grid = records.map((record) => this.toRow(sealer ? { ...record, check: sealer.seal(record) } : record));
    // New rows below the last are empty: blank trailing cells need no write, and leaving them out keeps a
    // write clear of columns the writer may not edit (Partners' payout columns, Finance's: a partner added by the partner team).
    const width = at === undefined ? Math.max(1, ...grid.map((r) => r.reduce<number>((w, v, i) => (v === '' || v === null ? w : i + 1), 0))) : this.width;
    this.sheet.getRange(first, 1, grid.length, width).setValues(width === this.width ? grid : grid.map((r) => r.slice(0, width)));
    this.cachedLastRow = needed;
    this.wrote();
    return first;
  }

  /**
   * Writes some columns of one row: one call per run of adjacent columns. A
   * write to a sealed field reseals the row: `base` is the row's current
   * (verified) values, so the seal covers the fields not written too.
   */
  writeCells(row: number, values: Partial<TabRecord<T, CellValue>>, base?: Readonly<Record<string, CellValue | undefined>>): void {
    this.confirmColumns();
    const sealer = this.sealer();
    if (sealer && sealer.fields.some((f) => (values as Record<string, CellValue | undefined>)[f] !== undefined)) {
      if (!base) throw new Error(`internal: a write to ${this.name}'s sealed fields needs the row's current values`);
      values = { ...values, check: sealer.seal(values, base) };
    }
    const located = Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([key, value]) => ({ at: this.column(key as TableKey<T>), value: value as CellValue }))
      .sort((a, b) => a.at - b.at);
    const runs: Array<typeof located> = [];
    for (const item of located) {
      const run = runs[runs.length - 1];
      if (run && run[run.length - 1].at === item.at - 1) run.push(item);
      else runs.push([item]);
    }
    for (const run of runs) this.sheet.getRange(row, run[0].at, 1, run.length).setValues([run.map((c) => c.value)]);
    this.wrote();
  }

  /** Writes one column for a span of rows (values[i] goes to firstRow + i): one call. Not for sealed fields (writeSealedColumn). */
  writeColumn(key: TableKey<T>, firstRow: number, values: CellValue[]): void {
    if (values.length === 0) return;
    if (this.sealer()?.fields.includes(key)) throw new Error(`internal: ${this.name}.${key} is sealed; write it with writeSealedColumn`);
    this.confirmColumns();
    this.sheet.getRange(firstRow, this.column(key), values.length, 1).setValues(values.map((v) => [v]));
    this.wrote();
  }

  /**
   * Writes a sealed field for a span of rows and reseals the rows it changes:
   * `bases[i]` is row firstRow + i as read (null: the row is left as it is). Two calls.
   */
  writeSealedColumn(key: TableKey<T>, firstRow: number, values: CellValue[], bases: ReadonlyArray<Readonly<Record<string, CellValue>> | null>): void {
    if (values.length === 0) return;
    this.confirmColumns();
    this.sheet.getRange(firstRow, this.column(key), values.length, 1).setValues(values.map((v) => [v]));
    this.wrote();
    const sealer = this.sealer();
    if (!sealer) return;
    const checkRange = this.sheet.getRange(firstRow, this.column('check' as TableKey<T>), values.length, 1);
    const checks = checkRange.getValues();
    values.forEach((v, i) => {
      const base = bases[i];
      if (base) checks[i][0] = sealer.seal({ [key]: v }, base);
    });
    checkRange.setValues(checks);
  }

  /**
   * Writes some cells of many rows (a bulk status change): per column written, one read and one
   * write over the span of the rows (rows between keep the values read), so the calls do not grow
   * with the rows. A write to a sealed field reseals its row from `base`, as writeCells does.
   * Hold the document lock around it.
   */
  writeRowsSpan(items: ReadonlyArray<{ row: number; values: Partial<TabRecord<T, CellValue>>; base?: Readonly<Record<string, CellValue | undefined>> }>): void {
    if (items.length === 0) return;
    this.confirmColumns();
    const sealer = this.sealer();
    const sealed = (values: Record<string, CellValue | undefined>) => !!sealer && sealer.fields.some((f) => values[f] !== undefined);
    const rows = items.map((item) => {
      const values = { ...(item.values as Record<string, CellValue | undefined>) };
      if (sealer && sealed(values)) {
        if (!item.base) throw new Error(`internal: a write to ${this.name}'s sealed fields needs the row's current values`);
        values.check = sealer.seal(values, item.base);
      }
      return { row: item.row, values };
    });
    const first = Math.min(...rows.map((r) => r.row));
    const last = Math.max(...rows.map((r) => r.row));
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r.values).filter((k) => r.values[k] !== undefined)))];
    for (const key of keys) {
      const range = this.sheet.getRange(first, this.column(key as TableKey<T>), last - first + 1, 1);
      const column = range.getValues() as CellValue[][];
      for (const r of rows) if (r.values[key] !== undefined) column[r.row - first][0] = r.values[key] as CellValue;
      range.setValues(column);
    }
    this.wrote();
  }

  private toRow(record: Record<string, CellValue | undefined>): CellValue[] {
    const row = new Array<CellValue>(this.width).fill('');
    for (const [key, value] of Object.entries(record)) {
      if (value === undefined) continue;
      const at = this.positions.get(key);
      if (at === undefined) {
        if (value === '' || value === null) continue;
        this.column(key as TableKey<T>); // throws the repair message
      } else {
        row[at - 1] = value;
      }
    }
    return row;
  }
}

/** The header row's trimmed display values, as wide as its last column with content. Two reads. */
function headerRow(sheet: Sheet): string[] {
  const lastColumn = sheet.getLastColumn();
  return lastColumn > 0
    ? sheet
        .getRange(1, 1, 1, lastColumn)
        .getDisplayValues()[0]
        .map((h) => h.trim())
    : [];
}

/** Two header rows alike, trailing blanks aside. */
function sameHeader(a: readonly string[], b: readonly string[]): boolean {
  const trim = (h: readonly string[]) => {
    let n = h.length;
    while (n > 0 && h[n - 1] === '') n--;
    return h.slice(0, n);
  };
  const x = trim(a);
  const y = trim(b);
  return x.length === y.length && x.every((h, i) => h === y[i]);
}

/** The spreadsheet's time zone, read once per execution and cached (sealed dates are compared in it). */
function spreadsheetTimeZone(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return reference(ss).timeZone();
}
