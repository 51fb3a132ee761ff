import type { SheetView } from '../api-types';
import { columnToLetters as columnLetters, GridRect } from '../../spreadsheet/a1';
import type { GridCallbacks } from './grid';

export interface Position {
  row: number;
  column: number;
}

/**
 * What the workspace's grid (grid.ts) has selected: the active cell, the block and whole rows,
 * drawn tinted and announced to the page (name box, formula bar). The grid moves the selection
 * with the mouse and keyboard; this class keeps it and paints it.
 */
export class GridSelection {
  protected sheet: SheetView | null = null;
  protected body: HTMLTableSectionElement | null = null;
  protected rowCount = 0;
  protected columnCount = 0;
  protected active: Position = { row: 1, column: 1 };
  /** The other corner of the selected block (the active cell when one cell is selected). */
  protected extent: Position = { row: 1, column: 1 };
  /** Whole rows are selected (every column, drawn or not). */
  protected wholeRows = false;
  protected painted: HTMLElement[] = [];

  constructor(protected readonly callbacks: GridCallbacks) {}

  /** The selected block, 1-based; whole rows span every column of the tab. */
  selection(): GridRect {
    const top = Math.min(this.active.row, this.extent.row);
    const bottom = Math.max(this.active.row, this.extent.row);
    if (this.wholeRows) return { row: top, column: 1, numRows: bottom - top + 1, numColumns: this.sheet?.maxColumns ?? this.columnCount };
    const left = Math.min(this.active.column, this.extent.column);
    const right = Math.max(this.active.column, this.extent.column);
    return { row: top, column: left, numRows: bottom - top + 1, numColumns: right - left + 1 };
  }

  /** Selects a block (after a paste: what was written), the active cell at its top-left. */
  selectBlock(block: GridRect): void {
    this.active = this.clamp({ row: block.row, column: block.column });
    this.extent = this.clamp({ row: block.row + block.numRows - 1, column: block.column + block.numColumns - 1 });
    this.wholeRows = false;
    this.select(this.active, true, true);
  }

  protected cell(position: Position): HTMLTableCellElement | null {
    return this.body?.rows[position.row - 1]?.cells[position.column] ?? null;
  }

  protected clamp(position: Position): Position {
    return {
      row: Math.min(Math.max(1, position.row), Math.max(1, this.rowCount)),
      column: Math.min(Math.max(1, position.column), Math.max(1, this.columnCount)),
    };
  }

  /** Makes `position` the active cell; the block collapses to it unless `keepBlock`. */
  protected select(position: Position, focus: boolean, keepBlock = false): void {
    const previous = this.cell(this.active);
    if (previous) {
      previous.tabIndex = -1;
      previous.classList.remove('active');
    }
    this.active = this.clamp(position);
    if (!keepBlock) {
      this.extent = this.active;
      this.wholeRows = false;
    }
    const cell = this.cell(this.active);
    if (!cell || !this.sheet) return;
    cell.tabIndex = 0;
    cell.classList.add('active');
    this.paintSelection();
    if (focus) cell.focus();
    this.announceSelection();
  }

  /** Moves the block's other corner (Shift+arrow, Shift+click, a drag); the active cell stays. */
  protected extendTo(position: Position, rows = this.wholeRows): void {
    this.extent = this.clamp(position);
    this.wholeRows = rows;
    this.paintSelection();
    this.cell(this.extent)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    this.cell(this.active)?.focus({ preventScroll: true });
    this.announceSelection();
  }

  /** Selects whole rows from `first` to `last` (a row number clicked), the active cell in column A. */
  protected selectRows(first: number, last: number, focus: boolean): void {
    this.select({ row: first, column: 1 }, focus);
    this.extendTo({ row: last, column: 1 }, true);
  }

  protected announceSelection(): void {
    const block = this.selection();
    const single = block.numRows === 1 && block.numColumns === 1;
    const start = `${columnLetters(block.column)}${block.row}`;
    const a1 = single ? start : this.wholeRows ? `${block.row}:${block.row + block.numRows - 1}` : `${start}:${columnLetters(block.column + block.numColumns - 1)}${block.row + block.numRows - 1}`;
    this.callbacks.onSelect({ a1, formula: this.formulaAt(this.active), value: this.valueAt(this.active) });
  }

  /** The block drawn tinted, its cells aria-selected; Sheets tints the column letters and row numbers it spans. */
  protected paintSelection(): void {
    for (const element of this.painted) element.classList.remove('in-selection', 'active-header', 'selected-header');
    for (const element of this.painted) element.removeAttribute('aria-selected');
    this.painted = [];
    if (!this.body) return;
    const block = this.selection();
    const lastRow = Math.min(block.row + block.numRows - 1, this.rowCount);
    const lastColumn = Math.min(block.column + block.numColumns - 1, this.columnCount);
    const multiple = block.numRows > 1 || block.numColumns > 1;
    const head = this.body.parentElement?.querySelector('thead tr');
    for (let c = block.column; c <= lastColumn; c++) {
      const header = head?.children[c] as HTMLElement | undefined;
      if (!header) continue;
      header.classList.add('active-header');
      this.painted.push(header);
    }
    for (let r = block.row; r <= lastRow; r++) {
      const tr = this.body.rows[r - 1];
      if (!tr) continue;
      const header = tr.cells[0];
      header.classList.add('active-header');
      if (this.wholeRows) header.classList.add('selected-header');
      this.painted.push(header);
      for (let c = block.column; c <= lastColumn; c++) {
        const cell = tr.cells[c];
        if (!cell) continue;
        cell.setAttribute('aria-selected', 'true');
        if (multiple) cell.classList.add('in-selection');
        this.painted.push(cell);
      }
    }
  }

  /** The rows the selection spans: what the row menu acts on. */
  protected selectedRows(): { first: number; count: number } {
    const block = this.selection();
    return { first: block.row, count: block.numRows };
  }

  protected valueAt(position: Position): string {
    return this.sheet?.rows[position.row - 1]?.[position.column - 1] ?? '';
  }

  protected formulaAt(position: Position): string {
    return this.sheet?.formulas[position.row - 1]?.[position.column - 1] ?? '';
  }

  protected positionOf(target: EventTarget | null): Position | null {
    const td = (target as HTMLElement | null)?.closest?.('td[data-row]') as HTMLElement | null;
    if (!td) return null;
    return { row: Number(td.dataset.row), column: Number(td.dataset.column) };
  }

  protected rowHeaderOf(target: EventTarget | null): number | null {
    const th = (target as HTMLElement | null)?.closest?.('th[data-row-header]') as HTMLElement | null;
    return th ? Number(th.dataset.rowHeader) : null;
  }

  protected rowSelected(row: number): boolean {
    const block = this.selection();
    return row >= block.row && row < block.row + block.numRows;
  }

  protected inSelection(position: Position): boolean {
    const block = this.selection();
    return this.rowSelected(position.row) && position.column >= block.column && position.column < block.column + block.numColumns;
  }
}
