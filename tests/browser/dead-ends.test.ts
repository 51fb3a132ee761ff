import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, waitForCellText, WorkspaceInChromium } from '../support/browser';
import {
  ANA,
  addTeamMember,
  expectNoHorizontalScroll,
  leadInput,
  navButton,
  ok,
  openAddonMenu,
  openSidebar,
  rows,
  savePartner,
  setUpTrackerInSidebar,
  winLead,
  writeCommissionRules,
} from '../support/sidebar';

/**
 * No dead ends, in Debian's Chromium through the local workspace: the clock in the top bar moves
 * time on and the daily work happens (a lead whose protection ended expires, in the grid); the
 * menu's "Run payouts now" opens the Payouts view to pick the period, see the preview and confirm;
 * a won deal's card shows its deal amount; a close date before the registration is refused beside
 * the field.
 */
let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('dead-ends-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

function clockButton(): Locator {
  return page.getByRole('button', { name: /^Emulated time: / });
}

function clockDialog(): Locator {
  return page.getByRole('dialog', { name: 'Emulated time' });
}

async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** The 1-based column of a header on a tab. */
function columnOf(tab: string, header: string): number {
  const sheet = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName(tab)!;
  return sheet.getRange(1, 1, 1, sheet.getLastColumn()).getDisplayValues()[0].indexOf(header) + 1;
}

/** Types a setting's value into the Settings tab as the owner (the edit trigger takes it in at once). */
function typeSetting(label: string, value: string): void {
  const sheet = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings')!;
  const row =
    sheet
      .getRange(1, 1, sheet.getLastRow(), 1)
      .getDisplayValues()
      .findIndex((r) => r[0] === label) + 1;
  expect(row).toBeGreaterThan(1);
  expect(workspace.emulator.editAsUser(`Settings!B${row}`, value).accepted).toBe(true);
}

describe('no dead ends, in Chromium', () => {
  test('the clock: +1 day fires the hourly runs of that day, and a lead whose protection ended expires, in the grid', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);
    savePartner(workspace, 'Acme Partners', 'ACME', 'pat@acme.example', 'Reseller');
    addTeamMember(workspace, ANA, 'Partner team', 'Ana');
    // Payouts later in the month, so the hourly runs below only do the daily work.
    typeSetting('Payout day', '28');
    typeSetting('Deal protection window (days)', '1');
    expect(ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput('P-000001', 'Initech')], ANA).lead.id).toBe('L-000001');
    const protectedUntil = rows(workspace, 'Leads')[0]['Protected Until'];
    expect(protectedUntil).toBe('2026-03-03');

    // The top bar shows the emulated time; its dialog moves it on.
    await page.reload();
    await clockButton().waitFor();
    expect(await clockButton().getAttribute('aria-label')).toMatch(/^Emulated time: Mon, 2 Mar 2026, \d\d:00 \(.+\)\. Change it$/);
    await clockButton().click();
    await clockDialog().waitFor();
    expect(await text(clockDialog().locator('.clock-now'))).toMatch(/^Now: Mon, 2 Mar 2026, \d\d:00 \(.+\), stopped$/);
    await clockDialog().getByRole('button', { name: '+1 day' }).click();
    await clockDialog()
      .getByText(/The time-driven trigger ran 24 times\./)
      .waitFor({ timeout: 60000 });
    // 3 March: still protected (its last day).
    expect(rows(workspace, 'Leads')[0].Status).toBe('New');
    await clockDialog().getByRole('button', { name: '+1 day' }).click();
    await clockDialog()
      .getByText(/^Now Wed, 4 Mar 2026, \d\d:00\. The time-driven trigger ran 24 times\.$/)
      .waitFor({ timeout: 60000 });
    expect(rows(workspace, 'Leads')[0].Status).toBe('Expired');
    expect(await clockButton().getAttribute('aria-label')).toMatch(/^Emulated time: Wed, 4 Mar 2026/);

    // Run time-driven trigger now: once, at the same time.
    await clockDialog().getByRole('button', { name: 'Run time-driven trigger now' }).click();
    await clockDialog()
      .getByText(/^Now Wed, 4 Mar 2026, \d\d:00\. The time-driven trigger ran once\.$/)
      .waitFor();
    await page.keyboard.press('Escape');
    await clockDialog().waitFor({ state: 'hidden' });

    // The grid shows what the run wrote.
    await page.getByRole('tab', { name: 'Leads' }).click();
    await waitForCellText(page, 2, columnOf('Leads', 'Status'), 'Expired');
  }, 180000);

  test('Run payouts now (menu) opens the Payouts view: the period is picked, the preview shown, nothing runs until confirmed; a line approved later is paid by a supplementary run', async () => {
    writeCommissionRules(workspace, [{ id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 0 }]);
    typeSetting('Deal protection window (days)', '90');
    for (const [company, amount] of [
      ['Hooli', '20000'],
      ['Umbrella', '5000'],
    ]) {
      const id = ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput('P-000001', company)], ANA).lead.id;
      winLead(workspace, id, amount, '2026-03-04');
    }
    // No holding period: payable at once, and one is approved the same day (the other only after March is run).
    expect(rows(workspace, 'Commissions').map((c) => c.Status)).toEqual(['Payable', 'Payable']);
    ok(workspace, 'apiApproveCommissions', [['C-000001']]);
    workspace.emulator.clock.set('2026-04-02T15:00:00Z');

    await openAddonMenu(page);
    await page.getByRole('menuitem', { name: 'Run payouts now' }).click();
    const view = sidebar.locator('.payouts-view');
    await view.getByRole('heading', { name: 'Preview — nothing has been written', level: 2 }).waitFor();
    expect(await navButton(sidebar, 'Payouts').getAttribute('aria-current')).toBe('page');
    const period = view.getByRole('combobox', { name: 'Period' });
    expect(await period.inputValue()).toBe('2026-03-01');
    await view.getByRole('list', { name: 'Payouts a run for March 2026 would make' }).locator('li.payout-row[data-partner="P-000001"]').waitFor();
    // Another period can be chosen first.
    await period.selectOption('2026-02-01');
    await view.getByText('Nothing to pay for February 2026.').waitFor();
    await period.selectOption('2026-03-01');
    const run = view.getByRole('button', { name: 'Run payouts for March 2026' });
    await run.click();
    const confirm = view.getByRole('group', { name: 'Confirm the payout run' });
    await confirm.waitFor();
    expect(await text(confirm)).toContain('Run payouts for March 2026? This writes 1 Draft payout ($2,000.00) to the Payouts tab');
    expect(rows(workspace, 'Payout Runs')).toEqual([]);
    await expectNoHorizontalScroll(page, { clipped: 'button, legend, label, h2' });
    await confirm.getByRole('button', { name: 'Yes, run payouts' }).click();
    await view.locator('.result .banner').waitFor();
    expect(rows(workspace, 'Payouts').map((p) => [p['Payout ID'], p['Period Start'], p.Net, p.Status])).toEqual([['PO-000001', '2026-03-01', '2,000.00', 'Draft']]);

    // A line approved after March was run is not left for April's run: the view offers a supplementary run.
    ok(workspace, 'apiApproveCommissions', [['C-000002']]);
    await view.getByRole('button', { name: 'Refresh' }).click();
    const late = view.getByRole('button', { name: 'Pay 1 late line now' });
    await late.waitFor();
    expect(await text(view.locator('.payout-run .banner.warn'))).toBe('1 line ($500.00) approved after March 2026 was run is payable in it.');
    await late.click();
    await confirm.waitFor();
    expect(await text(confirm)).toMatch(/^Run March 2026 again for the 1 line approved since it was paid out\? This writes Draft payouts for 1 partner \(\$500\.00\)/);
    await confirm.getByRole('button', { name: 'Yes, run again' }).click();
    await view.locator('.result .banner', { hasText: 'supplementary run' }).waitFor();
    expect(rows(workspace, 'Payouts').map((p) => [p['Payout ID'], p['Period Start'], p.Net])).toEqual([
      ['PO-000001', '2026-03-01', '2,000.00'],
      ['PO-000002', '2026-03-01', '500.00'],
    ]);
    expect(await late.count()).toBe(0);
    await expectNoHorizontalScroll(page, { clipped: 'button, legend, label, h2' });
  }, 120000);

  test('a won deal’s card shows its deal amount; a close date before the registration is refused beside the field', async () => {
    const id = ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput('P-000001', 'Globex')], ANA).lead.id;
    expect(id).toBe('L-000004');
    ok(workspace, 'apiMoveLead', [id, { to: 'Accepted' }]);
    ok(workspace, 'apiMoveLead', [id, { to: 'Qualified' }]);
    await navButton(sidebar, 'Leads').click();
    const item = (leadId: string) => sidebar.locator(`li.lead[data-id="${leadId}"]`);
    await sidebar.getByRole('combobox', { name: 'Status' }).selectOption('all');
    await item('L-000002').waitFor();
    expect(await text(item('L-000002').locator('button.lead-summary'))).toContain('Acme Partners · Won $20,000.00');

    await item(id).locator('button.lead-summary').click();
    await sidebar.getByRole('button', { name: `Move ${id} to Closed Won` }).click();
    const amount = item(id).getByRole('textbox', { name: /^Deal amount/ });
    await amount.fill('5,000');
    const closeDate = item(id).getByLabel('Close date');
    await closeDate.fill('2026-04-01');
    await sidebar.getByRole('button', { name: 'Move to Closed Won' }).click();
    const why = `Close date 2026-04-01 is before ${id} was registered (2026-04-02); a deal closes on or after its registration.`;
    await item(id).locator('.field-error', { hasText: why }).waitFor();
    expect(await closeDate.getAttribute('aria-invalid')).toBe('true');
    expect(rows(workspace, 'Leads').find((r) => r['Lead ID'] === id)?.Status).toBe('Qualified');

    await closeDate.fill('2026-04-02');
    await sidebar.getByRole('button', { name: 'Move to Closed Won' }).click();
    await item(id)
      .getByText(/^Moved to Closed Won\./)
      .waitFor();
    expect(await text(item(id).locator('button.lead-summary'))).toContain('Acme Partners · Won $5,000.00');
    await expectNoHorizontalScroll(page, { clipped: 'button, legend, label, h2' });
  }, 120000);

  test('no page errors, and the workspace saved after every change', () => {
    expect(pageErrors).toEqual([]);
    expect(workspace.session.lastSaveError).toBeNull();
  });
});
