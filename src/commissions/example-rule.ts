import { dateCell, readText, textCell, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { TrackerTable } from '../tracker/table';

/**
 * The inactive example rule setup writes on a tracker without rules, so a new team sees a
 * filled-in row beside the column notes. Written once per tracker: the document property
 * records it (or that the tracker already had rules), so a team that deletes the example never
 * sees it again and an upgraded tracker with rules of its own never gets one.
 */
export const EXAMPLE_RULE_PROPERTY = 'tracker.exampleRule';
export const EXAMPLE_RULE_NAME = 'Example — 10% on every won deal, 12% above 50,000 a quarter (inactive)';

const EXAMPLE_NOTES =
  'An example to copy or edit: Active is No, so it pays nothing. Blank Partner Tier, Partner Type and Product mean any. ' +
  'Set Active to Yes to use it, or build a rule in the sidebar (Payouts › Commission rules).';

/** Writes the example when the tracker never had one and has no rules; returns what it did, for setup's report, or null. */
export function ensureExampleRule(ctx: TrackerContext, properties: GoogleAppsScript.Properties.Properties): string | null {
  if (properties.getProperty(EXAMPLE_RULE_PROPERTY) !== null) return null;
  const table = TrackerTable.open(ctx.ss, 'rules');
  const cols = table.readColumns(['id', 'name'] as const);
  const hasRules = cols.id.some((id, i) => readText(id) !== '' || readText(cols.name[i]) !== '');
  if (hasRules) {
    properties.setProperty(EXAMPLE_RULE_PROPERTY, 'not written: the tracker had rules');
    return null;
  }
  const ids = new IdAllocator('R-', [], ctx.properties);
  const id = ids.take();
  const row = table.append([
    {
      id,
      name: textCell(EXAMPLE_RULE_NAME),
      ruleType: 'Base',
      partnerTier: '',
      partnerType: '',
      product: '',
      kind: 'Percentage',
      rate: 0.1,
      flatAmount: '',
      acceleratorThreshold: 50000,
      acceleratorRate: 0.12,
      capPerDeal: 5000,
      holdingDays: 30,
      effectiveFrom: dateCell(todayIn(ctx.timeZone, ctx.now)),
      effectiveTo: '',
      notes: textCell(EXAMPLE_NOTES),
      ...(table.has('active') ? { active: 'No' } : {}),
    },
  ]);
  ids.commit();
  properties.setProperty(EXAMPLE_RULE_PROPERTY, id);
  return `Commission Rules: wrote an inactive example rule, ${id} on row ${row} ("${EXAMPLE_RULE_NAME}"); set Active to Yes to use it, or delete it.`;
}
