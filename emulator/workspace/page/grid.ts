import type { CellStyle, SheetView } from '../api-types';
import { columnToLetters as columnLetters, GridRect } from '../../spreadsheet/a1';
import { toTsv } from '../tsv';
import { ContextMenu, ContextMenuItem, isContextMenuKey } from './context-menu';
import { h, replaceChildren } from './dom';

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

interface Position {
  row: number;
  column: number;
}

interface Editing extends Position {
  input: HTMLInputElement;
  original: string;
}

const ROW_HEADER_WIDTH = 46;
/** Empty rows drawn under the data, to type new records into. */
const SPARE_ROWS = 30;
const MIN_ROWS = 50;
const PAGE_ROWS = 20;

export class SheetGrid {
  private readonly notice: HTMLElement;
  private readonly scroller: HTMLElement;
  private sheet: SheetView | null = null;
  private body: HTMLTableSectionElement | null = null;
  private rowCount = 0;
  private columnCount = 0;
  private active: Position = { row: 1, column: 1 };
  /** The other corner of the selected block (the active cell when one cell is selected). */
  private extent: Position = { row: 1, column: 1 };
  /** Whole rows are selected (every column, drawn or not). */
  private wholeRows = false;
  private painted: HTMLElement[] = [];
  private dragging: 'cells' | 'rows' | null = null;
  private editing: Editing | null = null;
  /** A redraw that arrived while the person was editing. */
  private deferred: (() => void) | null = null;
  private readonly remembered = new Map<string, { position: Position; scrollTop: number; scrollLeft: number }>();

