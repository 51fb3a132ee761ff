import { readFileSync } from 'node:fs';
import { trackerWithLeads } from '../../../bench/leads.bench';
import { BUILD_DIR, CODE_JS, ensureBuilt } from '../../support/build';
import { costOf } from '../../support/cost';

/**
 * The Mail Queue is the ledger of every email the tracker has sent, so it grows for ever. A form
 * run claims, sends and checks the queue at the same cost whatever its length: it searches the
 * Status and Message ID columns (src/mail/ledger-entries.ts) instead of reading them.
 */
test('a partner form response costs the same with 3,000 sent emails in the Mail Queue as with none', () => {
  ensureBuilt();
  const emu = trackerWithLeads(BUILD_DIR, readFileSync(CODE_JS, 'utf8'), 200);
  const formId = emu.services.forms.list()[0].id;
  const submit = (n: number) =>
    costOf(emu, () =>
      emu.submitForm(
        formId,
        {
          'Partner code': 'CODE3',
          Company: ['Aardvark Analytics', 'Quixotic Zephyr Foods', 'Marmalade Orbital'][n],
          'Company website': `mail-contract-${n}.example`,
          'Contact email': `it@mail-contract-${n}.example`,
        },
        { account: 'p3@partner3.example' },
      ),
    );
  submit(0);
  const before = submit(1).cost;

  const queue = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Mail Queue') as GoogleAppsScript.Spreadsheet.Sheet;
  const header = queue.getRange(1, 1, 1, queue.getLastColumn()).getValues()[0] as string[];
  const at = (title: string) => header.indexOf(title);
  expect(at('Status')).toBeGreaterThanOrEqual(0);
  expect(at('Message ID')).toBeGreaterThanOrEqual(0);
  const sent = Array.from({ length: 3000 }, (_, i) =>
    header.map((_h, c) => (c === at('Status') ? 'Sent' : c === at('Message ID') ? `confirm:L-9${String(i).padStart(5, '0')}` : c === at('To') ? 'someone@example.com' : '')),
  );
  queue.insertRowsAfter(queue.getMaxRows(), 3000);
  queue.getRange(queue.getLastRow() + 1, 1, sent.length, header.length).setValues(sent);

  const after = submit(2);
  expect(after.result.accepted).toBe(true);
  expect({ roundTrips: after.cost.roundTrips, cellsRead: after.cost.cellsRead }).toEqual({ roundTrips: before.roundTrips, cellsRead: before.cellsRead });
});
