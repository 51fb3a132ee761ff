import type { CellStyle, SheetView } from '../api-types';
import { GridRect } from '../../spreadsheet/a1';
import { toTsv } from '../tsv';
import { ContextMenu, ContextMenuItem, isContextMenuKey } from './context-menu';
import { h, replaceChildren } from './dom';
import { drawSheetTable, pinFrozenPanes } from './grid-drawing';
import { drawChart } from './chart-drawing';
import { GridCellEditor } from './grid-editing';
import { Position } from './grid-selection';

/**
 * One tab drawn as Sheets draws it: column letters and row numbers, frozen rows
 * and columns that stay put while scrolling, model column widths, formatted
 * display values (a formula's value, with the formula in its tooltip and the
 * formula bar). A person moves with the keyboard or mouse and edits like in
 * Sheets: Enter, F2, double-click or just typing opens the editor; Enter or Tab
 * commits, Escape cancels, Delete clears. A block is selected with Shift+arrows,
 * Shift+click or a drag; whole rows by their numbers (click, Shift+click, drag) or
 * Shift+Space. Ctrl+V pastes tab-separated text at the block's top-left cell,
 * Ctrl+C copies the block as such text, Delete clears the block in one edit. The
 * row menu (right-click a row number or a cell, the Menu key or Shift+F10;
 * Ctrl+Alt+= and Ctrl+Alt+- as in Sheets) inserts rows above or below the selected
 * rows, or deletes them.
 */
export interface GridCallbacks {
  /** The active cell or the selected block changed (for the name box and formula bar). */
  onSelect(cell: { a1: string; formula: string; value: string }): void;
  /** The person committed text into a cell; resolves true when Sheets accepted it. */
  onCommit(row: number, column: number, value: string): Promise<boolean>;
  /** The person pasted text with `row`, `column` the top-left cell; resolves with the block written, or null. */
  onPaste(row: number, column: number, text: string): Promise<GridRect | null>;
  /** The person pressed Delete on a block of several cells (whole rows: every column of the tab). */
  onClear(block: GridRect): Promise<boolean>;
  /** Insert `count` rows before row `beforeRow`. */
  onInsertRows(beforeRow: number, count: number): void;
  /** Delete `count` rows from `row`. */
  onDeleteRows(row: number, count: number): void;
}

/** Empty rows drawn under the data, to type new records into. */
const SPARE_ROWS = 30;
const MIN_ROWS = 50;
const PAGE_ROWS = 20;
const DEFAULT_ROW_HEIGHT = 21;
const DEFAULT_COLUMN_WIDTH = 100;

export class SheetGrid extends GridCellEditor {
  private readonly notice: HTMLElement;
  private readonly scroller: HTMLElement;
  private dragging: 'cells' | 'rows' | null = null;
  private readonly remembered = new Map<string, { position: Position; scrollTop: number; scrollLeft: number }>();

  constructor(
    container: HTMLElement,
    callbacks: GridCallbacks,
    private readonly menu: ContextMenu,
  ) {
    super(callbacks);
    this.notice = h('div', { class: 'grid-notice', role: 'note', hidden: true });
    this.scroller = h('div', { class: 'grid-scroller' });
    replaceChildren(container, this.notice, this.scroller);
    this.scroller.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.scroller.addEventListener('mousedown', (event) => this.onMouseDown(event));
    this.scroller.addEventListener('mouseover', (event) => this.onMouseOver(event));
    this.scroller.addEventListener('dblclick', (event) => this.onDoubleClick(event));
    this.scroller.addEventListener('contextmenu', (event) => this.onContextMenu(event));
    this.scroller.addEventListener('paste', (event) => this.onPaste(event));
    this.scroller.addEventListener('copy', (event) => this.onCopy(event));
    document.addEventListener('mouseup', () => (this.dragging = null));
  }

  get sheetName(): string | null {
    return this.sheet?.name ?? null;
  }

  /** The tab on screen was renamed: keep its selection and scroll position. */
  sheetRenamed(oldName: string, newName: string): void {
    if (this.sheet?.name === oldName) this.sheet = { ...this.sheet, name: newName };
    const remembered = this.remembered.get(oldName);
    if (remembered) {
      this.remembered.delete(oldName);
      this.remembered.set(newName, remembered);
    }
  }

