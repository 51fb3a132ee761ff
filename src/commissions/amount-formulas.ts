import { amountFormula } from '../domain/commissions';
import { CommissionLine } from '../domain/commissions/types';
import { readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { formulaRefs } from './commission-store';

/** A commission's Amount is a live formula over its row: put back when a person overwrites or clears it. */

/** The fallback when a row's note was lost: the plain percentage formula over the row. */
const UNCAPPED_PERCENTAGE: CommissionLine = { kind: 'Base', ruleId: '', dealAmountCents: 0, rate: 0, flatCents: null, capCents: null, amountCents: 0, payableOn: '' };

/** Restores the Amount formulas of these sheet rows from their notes (or the plain formula). Returns restored rows. */
export function restoreAmountFormulas(ctx: TrackerContext, firstRow: number, lastRow: number): number[] {
  const table = TrackerTable.open(ctx.ss, 'commissions');
  const last = Math.min(lastRow, table.lastRow());
  if (last < firstRow) return [];
  const col = table.column('amount');
  const range = table.sheet.getRange(firstRow, col, last - firstRow + 1, 1);
  const formulas = range.getFormulas();
  const notes = range.getNotes();
  const ids = table.sheet.getRange(firstRow, table.column('id'), last - firstRow + 1, 1).getValues();
  const restored: number[] = [];
  const next = formulas.map((f, i) => {
    const row = firstRow + i;
    if (!readText(ids[i][0])) return [f[0]];
    const refs = formulaRefs(table, row);
    const expected = validAmountFormula(notes[i][0], refs) ?? amountFormula(UNCAPPED_PERCENTAGE, refs);
    if (f[0] === expected) return [f[0]];
    restored.push(row);
    return [expected];
  });
  if (restored.length) range.setFormulas(next);
  return restored;
}

/**
 * The note's formula if it is one the tracker could have written for this row:
 * only this row's Deal Amount and Rate cells, numbers and ROUND/MIN/MAX (a person can edit notes).
 */
function validAmountFormula(note: string, refs: { dealAmount: string; rate: string }): string | null {
  const formula = note.trim();
  if (!/^=[-A-Z0-9(),.*/+]+$/.test(formula)) return null;
  const names = formula.slice(1).match(/[A-Z]+\d*/g) ?? [];
  const allowed = new Set(['ROUND', 'MIN', 'MAX', refs.dealAmount, refs.rate]);
  return names.every((n) => allowed.has(n)) ? formula : null;
}
