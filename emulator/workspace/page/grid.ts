import type { CellStyle, SheetView } from '../api-types';
import { columnToLetters as columnLetters } from '../../spreadsheet/a1';
import { h, replaceChildren } from './dom';

/**
 * One tab drawn as Sheets draws it: column letters and row numbers, frozen rows
 * and columns that stay put while scrolling, model column widths, formatted
 * display values (a formula's value, with the formula in its tooltip and the
 * formula bar). A person moves with the keyboard or mouse and edits like in
 * Sheets: Enter, F2, double-click or just typing opens the editor; Enter or Tab
 * commits, Escape cancels, Delete clears.
 */
export interface GridCallbacks {
  /** The active cell changed (for the formula bar). */
  onSelect(cell: { a1: string; formula: string; value: string }): void;
  /** The person committed text into a cell; resolves true when Sheets accepted it. */
  onCommit(row: number, column: number, value: string): Promise<boolean>;
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
  private editing: Editing | null = null;
  /** A redraw that arrived while the person was editing. */
  private deferred: (() => void) | null = null;
  private readonly remembered = new Map<string, { position: Position; scrollTop: number; scrollLeft: number }>();

  constructor(container: HTMLElement, private readonly callbacks: GridCallbacks) {
    this.notice = h('div', { class: 'grid-notice', role: 'note', hidden: true });
    this.scroller = h('div', { class: 'grid-scroller' });
    replaceChildren(container, this.notice, this.scroller);
    this.scroller.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.scroller.addEventListener('mousedown', (event) => this.onMouseDown(event));
    this.scroller.addEventListener('dblclick', (event) => this.onDoubleClick(event));
  }

  get sheetName(): string | null {
    return this.sheet?.name ?? null;
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
      tr.appendChild(h('th', { class: 'row-header', scope: 'row' }, String(r)));
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
    if (remembered) {
      this.active = remembered.position;
      this.scroller.scrollTop = remembered.scrollTop;
      this.scroller.scrollLeft = remembered.scrollLeft;
    } else if (!sameSheet) {
      this.active = { row: 1, column: 1 };
      this.scroller.scrollTop = 0;
      this.scroller.scrollLeft = 0;
    }
    this.pinFrozenPanes(table, sheet);
    this.select(this.clamp(this.active), hadFocus);
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

  private select(position: Position, focus: boolean): void {
    const previous = this.cell(this.active);
    if (previous) {
      previous.tabIndex = -1;
      previous.removeAttribute('aria-selected');
      previous.classList.remove('active');
    }
    this.highlightHeaders(this.active, false);
    this.active = this.clamp(position);
    const cell = this.cell(this.active);
    if (!cell || !this.sheet) return;
    cell.tabIndex = 0;
    cell.setAttribute('aria-selected', 'true');
    cell.classList.add('active');
    this.highlightHeaders(this.active, true);
    if (focus) cell.focus();
    const a1 = `${columnLetters(this.active.column)}${this.active.row}`;
    this.callbacks.onSelect({ a1, formula: this.formulaAt(this.active), value: this.valueAt(this.active) });
  }

  /** Sheets tints the active cell's column letter and row number. */
  private highlightHeaders(position: Position, on: boolean): void {
    const columnHeader = this.body?.parentElement?.querySelector(`thead th[data-column="${position.column}"]`);
    const rowHeader = this.body?.rows[position.row - 1]?.cells[0];
    columnHeader?.classList.toggle('active-header', on);
    rowHeader?.classList.toggle('active-header', on);
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

  private onMouseDown(event: MouseEvent): void {
    if (this.editing && (event.target as HTMLElement) === this.editing.input) return;
    const position = this.positionOf(event.target);
    if (!position) return;
    event.preventDefault();
    this.select(position, true);
  }

  private onDoubleClick(event: MouseEvent): void {
    const position = this.positionOf(event.target);
    if (!position || this.editing) return;
    this.select(position, true);
    this.startEditing(null);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.editing || !this.sheet) return;
    const { row, column } = this.active;
    const move = (r: number, c: number) => {
      event.preventDefault();
      this.select({ row: r, column: c }, true);
    };
    const modifier = event.ctrlKey || event.metaKey;
    switch (event.key) {
      case 'ArrowUp': return move(modifier ? 1 : row - 1, column);
      case 'ArrowDown': return move(modifier ? this.rowCount : row + 1, column);
      case 'ArrowLeft': return move(row, modifier ? 1 : column - 1);
      case 'ArrowRight': return move(row, modifier ? this.columnCount : column + 1);
      case 'Home': return move(modifier ? 1 : row, 1);
      case 'End': return move(modifier ? Math.max(1, this.sheet.lastRow) : row, modifier ? Math.max(1, this.sheet.lastColumn) : this.columnCount);
      case 'PageUp': return move(row - PAGE_ROWS, column);
      case 'PageDown': return move(row + PAGE_ROWS, column);
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
