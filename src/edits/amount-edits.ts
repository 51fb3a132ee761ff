import { AuditEntry } from '../domain/audit-chain';
import { checkMoneyValue } from '../domain/fields';
import { columnLetter } from '../tracker/a1';
import { CellValue, readText, textCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TabDef } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';

/**
 * Amounts people type or paste (a Deal Amount, a rule's cap) get the bounds
 * every other path has: a pasted phone number is not a deal of 493 billion.
 * A typed amount that fails is put back to what the cell held (a single cell:
 * Google gives its old value) or cleared (a paste: Google gives none); either
 * way the typed value and the reason are in the Audit Log and the toast.
 * Sealed amounts are the seals' business; computed ones are formulas.
 */
interface Block {
  row0: number;
  rows: number;
  col0: number;
  cols: number;
}

export function refuseBadAmounts(ctx: TrackerContext, def: TabDef, table: TrackerTable, block: Block, values: readonly CellValue[][], oldValue: unknown, audit: AuditEntry[]): string[] {
  const sealed = new Set(def.sealed?.fields ?? []);
  const single = block.rows === 1 && block.cols === 1;
  const refused: string[] = [];
  for (const col of def.columns) {
    if (col.type !== 'money' || col.computed || sealed.has(col.key) || !table.has(col.key)) continue;
    const at = table.column(col.key);
    if (at < block.col0 || at >= block.col0 + block.cols) continue;
    const c = at - block.col0;
    for (let r = 0; r < block.rows; r++) {
      const row = block.row0 + r;
      if (row < 2) continue;
      const typed = values[r]?.[c];
      const why = checkMoneyValue(col.header, typed);
      if (!why) continue;
      const before = single && oldValue !== undefined ? oldValue : '';
      const restored = typeof before === 'string' && before !== '' && Number.isNaN(Number(before)) ? textCell(before) : (before as CellValue);
      table.sheet.getRange(row, at).setValue(restored);
      const what = single ? `put back to ${readText(before) || 'blank'}` : 'cleared (Google does not say what a paste replaced)';
      refused.push(`${def.name} ${columnLetter(at)}${row}: ${why}; ${what}. What was typed is in the Audit Log.`);
      audit.push({
        at: ctx.now,
        user: ctx.actor,
        source: 'edit',
        tab: def.name,
        range: `${columnLetter(at)}${row}`,
        recordId: '',
        field: '(put back)',
        oldValue: readText(typed),
        newValue: `${readText(before)}: ${why}`,
      });
    }
  }
  return refused;
}
