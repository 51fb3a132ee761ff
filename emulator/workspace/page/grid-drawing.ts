import type { CellStyle, SheetView } from '../api-types';
import { columnToLetters as columnLetters } from '../../spreadsheet/a1';
import { h } from './dom';

/** How the workspace's grid (grid.ts) draws one tab: the table of cells, its headers and frozen panes. */

export const ROW_HEADER_WIDTH = 46;

/** The table for `rowCount` rows and `columnCount` columns of `sheet`: column letters, row numbers, values, formulas and notes in tooltips, styles. */
export function drawSheetTable(sheet: SheetView, styles: CellStyle[], rowCount: number, columnCount: number): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const styleAt = new Map<string, CellStyle>();
  for (const [r, c, index] of sheet.styledCells) if (styles[index]) styleAt.set(`${r}:${c}`, styles[index]);
  const noteAt = new Map<string, string>();
  for (const [r, c, note] of sheet.notes) noteAt.set(`${r}:${c}`, note);

  const colgroup = h('colgroup', {}, widthColumn(ROW_HEADER_WIDTH));
  let tableWidth = ROW_HEADER_WIDTH;
  const headerRow = h('tr', {}, h('th', { class: 'corner', scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Row')));
  for (let c = 1; c <= columnCount; c++) {
    const width = Math.max(2, Math.round(sheet.columnWidths[c - 1]));
    colgroup.appendChild(widthColumn(width));
    tableWidth += width;
    headerRow.appendChild(h('th', { class: 'col-header', scope: 'col', 'data-column': c }, columnLetters(c)));
  }
  const body = h('tbody');
  for (let r = 1; r <= rowCount; r++) {
    const tr = h('tr', { class: r <= sheet.frozenRows ? 'frozen-row' : null, 'aria-rowindex': r + 1 });
    tr.appendChild(h('th', { class: 'row-header', scope: 'row', 'data-row-header': r, title: 'Right-click (or Shift+F10) to insert or delete rows' }, String(r)));
    const values = sheet.rows[r - 1];
    const formulas = sheet.formulas[r - 1];
    for (let c = 1; c <= columnCount; c++) {
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
  // The columns' own widths, whatever the text: a long unwrapped value is cut at its cell's edge, never widens its column
  // (a width from the content let one long line on the Dashboard stretch column A across the page).
  table.style.width = `${tableWidth}px`;
  return { table, body };
}

/** Frozen rows and columns are sticky; their offsets depend on the rendered header size, so they are measured. */
export function pinFrozenPanes(table: HTMLTableElement, body: HTMLTableSectionElement, sheet: SheetView, rowCount: number, columnCount: number): void {
  const head = table.tHead as HTMLTableSectionElement;
  let top = head.getBoundingClientRect().height;
  for (let r = 1; r <= Math.min(sheet.frozenRows, rowCount); r++) {
    const tr = body.rows[r - 1];
    for (const cell of Array.from(tr.cells)) cell.style.top = `${top}px`;
    if (r === sheet.frozenRows) tr.classList.add('freeze-line');
    top += tr.getBoundingClientRect().height;
  }
  if (sheet.frozenColumns > 0) {
    let left = ROW_HEADER_WIDTH;
    for (let c = 1; c <= Math.min(sheet.frozenColumns, columnCount); c++) {
      for (const tr of Array.from(body.rows)) {
        const cell = tr.cells[c];
        cell.style.left = `${left}px`;
        if (c === sheet.frozenColumns) cell.classList.add('freeze-line-column');
      }
      left += Math.max(2, Math.round(sheet.columnWidths[c - 1]));
    }
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
