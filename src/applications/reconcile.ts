import { readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TrackerTable } from '../tracker/table';
import { unhandledResponseRows } from '../partner-form/reconcile';
import { isApplicationResponsesTab } from './responses-tab';
import { ApplicationIntakeOutcome, handleApplicationSubmit } from './intake';

/**
 * Application responses nothing came of (the partner form's reasoning, partner-form/reconcile.ts:
 * a form run can die after Google wrote the row, and Google does not fire again). Every response
 * row of the application form's tabs without an Applications row is put through the intake once,
 * from each application form run, each hourly run and the owner's menu item. A response is known
 * by its tab and row; keys whose tab no longer exists (renamed) count for every such tab. Calls
 * do not grow with the rows: two column reads per tab, and one intake per missed response.
 */
export interface ApplicationReconcileOutcome {
  found: number;
  processed: Array<{ key: string; outcome: ApplicationIntakeOutcome['kind'] }>;
}

export function reconcileApplicationResponses(ctx: TrackerContext, limit = 20): ApplicationReconcileOutcome {
  const outcome: ApplicationReconcileOutcome = { found: 0, processed: [] };
  const tabs = ctx.ss.getSheets().filter((sheet) => isApplicationResponsesTab(sheet));
  if (tabs.length === 0) return outcome;
  const table = TrackerTable.tryOpen(ctx.ss, 'applications');
  if (!table) return outcome;
  const names = new Set(ctx.ss.getSheets().map((s) => s.getName()));
  const handled = table.rowCount()
    ? table
        .readColumns(['responseKey'] as const)
        .responseKey.map(readText)
        .filter(Boolean)
    : [];
  for (const missed of unhandledResponseRows(tabs, names, handled)) {
    outcome.found++;
    if (outcome.processed.length >= limit) continue;
    // The trigger's own event, rebuilt: a blank event's answers are read from the row itself.
    outcome.processed.push({ key: missed.key, outcome: handleApplicationSubmit(ctx, { namedValues: {}, range: missed.sheet.getRange(missed.row, 1, 1, missed.sheet.getLastColumn()) }).kind });
  }
  return outcome;
}
