import { appendAudit } from '../audit/audit-log';
import { AuditEntry } from '../domain/audit-chain';
import { putBack } from '../edits/sealed-edits';
import { CellValue, readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TABS } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';

/**
 * The hourly run's second look at sealed rows: a change the edit trigger never
 * saw (Google queues at most two edit events, and drops the rest) is put back
 * from the row's seal here, within the hour, and audited. Rows with no seal or
 * a broken one cannot be put back: they stay held (never approved, paid or
 * exported) and are counted. Runs inside the critical section.
 */
export interface RepairOutcome {
  putBack: string[];
  held: number;
}

const REASON = 'changed by hand without the tracker seeing it; put back by the hourly run';

export function putBackAlteredRows(ctx: TrackerContext): RepairOutcome {
  const outcome: RepairOutcome = { putBack: [], held: 0 };
  const audit: AuditEntry[] = [];
  for (const def of TABS.filter((t) => t.sealed?.copy)) {
    const table = TrackerTable.open(ctx.ss, def.key);
    const sealer = table.sealer();
    if (!sealer || table.rowCount() === 0) continue;
    const keys = table.sealKeys();
    const cols = table.readColumns(keys) as Record<string, CellValue[]>;
    for (let i = 0; i < table.rowCount(); i++) {
      const record = Object.fromEntries(keys.map((k) => [k, cols[k][i]]));
      const seal = sealer.verify(record);
      if (seal.state === 'sealed' && seal.confirmed && seal.altered.length) {
        putBack(ctx, table, i + 2, record, seal.confirmed, seal.altered, REASON, audit);
        outcome.putBack.push(`${def.name} row ${i + 2}`);
      } else if (seal.state !== 'sealed' && sealer.fields.some((f) => readText(record[f]) !== '')) {
        outcome.held++;
      }
    }
  }
  appendAudit(ctx, audit);
  return outcome;
}
