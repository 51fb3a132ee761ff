import { columnToLetters as columnLetters } from '../../spreadsheet/a1';
import { h } from './dom';
import { GridSelection, Position } from './grid-selection';

interface Editing extends Position {
  input: HTMLInputElement;
  original: string;
}

/**
 * The workspace grid's in-cell editor (grid.ts opens it): typing, Enter, F2 or a double-click
 * opens it on the active cell; Enter or Tab commits and moves on, Escape cancels, leaving the
 * cell commits. A redraw that arrives meanwhile waits until the person is done.
 */
export class GridCellEditor extends GridSelection {
  protected editing: Editing | null = null;
  /** A redraw that arrived while the person was editing. */
  protected deferred: (() => void) | null = null;

  /** Opens the in-cell editor: with `replacement` (typing) or the cell's formula/value (Enter, F2, double-click). */
  protected startEditing(replacement: string | null): void {
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

  protected cancelEditing(): void {
    const editing = this.editing;
    if (!editing) return;
    this.editing = null;
    editing.input.remove();
    this.select(editing, true);
    this.deferred?.();
  }

  protected async finishEditing(editing: Editing, next: Position | null): Promise<void> {
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

  protected async commit(position: Position, value: string, next: Position | null, focusAfter: boolean): Promise<void> {
    const accepted = await this.callbacks.onCommit(position.row, position.column, value);
    // The page redraws the grid from the server's state meanwhile. Committed by clicking
    // elsewhere: the selection stays where the person clicked. Refused: back to the cell.
    if (accepted && next === null && !focusAfter) return;
    this.select(accepted && next ? next : position, focusAfter);
  }
}
