import { ColumnKey, TABS, TabKey, TableKey, column } from '../../src/tracker/schema';
import { TrackerTable } from '../../src/tracker/table';

/*
 * Column keys are typed from the schema: `tsc -p tsconfig.json` (npm test's first step) fails if a
 * misspelt key below compiles, because each `@ts-expect-error` then has no error to expect.
 */

/** Compile-time only: never called. */
function misspeltKeysDoNotCompile(leads: TrackerTable<'leads'>, anyTab: TrackerTable): void {
  // @ts-expect-error 'partnerID' is not a Leads column ('partnerId' is)
  leads.readColumns(['id', 'partnerID']);
  // @ts-expect-error 'stauts' is not a Leads column
  leads.column('stauts');
  // @ts-expect-error 'net' is a Payouts column, not a Leads one
  leads.writeCells(2, { net: 5 });
  // @ts-expect-error rows read from Leads have no 'amount' field
  void leads.readRows(2, 3)[0].amount;
  // @ts-expect-error 'periodStart' is not a Leads column
  column('leads', 'periodStart');
  // A table whose tab is known only at run time (on-edit, audit) takes any key.
  anyTab.column('anything');
  // A table of one tab is still a table.
  const widened: TrackerTable = leads;
  void widened;
}
void misspeltKeysDoNotCompile;

const leadKeys: Array<ColumnKey<'leads'>> = ['id', 'partnerId', 'status', 'check'];
const anyTabKey: TableKey<TabKey> = 'whatever';

describe('column keys typed from the schema', () => {
  it('name real columns of their tab', () => {
    const leads = TABS.find((t) => t.key === 'leads')!;
    expect(leadKeys.every((k) => leads.columns.some((c) => c.key === k))).toBe(true);
    expect(column('leads', 'partnerId').header).toBe('Partner ID');
    expect(typeof anyTabKey).toBe('string');
  });
});
