import { WAITING, rowState } from '../domain/inbound';
import { reference } from '../tracker/reference';
import { inboundCellsOf } from './inbound-row';
import { TrackerTable } from '../tracker/table';

/**
 * A row typed or pasted into the Inbound tab (the edit trigger fires for people, never for
 * Zapier or Make): it is left for the owner's hourly run, which takes every row the same way,
 * and its Result says so at once ("Waiting for the hourly run"). So is a Result typed over by
 * hand on a row the tracker has not applied. One read of the edited rows, one write of their
 * Result cells. Returns the toast's line, or null when nothing waits.
 */
export function markInboundWaiting(table: TrackerTable<'inbound'>, block: { row0: number; rows: number }): string | null {
  const first = Math.max(2, block.row0);
  const last = Math.min(block.row0 + block.rows - 1, table.lastRow());
  if (last < first || !table.has('result')) return null;
  const records = table.readRows(first, last);
  let waiting = 0;
  const timeZone = reference(table.ss).timeZone();
  const column = records.map((rec) => {
    const { input, output } = inboundCellsOf(rec, timeZone);
    if (rowState(input, output) !== 'pending') return [rec.result];
    waiting++;
    return [WAITING];
  });
  if (waiting === 0) return null;
  table.sheet.getRange(first, table.column('result'), column.length, 1).setValues(column);
  return `Inbound: ${waiting} row${waiting > 1 ? 's wait' : ' waits'} for the hourly run (within the hour), which adopts ${waiting > 1 ? 'them' : 'it'} like a typed row or says why not in Problems.`;
}
