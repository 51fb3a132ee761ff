import type { Emulator } from '../../../emulator';
import { ANA } from '../../../bench/fixtures';
import { CONTRACT_SIZES, Cost, costOf, trackersAtContractSizes } from '../../support/cost';

/**
 * The sidebar's Form Inbox costs the same calls whatever the size of the Leads tab: at 200 and at
 * 2,000 leads, re-processing a response (the form's registration: a cached match index and
 * TextFinder lookups) and dismissing one cost exactly the same; listing the inbox makes the same
 * calls (it reads the Leads tab's response keys in one batch, to show leads an interrupted
 * re-process made, so only its cells grow).
 */
let trackers: Emulator[];
beforeAll(() => {
  trackers = trackersAtContractSizes();
  for (const emu of trackers) {
    // The match index built once, as after any registration.
    const warm = emu.run('apiRegisterLead', [{ partnerId: 'P-000001', company: 'Aardvark Analytics', website: 'aardvark-contract.example', contactEmail: 'cfo@aardvark-contract.example' }], {
      user: ANA,
    });
    expect(warm).toMatchObject({ ok: true });
    const inbox = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Form Inbox')!;
    const answers = (company: string) => JSON.stringify({ 'Partner code': ['CODE1X'], Company: [company], 'Contact email': [`it@${company.split(' ')[0].toLowerCase()}-contract.example`] });
    inbox.getRange(2, 1, 2, 7).setValues([
      ['2026-03-01 09:00:00', 'CODE1X', 'Partner code "CODE1X" is not known.', answers('Quixotic Zephyr Foods'), 'Rejected', '', 'Form Responses 1!2'],
      ['2026-03-01 09:05:00', 'CODE1X', 'Partner code "CODE1X" is not known.', answers('Marmalade Orbital'), 'Rejected', '', 'Form Responses 1!3'],
    ]);
  }
});

interface Item {
  row: number;
  responseKey: string;
  receivedAt: string;
  answers: Record<string, string>;
}

function list(emu: Emulator): { items: Item[]; cost: Cost } {
  const { result, cost } = costOf(emu, () => emu.run('apiListInbox', [], { user: ANA }) as { ok: boolean; data: { items: Item[] } });
  expect(result.ok).toBe(true);
  return { items: result.data.items, cost };
}

const ref = (item: Item) => ({ row: item.row, responseKey: item.responseKey, receivedAt: item.receivedAt });

test(`listing, re-processing and dismissing cost the same calls at ${CONTRACT_SIZES.join(' and ')} leads`, () => {
  const listed = trackers.map((emu) => list(emu));
  expect(listed[1].cost.calls).toBe(listed[0].cost.calls);
  expect(listed[1].cost.roundTrips).toBe(listed[0].cost.roundTrips);

  const reprocessed = trackers.map((emu, i) => {
    const item = listed[i].items.find((x) => x.row === 2)!;
    const { result, cost } = costOf(emu, () => emu.run('apiReprocessInboxResponse', [ref(item), { ...item.answers, partnerCode: 'CODE1' }], { user: ANA }));
    expect(result).toMatchObject({ ok: true, data: { outcome: 'lead', status: 'New' } });
    return cost;
  });
  expect(reprocessed[1]).toEqual(reprocessed[0]);

  const dismissed = trackers.map((emu, i) => {
    const item = listed[i].items.find((x) => x.row === 3)!;
    const { result, cost } = costOf(emu, () => emu.run('apiDismissInboxResponse', [ref(item), 'A test response'], { user: ANA }));
    expect(result).toMatchObject({ ok: true });
    return cost;
  });
  expect(dismissed[1]).toEqual(dismissed[0]);
});