  /** Draws `sheet`; keeps the active cell and scroll position of each tab across redraws. */
  render(sheet: SheetView, styles: CellStyle[], rowLimit: number): void {
    if (this.editing) {
      // Redrawing would destroy what the person is typing: draw when they finish.
      this.deferred = () => this.render(sheet, styles, rowLimit);
      return;
    }
    this.deferred = null;
    const hadFocus = this.scroller.contains(document.activeElement);
    if (this.sheet) this.remembered.set(this.sheet.name, { position: this.active, scrollTop: this.scroller.scrollTop, scrollLeft: this.scroller.scrollLeft });
    const sameSheet = this.sheet?.name === sheet.name;
    this.sheet = sheet;
    this.editing = null;

    const truncated = sheet.lastRow > sheet.rows.length;
    this.rowCount = truncated ? sheet.rows.length : Math.min(sheet.maxRows, Math.max(sheet.lastRow + SPARE_ROWS, MIN_ROWS));
    this.columnCount = sheet.columnWidths.length;
    this.renderNotice(sheet, truncated, rowLimit);

    const { table, body } = drawSheetTable(sheet, styles, this.rowCount, this.columnCount);
    replaceChildren(this.scroller, table);
    this.body = body;

    const remembered = sameSheet ? null : this.remembered.get(sheet.name);
    this.painted = [];
    if (remembered) {
      this.active = remembered.position;
      this.scroller.scrollTop = remembered.scrollTop;
      this.scroller.scrollLeft = remembered.scrollLeft;
    } else if (!sameSheet) {
      this.active = { row: 1, column: 1 };
      this.scroller.scrollTop = 0;
      this.scroller.scrollLeft = 0;
    }
    if (!sameSheet) {
      this.extent = this.active;
      this.wholeRows = false;
    }
    pinFrozenPanes(table, body, sheet, this.rowCount, this.columnCount);
    this.drawCharts(sheet, table);
    this.extent = this.clamp(this.extent);
    this.select(this.clamp(this.active), hadFocus, true);
  }

  /**
   * Lays the sheet's charts over the grid: each at its anchor cell's top-left corner plus its
   * offsets, as Sheets places an over-the-grid chart. A cell beyond the drawn rows or columns is
   * reached by the default row height and the model's column widths.
   */
  private drawCharts(sheet: SheetView, table: HTMLTableElement): void {
    if (sheet.charts.length === 0) return;
    const layer = h('div', { class: 'chart-layer' });
    const origin = table.getBoundingClientRect();
    for (const chart of sheet.charts) {
      const { left, top } = this.cellCorner(table, origin, chart.anchorRow, chart.anchorColumn);
      const box = h('figure', { class: 'chart', 'data-chart-id': chart.id, 'data-anchor': `${chart.anchorRow}:${chart.anchorColumn}` });
      box.style.left = `${left + chart.offsetX}px`;
      box.style.top = `${top + chart.offsetY}px`;
      box.appendChild(drawChart(chart));
      layer.appendChild(box);
    }
    this.scroller.appendChild(layer);
  }

  private cellCorner(table: HTMLTableElement, origin: DOMRect, row: number, column: number): { left: number; top: number } {
    const lastRow = Math.min(row, this.rowCount);
    const lastColumn = Math.min(column, this.columnCount);
    const cell = table.querySelector(`td[data-row="${lastRow}"][data-column="${lastColumn}"]`);
    const rect = cell ? cell.getBoundingClientRect() : origin;
    let left = rect.left - origin.left;
    let top = rect.top - origin.top;
    const sheet = this.sheet;
    if (sheet) for (let c = lastColumn; c < column; c++) left += sheet.columnWidths[c - 1] ?? DEFAULT_COLUMN_WIDTH;
    top += (row - lastRow) * (cell ? rect.height : DEFAULT_ROW_HEIGHT);
    return { left, top };
  }

  focus(): void {
    this.cell(this.active)?.focus({ preventScroll: false });
  }

