import type { Emulator } from '../../../emulator';
import { OWNER } from '../../../bench/fixtures';
import { CONTRACT_SIZES, costOf, trackersAtContractSizes } from '../../support/cost';

/**
 * Check tracker's cost contract (issue 12): one batched read per tab (Lists, Partners,
 * Commission Rules, Leads) and one batched write per block of changed rows, so its calls and
 * round trips are the same at 200 and 2,000 leads — only the cells read grow with the tab. Rows
 * another tool appended (no edit event) are adopted with the same number of calls at both sizes.
 */
let trackers: Emulator[];
beforeAll(() => {
  trackers = trackersAtContractSizes();
});

const sheetOf = (emu: Emulator, name: string) => emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName(name) as GoogleAppsScript.Spreadsheet.Sheet;
const headerAt = (emu: Emulator, name: string, header: string) => sheetOf(emu, name).getRange(1, 1, 1, sheetOf(emu, name).getLastColumn()).getDisplayValues()[0].indexOf(header) + 1;

/** Two leads and a partner written by another tool below the last rows: no edit event. */
function appendTyped(emu: Emulator, tag: string): void {
  const leads = sheetOf(emu, 'Leads');
  const row = leads.getLastRow() + 1;
  if (row + 1 > leads.getMaxRows()) leads.insertRowsAfter(leads.getMaxRows(), 10);
  const width = headerAt(emu, 'Leads', 'Contact Email');
  const partnerId = String(sheetOf(emu, 'Partners').getRange(2, 1).getValue());
  const cells = (company: string) => {
    const out = new Array<string>(width).fill('');
    out[headerAt(emu, 'Leads', 'Partner ID') - 1] = partnerId;
    out[headerAt(emu, 'Leads', 'Company') - 1] = company;
    out[width - 1] = `ceo@${company.toLowerCase()}.example`;
    return out;
  };
  leads.getRange(row, 1, 2, width).setValues([cells(`Zenith${tag}`), cells(`Quasar${tag}`)]);
  const partners = sheetOf(emu, 'Partners');
  if (partners.getLastRow() + 1 > partners.getMaxRows()) partners.insertRowsAfter(partners.getMaxRows(), 10);
  partners.getRange(partners.getLastRow() + 1, 1, 1, 6).setValues([['', `Typed ${tag}`, `TYPED${tag}`, 'T', `t${tag}@typed.example`, 'Referral']]);
}

const check = (emu: Emulator) => emu.run('apiCheckTracker', [], { user: OWNER }) as { ok: boolean; data: { adopted: number; problems: number } };

test('Check tracker costs the same calls and round trips at both sizes, settled and adopting appended rows', () => {
  const settled = trackers.map((emu) => {
    check(emu); // the first run after the bench's setup may settle rows the bench wrote by hand
    const { result, cost } = costOf(emu, () => check(emu));
    expect(result.data.adopted).toBe(0);
    return cost;
  });
  expect({ calls: settled[1].calls, roundTrips: settled[1].roundTrips }).toEqual({ calls: settled[0].calls, roundTrips: settled[0].roundTrips });
  expect(settled[0].cellsWritten).toBe(settled[1].cellsWritten);

  const adopting = trackers.map((emu, i) => {
    appendTyped(emu, String(CONTRACT_SIZES[i]));
    const { result, cost } = costOf(emu, () => check(emu));
    expect(result).toMatchObject({ ok: true, data: { adopted: 3 } });
    return cost;
  });
  expect({ calls: adopting[1].calls, roundTrips: adopting[1].roundTrips }).toEqual({ calls: adopting[0].calls, roundTrips: adopting[0].roundTrips });
  // The same cells written at both sizes: the adopted rows (one block per tab), their audit rows, the state.
  expect(adopting[1].cellsWritten).toBe(adopting[0].cellsWritten);
  // Measured: 17 round trips settled, 41 adopting two leads and a partner (three audited writes, the match index built, the
  // partners read again once adopted). A ceiling, so growth is noticed. +3 since issue 14: the Tiers tab checked too (its
  // header, its rows; the partners' tiers are checked against the names from that same read).
  expect(settled[0].roundTrips).toBeLessThanOrEqual(20);
  expect(adopting[0].roundTrips).toBeLessThanOrEqual(46);
});
