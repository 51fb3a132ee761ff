import { wholeColumn } from './a1';
import { TabKey, tab } from './schema';

/** Where each tracker column sits in its sheet: tab → column key → 1-based column. */
export type ColumnPositions = ReadonlyMap<TabKey, ReadonlyMap<string, number>>;

export interface Metric {
  label: string;
  formula: string;
  format: string;
}

/**
 * The Dashboard's metrics as live formulas over whole columns, so they follow
 * the data without any script running. Column letters come from the sheets'
 * actual header rows (an upgraded tracker may have columns in another order);
 * sheet names from `names` where a tab's sheet is not (yet) named as the tab.
 */
export function dashboardMetrics(positions: ColumnPositions, names: ReadonlyMap<TabKey, string> = new Map()): Metric[] {
  const col = (tabKey: TabKey, key: string): string => {
    const position = positions.get(tabKey)?.get(key);
    if (!position) throw new Error(`Dashboard needs ${tab(tabKey).name} column "${key}"`);
    return wholeColumn(names.get(tabKey) ?? tab(tabKey).name, position);
  };
  const leadStatus = col('leads', 'status');
  const countLeads = (status: string) => `COUNTIF(${leadStatus},"${status}")`;
  const sumLeads = (status: string, key: string) => `SUMIF(${leadStatus},"${status}",${col('leads', key)})`;
  const sumCommissions = (status: string) => `SUMIF(${col('commissions', 'status')},"${status}",${col('commissions', 'amount')})`;
  const open = ['New', 'Accepted', 'Qualified'];
  const COUNT = '0';
  const MONEY = '#,##0.00';
  return [
    { label: 'Active partners', formula: `=COUNTIF(${col('partners', 'status')},"Active")`, format: COUNT },
    { label: 'Leads registered', formula: `=MAX(0,COUNTA(${col('leads', 'id')})-1)`, format: COUNT },
    { label: 'Open leads', formula: `=${open.map(countLeads).join('+')}`, format: COUNT },
    { label: 'Open pipeline value', formula: `=${open.map((s) => sumLeads(s, 'estimatedValue')).join('+')}`, format: MONEY },
    { label: 'Conflicts flagged', formula: `=${countLeads('Conflict')}`, format: COUNT },
    { label: 'Deals won', formula: `=${countLeads('Closed Won')}`, format: COUNT },
    { label: 'Won revenue', formula: `=${sumLeads('Closed Won', 'dealAmount')}`, format: MONEY },
    {
      label: 'Win rate (won / closed)',
      formula: `=IFERROR(${countLeads('Closed Won')}/(${countLeads('Closed Won')}+${countLeads('Closed Lost')}),0)`,
      format: '0.0%',
    },
    { label: 'Commissions pending', formula: `=${sumCommissions('Pending')}`, format: MONEY },
    { label: 'Commissions payable', formula: `=${sumCommissions('Payable')}`, format: MONEY },
    { label: 'Commissions approved', formula: `=${sumCommissions('Approved')}`, format: MONEY },
    { label: 'Commissions paid', formula: `=${sumCommissions('Paid')}`, format: MONEY },
    { label: 'Payouts awaiting approval', formula: `=SUMIF(${col('payouts', 'status')},"Draft",${col('payouts', 'net')})`, format: MONEY },
  ];
}