  private renderNotice(sheet: SheetView, truncated: boolean, rowLimit: number): void {
    const lines: string[] = [];
    if (sheet.hidden) lines.push('This tab is hidden: people using the spreadsheet do not see it in the tab bar.');
    if (truncated) lines.push(`Showing the first ${Math.min(rowLimit, sheet.rows.length)} of ${sheet.lastRow} rows.`);
    replaceChildren(this.notice, lines.join(' '));
    this.notice.hidden = lines.length === 0;
  }

  private onMouseDown(event: MouseEvent): void {
    if (this.editing && (event.target as HTMLElement) === this.editing.input) return;
    const header = this.rowHeaderOf(event.target);
    if (header !== null && !this.editing) {
      event.preventDefault();
      // A right-click inside the selected rows keeps them (the menu acts on all of them).
      if (event.button === 2 && this.wholeRows && this.rowSelected(header)) return;
      if (event.shiftKey && event.button === 0) this.extendTo({ row: header, column: this.active.column }, true);
      else this.selectRows(header, header, true);
      if (event.button === 0) this.dragging = 'rows';
      return;
    }
    const position = this.positionOf(event.target);
    if (!position) return;
    event.preventDefault();
    if (event.button === 2 && this.inSelection(position)) return;
    if (event.shiftKey && event.button === 0 && !this.editing) {
      this.extendTo(position, false);
      return;
    }
    this.select(position, true);
    if (event.button === 0 && !this.editing) this.dragging = 'cells';
  }

  private onMouseOver(event: MouseEvent): void {
    if (!this.dragging || this.editing || (event.buttons & 1) === 0) {
      this.dragging = null;
      return;
    }
    if (this.dragging === 'rows') {
      const header = this.rowHeaderOf(event.target) ?? this.positionOf(event.target)?.row ?? null;
      if (header !== null) this.extendTo({ row: header, column: this.active.column }, true);
      return;
    }
    const position = this.positionOf(event.target);
    if (position) this.extendTo(position, false);
  }

  private onContextMenu(event: MouseEvent): void {
    if (this.editing) return;
    const onHeader = this.rowHeaderOf(event.target) !== null;
    if (!onHeader && !this.positionOf(event.target)) return;
    event.preventDefault();
    // The Menu key opens the menu on keydown; the browser's own contextmenu event that follows is ignored.
    if (this.menu.isOpen) return;
    this.openRowMenu({ x: event.clientX, y: event.clientY });
  }

  /** The row menu for the selected rows, at `at` or beside the active cell. */
  private openRowMenu(at?: { x: number; y: number }): void {
    if (!this.sheet) return;
    const { first, count } = this.selectedRows();
    const last = first + count - 1;
    const rows = count === 1 ? '1 row' : `${count} rows`;
    const items: ContextMenuItem[] = [
      { label: `Insert ${rows} above`, action: () => this.callbacks.onInsertRows(first, count) },
      { label: `Insert ${rows} below`, action: () => this.callbacks.onInsertRows(last + 1, count) },
      'separator',
      { label: count === 1 ? `Delete row ${first}` : `Delete rows ${first} - ${last}`, action: () => this.callbacks.onDeleteRows(first, count) },
    ];
    const cell = this.cell(this.active);
    const box = cell?.getBoundingClientRect();
    const position = at ?? { x: (box?.left ?? 0) + 8, y: (box?.bottom ?? 0) + 2 };
    this.menu.open(count === 1 ? `Row ${first}` : `Rows ${first} - ${last}`, items, position, cell ?? null);
  }

  private onPaste(event: ClipboardEvent): void {
    if (this.editing || !this.sheet) return;
    const text = event.clipboardData?.getData('text/plain') ?? '';
    event.preventDefault();
    if (text === '') return;
    const block = this.selection();
    void this.callbacks.onPaste(block.row, block.column, text).then((written) => {
      if (written && this.sheet) this.selectBlock(written);
    });
  }