  constructor(
    container: HTMLElement,
    private readonly callbacks: GridCallbacks,
    private readonly menu: ContextMenu,
  ) {
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

    const styleAt = new Map<string, CellStyle>();
    for (const [r, c, index] of sheet.styledCells) if (styles[index]) styleAt.set(`${r}:${c}`, styles[index]);
    const noteAt = new Map<string, string>();
    for (const [r, c, note] of sheet.notes) noteAt.set(`${r}:${c}`, note);

    const colgroup = h('colgroup', {}, widthColumn(ROW_HEADER_WIDTH));
    const headerRow = h('tr', {}, h('th', { class: 'corner', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Row')));
    for (let c = 1; c <= this.columnCount; c++) {
      const width = Math.max(2, Math.round(sheet.columnWidths[c - 1]));
      colgroup.appendChild(widthColumn(width));
      headerRow.appendChild(h('th', { class: 'col-header', scope: 'col', 'data-column': c }, columnLetters(c)));
    }
    const body = h('tbody');
    for (let r = 1; r <= this.rowCount; r++) {
      const tr = h('tr', { class: r <= sheet.frozenRows ? 'frozen-row' : null, 'aria-rowindex': r + 1 });
      tr.appendChild(h('th', { class: 'row-header', scope: 'row', 'data-row-header': r, title: 'Right-click (or Shift+F10) to insert or delete rows' }, String(r)));
      const values = sheet.rows[r - 1];
      const formulas = sheet.formulas[r - 1];
      for (let c = 1; c <= this.columnCount; c++) {
        const td = h('td', { tabindex: -1, 'data-row': r, 'data-column': c });
        const text = values?.[c - 1] ?? '';
        if (text) td.textContent = text;
        const formula = formulas?.[c - 1] ?? '';
        const note = noteAt.get(`${r}:${c}`);
        if (formula) td.classList.add('has-formula');
        if (note) td.classList.add('has-note');
        const title = [formula, note ? `Note: ${note}` : ''].filter(Boolean).join('\n');
        if (title) td.title = title;
        if (c <= sheet.frozenColumns) td.classList.add('frozen-column');
        applyStyle(td, styleAt.get(`${r}:${c}`));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    const table = h(
      'table',
      { class: 'grid', role: 'grid', 'aria-label': `${sheet.name} sheet`, 'aria-rowcount': sheet.maxRows + 1, 'aria-colcount': sheet.maxColumns + 1 },
      colgroup,
      h('thead', {}, headerRow),
      body,
    );
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
    this.pinFrozenPanes(table, sheet);
    this.extent = this.clamp(this.extent);
    this.select(this.clamp(this.active), hadFocus, true);
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

  /** Frozen rows and columns are sticky; their offsets depend on the rendered header size, so they are measured. */
  private pinFrozenPanes(table: HTMLTableElement, sheet: SheetView): void {
    const head = table.tHead as HTMLTableSectionElement;
    let top = head.getBoundingClientRect().height;
    for (let r = 1; r <= Math.min(sheet.frozenRows, this.rowCount); r++) {
      const tr = (this.body as HTMLTableSectionElement).rows[r - 1];
      for (const cell of Array.from(tr.cells)) cell.style.top = `${top}px`;
      if (r === sheet.frozenRows) tr.classList.add('freeze-line');
      top += tr.getBoundingClientRect().height;
    }
    if (sheet.frozenColumns > 0) {
      let left = ROW_HEADER_WIDTH;
      for (let c = 1; c <= Math.min(sheet.frozenColumns, this.columnCount); c++) {
        for (const tr of Array.from((this.body as HTMLTableSectionElement).rows)) {
          const cell = tr.cells[c];
          cell.style.left = `${left}px`;
          if (c === sheet.frozenColumns) cell.classList.add('freeze-line-column');
        }
        left += Math.max(2, Math.round(sheet.columnWidths[c - 1]));
      }
    }
  }

  private cell(position: Position): HTMLTableCellElement | null {
    return this.body?.rows[position.row - 1]?.cells[position.column] ?? null;
  }

  private clamp(position: Position): Position {
    return {
      row: Math.min(Math.max(1, position.row), Math.max(1, this.rowCount)),
      column: Math.min(Math.max(1, position.column), Math.max(1, this.columnCount)),
    };
  }

  /** Makes `position` the active cell; the block collapses to it unless `keepBlock`. */
  private select(position: Position, focus: boolean, keepBlock = false): void {
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
  private extendTo(position: Position, rows = this.wholeRows): void {
    this.extent = this.clamp(position);
    this.wholeRows = rows;
    this.paintSelection();
    this.cell(this.extent)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    this.cell(this.active)?.focus({ preventScroll: true });
    this.announceSelection();
  }

  /** Selects whole rows from `first` to `last` (a row number clicked), the active cell in column A. */
  private selectRows(first: number, last: number, focus: boolean): void {
    this.select({ row: first, column: 1 }, focus);
    this.extendTo({ row: last, column: 1 }, true);
  }

  private announceSelection(): void {
    const block = this.selection();
    const single = block.numRows === 1 && block.numColumns === 1;
    const start = `${columnLetters(block.column)}${block.row}`;
    const a1 = single ? start : this.wholeRows ? `${block.row}:${block.row + block.numRows - 1}` : `${start}:${columnLetters(block.column + block.numColumns - 1)}${block.row + block.numRows - 1}`;
    this.callbacks.onSelect({ a1, formula: this.formulaAt(this.active), value: this.valueAt(this.active) });
  }

  /** The block drawn tinted, its cells aria-selected; Sheets tints the column letters and row numbers it spans. */
  private paintSelection(): void {
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
  private selectedRows(): { first: number; count: number } {
    const block = this.selection();
    return { first: block.row, count: block.numRows };
  }

  private valueAt(position: Position): string {
    return this.sheet?.rows[position.row - 1]?.[position.column - 1] ?? '';
  }

  private formulaAt(position: Position): string {
    return this.sheet?.formulas[position.row - 1]?.[position.column - 1] ?? '';
  }

  private positionOf(target: EventTarget | null): Position | null {
    const td = (target as HTMLElement | null)?.closest?.('td[data-row]') as HTMLElement | null;
    if (!td) return null;
    return { row: Number(td.dataset.row), column: Number(td.dataset.column) };
  }

  private rowHeaderOf(target: EventTarget | null): number | null {
    const th = (target as HTMLElement | null)?.closest?.('th[data-row-header]') as HTMLElement | null;
    return th ? Number(th.dataset.rowHeader) : null;
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

  private rowSelected(row: number): boolean {
    const block = this.selection();
    return row >= block.row && row < block.row + block.numRows;
  }

  private inSelection(position: Position): boolean {
    const block = this.selection();
    return this.rowSelected(position.row) && position.column >= block.column && position.column < block.column + block.numColumns;
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

  /** Opens the in-cell editor: with `replacement` (typing) or the cell's formula/value (Enter, F2, double-click). */
  private startEditing(replacement: string | null): void {
    const cell = this.cell(this.active);
    if (!cell) return;
    const original = this.formulaAt(this.active) || this.valueAt(this.active);
    const a1 = `${columnLetters(this.active.column)}${this.active.row}`;
    const input = h('input', { class: 'cell-editor', type: 'text', 'aria-label': `Edit cell ${a1}`, spellcheck: 'false', autocomplete: 'off' });
    input.value = replacement ?? original;
    const minWidth = cell.getBoundingClientRect().width;
    const fit = () => {
      input.style.width = `${Math.max(minWidth, Math.min(600, (input.value.length + 2) * 8))}px`;
    };
    fit();
    input.addEventListener('input', fit);
    const editing: Editing = { ...this.active, input, original };
    this.editing = editing;
    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Escape') {
        event.preventDefault();
        this.cancelEditing();
      } else if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const next = event.key === 'Enter' ? { row: editing.row + (event.shiftKey ? -1 : 1), column: editing.column } : { row: editing.row, column: editing.column + (event.shiftKey ? -1 : 1) };
        void this.finishEditing(editing, next);
      }
    });
    input.addEventListener('blur', () => {
      if (this.editing === editing) void this.finishEditing(editing, null);
    });
    cell.appendChild(input);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  private cancelEditing(): void {
    const editing = this.editing;
    if (!editing) return;
    this.editing = null;
    editing.input.remove();
    this.select(editing, true);
    this.deferred?.();
  }

  private async finishEditing(editing: Editing, next: Position | null): Promise<void> {
    if (this.editing !== editing) return;
    this.editing = null;
    const value = editing.input.value;
    if (value === editing.original) {
      editing.input.remove();
      if (next) this.select(next, true);
      this.deferred?.();
      return;
    }
    editing.input.readOnly = true;
    editing.input.classList.add('pending');
    // Committed by leaving the cell (a click elsewhere): do not pull focus back afterwards.
    await this.commit(editing, value, next, next !== null);
  }

  private async commit(position: Position, value: string, next: Position | null, focusAfter: boolean): Promise<void> {
    const accepted = await this.callbacks.onCommit(position.row, position.column, value);
    // The page redraws the grid from the server's state meanwhile. Committed by clicking
    // elsewhere: the selection stays where the person clicked. Refused: back to the cell.
    if (accepted && next === null && !focusAfter) return;
    this.select(accepted && next ? next : position, focusAfter);
  }
}

/** Widths go through CSSOM: the page's CSP forbids style attributes. */
function widthColumn(width: number): HTMLTableColElement {
  const col = h('col');
  col.style.width = `${width}px`;
  return col;
}

function applyStyle(td: HTMLTableCellElement, style: CellStyle | undefined): void {
  if (!style) return;
  if (style.bold) td.style.fontWeight = '600';
  if (style.italic) td.style.fontStyle = 'italic';
  if (style.color) td.style.color = style.color;
  if (style.background) td.style.backgroundColor = style.background;
  if (style.align) td.style.textAlign = style.align;
  if (style.wrap) td.classList.add('wrap');
}