  private onCopy(event: ClipboardEvent): void {
    if (this.editing || !this.sheet || !event.clipboardData) return;
    const block = this.selection();
    const lastColumn = this.wholeRows ? Math.max(1, this.sheet.lastColumn) : block.column + block.numColumns - 1;
    const rows: string[][] = [];
    for (let r = block.row; r < block.row + block.numRows; r++) {
      const row: string[] = [];
      for (let c = block.column; c <= lastColumn; c++) row.push(this.valueAt({ row: r, column: c }));
      rows.push(row);
    }
    event.clipboardData.setData('text/plain', toTsv(rows));
    event.preventDefault();
  }

  private onDoubleClick(event: MouseEvent): void {
    const position = this.positionOf(event.target);
    if (!position || this.editing) return;
    this.select(position, true);
    this.startEditing(null);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.editing || !this.sheet) return;
    const modifier = event.ctrlKey || event.metaKey;
    if (isContextMenuKey(event)) {
      event.preventDefault();
      this.openRowMenu();
      return;
    }
    if (modifier && event.altKey && (event.code === 'Equal' || event.code === 'Minus')) {
      // Sheets: Ctrl+Alt+= inserts as many rows above as are selected, Ctrl+Alt+- deletes them.
      event.preventDefault();
      const { first, count } = this.selectedRows();
      if (event.code === 'Equal') this.callbacks.onInsertRows(first, count);
      else this.callbacks.onDeleteRows(first, count);
      return;
    }
    if (event.shiftKey && event.key === ' ' && !modifier && !event.altKey) {
      event.preventDefault();
      // Sheets: Shift+Space widens the selection to the whole rows it spans.
      this.extendTo(this.extent, true);
      return;
    }
    const block = this.selection();
    if (event.shiftKey && !event.altKey && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(event.key)) {
      event.preventDefault();
      const { row, column } = this.extent;
      const target =
        event.key === 'ArrowUp'
          ? { row: modifier ? 1 : row - 1, column }
          : event.key === 'ArrowDown'
            ? { row: modifier ? this.rowCount : row + 1, column }
            : event.key === 'ArrowLeft'
              ? { row, column: modifier ? 1 : column - 1 }
              : { row, column: modifier ? this.columnCount : column + 1 };
      // Left and right widen a whole-row selection into a block of cells.
      const rows = this.wholeRows && (event.key === 'ArrowUp' || event.key === 'ArrowDown');
      this.extendTo(target, rows);
      return;
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && (block.numRows > 1 || block.numColumns > 1)) {
      event.preventDefault();
      void this.callbacks.onClear(block);
      return;
    }
    if (event.key === 'Escape' && (block.numRows > 1 || block.numColumns > 1)) {
      event.preventDefault();
      this.select(this.active, true);
      return;
    }
    const { row, column } = this.active;
    const move = (r: number, c: number) => {
      event.preventDefault();
      this.select({ row: r, column: c }, true);
    };
    switch (event.key) {
      case 'ArrowUp':
        return move(modifier ? 1 : row - 1, column);
      case 'ArrowDown':
        return move(modifier ? this.rowCount : row + 1, column);
      case 'ArrowLeft':
        return move(row, modifier ? 1 : column - 1);
      case 'ArrowRight':
        return move(row, modifier ? this.columnCount : column + 1);
      case 'Home':
        return move(modifier ? 1 : row, 1);
      case 'End':
        return move(modifier ? Math.max(1, this.sheet.lastRow) : row, modifier ? Math.max(1, this.sheet.lastColumn) : this.columnCount);
      case 'PageUp':
        return move(row - PAGE_ROWS, column);
      case 'PageDown':
        return move(row + PAGE_ROWS, column);
      case 'Tab':
        if (event.shiftKey ? column === 1 : column === this.columnCount) return; // let focus leave the grid
        return move(row, column + (event.shiftKey ? -1 : 1));
      case 'Enter':
      case 'F2':
        event.preventDefault();
        return this.startEditing(null);
      case 'Delete':
      case 'Backspace':
        event.preventDefault();
        if (this.valueAt(this.active) || this.formulaAt(this.active)) void this.commit(this.active, '', null, true);
        return;
    }
    if (event.key.length === 1 && !modifier && !event.altKey) {
      // Typing on a cell replaces its content, as in Sheets.
      event.preventDefault();
      this.startEditing(event.key);
    }
  }
}
