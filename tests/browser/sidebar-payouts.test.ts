import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { choosePerson, openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import {
  ANA,
  activeElement,
  addTeamMember,
  expectNoHorizontalScroll,
  fireHourlyTrigger,
  leadInput,
  navButton,
  ok,
  openSidebar,
  rows,
  savePartner,
  setUpTrackerInSidebar,
  sidebarFrame,
  waitForAnnouncement,
  winLead,
  writeCommissionRules,
} from '../support/sidebar';

/**
 * The sidebar's Payouts view in Debian's Chromium, through the local
 * workspace: real approved commissions made by the real build (rules, Closed
 * Won, the holding period, the hourly trigger, approval by the owner), then the
 * previous month previewed (nothing written), run, approved, marked paid (with
 * the server refusing a Draft) and exported, in the 300 px sidebar.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
let serverCalls: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-payouts-');
  ({ workspace, page, sidebar, pageErrors, serverCalls } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-02-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

function view(): Locator {
  return sidebar.locator('.payouts-view');
}

/** The preview's list of payouts (not its carried-forward list). */
function previewList(): Locator {
  return view().getByRole('list', { name: 'Payouts a run for March 2026 would make' });
}

function previewRow(partnerId: string): Locator {
  return previewList().locator(`li.payout-row[data-partner="${partnerId}"]`);
}

function payoutRow(payoutId: string): Locator {
  return view().locator(`.payout-run li.payout-row[data-id="${payoutId}"]`);
}

function resultBanner(): Locator {
  return view().locator('.result .banner');
}

async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function noHorizontalScroll(): Promise<void> {
  await expectNoHorizontalScroll(page, { clipped: 'button, legend, label, h2' });
}

function payout(id: string): Record<string, string> {
  const row = rows(workspace, 'Payouts').find((r) => r['Payout ID'] === id);
  if (!row) throw new Error(`${id} is not on the Payouts tab`);
  return row;
}

/** A deal Ana registers and the owner wins on 2 February 2026. */
function wonLead(partnerId: string, company: string, amount: string): string {
  const id = ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput(partnerId, company)], ANA).lead.id;
  winLead(workspace, id, amount, '2026-02-02');
  return id;
}

describe('sidebar: the Payouts view in Chromium', () => {
  test('set up in the sidebar; eight views fit the 300 px navigation; Payouts previews the previous month, with nothing to pay yet', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);

    // Two rows of four, every label whole; reading order is Tab order.
    const nav = sidebar.getByRole('navigation', { name: 'Sidebar views' });
    expect(await nav.getByRole('button').allInnerTexts()).toEqual(['Home', 'Register', 'Leads', 'Partners', 'Approvals', 'Payouts', 'Team', 'Inbox']);
    const boxes = await nav.getByRole('button').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), left: Math.round(r.left) })));
    expect(new Set(boxes.map((b) => b.top)).size).toBe(2);
    expect(boxes.slice(0, 4).every((b) => b.top === boxes[0].top)).toBe(true);
    expect(boxes[4].top).toBeGreaterThan(boxes[3].top);
    expect(boxes[4].left).toBe(boxes[0].left);
    await expectNoHorizontalScroll(page, { clipped: '.nav-item' });

    await navButton(sidebar, 'Payouts').click();
    expect(await navButton(sidebar, 'Payouts').getAttribute('aria-current')).toBe('page');
    await sidebar.getByRole('heading', { name: 'Payouts', level: 1 }).waitFor();
    await view().getByRole('heading', { name: 'Preview — nothing has been written', level: 2 }).waitFor();
    expect(await view().getByRole('combobox', { name: 'Period' }).inputValue()).toBe('2026-01-01');
    expect(await text(view().getByRole('combobox', { name: 'Period' }).locator('option:checked'))).toBe('January 2026 (previous period)');
    expect(await text(view().locator('.count'))).toBe('January 2026: 2026-01-01 to 2026-01-31');
    await view().getByText('Nothing to pay for January 2026.').waitFor();
    // Nothing to run.
    expect(
      await view()
        .getByRole('button', { name: /^Run payouts/ })
        .count(),
    ).toBe(0);
    expect(serverCalls.filter((c) => c.includes('Payouts'))).toEqual(['apiGetPayouts', 'apiPreviewPayouts']);
    await noHorizontalScroll();
  });

  test('approved commissions payable in March: the preview for March shows each partner, the total, who carries forward and why, and what is still pending — and writes nothing', async () => {
    savePartner(workspace, 'Acme Partners', 'ACME', 'pat@acme-partners.example', 'Reseller');
    savePartner(workspace, 'Globex Referrals', 'GLOBEX', 'gail@globex.example', 'Referral');
    savePartner(workspace, 'Contoso Affiliates', 'CONTOSO', 'cara@contoso.example', 'Affiliate');
    // One rule, in the Commission Rules tab's column order: 10% for anyone, payable after 30 days.
    writeCommissionRules(workspace, [{ id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 30 }]);

    // Deals Ana (a Partner team member) registered, won on 2 February: payable from 4 March.
    addTeamMember(workspace, ANA, 'Partner team', 'Ana');
    expect(wonLead('P-000001', 'Initech', '12,500.50')).toBe('L-000001');
    expect(wonLead('P-000001', 'Hooli', '8000')).toBe('L-000002');
    expect(wonLead('P-000002', 'Umbrella', '4000')).toBe('L-000003');
    expect(wonLead('P-000003', 'Vandelay', '500')).toBe('L-000004');
    expect(wonLead('P-000001', 'Soylent', '5000')).toBe('L-000005');
    expect(rows(workspace, 'Commissions').map((c) => [c['Commission ID'], c['Lead ID'], c.Amount, c.Status, c['Payable On']])).toEqual([
      ['C-000001', 'L-000001', '1,250.05', 'Pending', '2026-03-04'],
      ['C-000002', 'L-000002', '800.00', 'Pending', '2026-03-04'],
      ['C-000003', 'L-000003', '400.00', 'Pending', '2026-03-04'],
      ['C-000004', 'L-000004', '50.00', 'Pending', '2026-03-04'],
      ['C-000005', 'L-000005', '500.00', 'Pending', '2026-03-04'],
    ]);

    // 5 March: the daily trigger makes them Payable; the owner approves all but Soylent's.
    workspace.emulator.clock.set('2026-03-05T12:00:00Z');
    fireHourlyTrigger(workspace);
    expect(rows(workspace, 'Commissions').map((c) => c.Status)).toEqual(['Payable', 'Payable', 'Payable', 'Payable', 'Payable']);
    expect(ok(workspace, 'apiApproveCommissions', [['C-000001', 'C-000002', 'C-000003', 'C-000004']])).toEqual({ changed: ['C-000001', 'C-000002', 'C-000003', 'C-000004'], refused: [] });
    expect(rows(workspace, 'Payouts')).toEqual([]);

    // 2 April: March is the previous period (no trigger has fired since, so it has not been run).
    // Nobody picked a period, so Refresh follows the default from January to March.
    workspace.emulator.clock.set('2026-04-02T12:00:00Z');
    const marchRunsBefore = rows(workspace, 'Payout Runs').filter((r) => r['Period Start'] === '2026-03-01');
    expect(marchRunsBefore).toEqual([]);
    const callsBefore = serverCalls.length;
    await view().getByRole('button', { name: 'Refresh' }).click();
    await previewRow('P-000001').waitFor();
    expect(serverCalls.slice(callsBefore).filter((c) => c.includes('Payouts'))).toEqual(['apiGetPayouts', 'apiPreviewPayouts']);

    const picker = view().getByRole('combobox', { name: 'Period' });
    expect(await picker.inputValue()).toBe('2026-03-01');
    expect(await text(picker.locator('option:checked'))).toBe('March 2026 (previous period)');
    expect(await picker.locator('option').count()).toBeGreaterThan(1);
    expect(await text(view().locator('.count'))).toBe('March 2026: 2026-03-01 to 2026-03-31');

    const preview = view().getByRole('region', { name: 'Preview — nothing has been written' });
    expect(await preview.isVisible()).toBe(true);
    expect(
      await previewList()
        .locator('li')
        .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.partner)),
    ).toEqual(['P-000001', 'P-000002']);
    expect(await text(previewRow('P-000001'))).toBe('Acme Partners $2,050.05 Gross $2,050.05 · Clawbacks $0.00 · 2 lines');
    expect(await text(previewRow('P-000002'))).toBe('Globex Referrals $400.00 Gross $400.00 · Clawbacks $0.00 · 1 line');
    expect(await text(preview.locator('.payout-total'))).toBe('Total to pay: $2,450.05 to 2 partners');

    // Contoso's $50.00 is below the minimum payout (100 by default): carried forward, with the server's reason, in the preview.
    const carried = preview.getByRole('region', { name: 'Carried forward' });
    expect(await carried.getByRole('heading', { level: 3 }).innerText()).toBe('Carried forward');
    const contoso = carried.locator('li[data-partner="P-000003"]');
    expect(await text(contoso.locator('.line-top'))).toBe('Contoso Affiliates $50.00');
    expect(await text(contoso.locator('.lead-meta'))).toMatch(/minimum/i);

    // Soylent's line is still waiting for approval.
    expect(await text(preview.locator('.pending-note'))).toBe(
      '1 commission line ($500.00) is waiting for approval. It is not in this period’s payouts. ' +
        'Approved after the run, a line payable by the period’s end is paid by running the period again (a supplementary run), or joins the next period’s run. Open Approvals',
    );
    await view().getByRole('button', { name: 'Run payouts for March 2026' }).waitFor();
    mkdirSync(screenshots, { recursive: true });
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-payouts-preview.png') });

    // Nothing written: no payouts, no run, no commission stamped.
    expect(rows(workspace, 'Payouts')).toEqual([]);
    expect(rows(workspace, 'Payout Runs').filter((r) => r['Period Start'] === '2026-03-01')).toEqual([]);
    expect(rows(workspace, 'Commissions').map((c) => [c.Status, c['Payout ID']])).toEqual([
      ['Approved', ''],
      ['Approved', ''],
      ['Approved', ''],
      ['Approved', ''],
      ['Payable', ''],
    ]);
    await noHorizontalScroll();
  });

  test('Run payouts asks first (inline; Escape cancels), then writes one Draft payout per partner and lists them', async () => {
    const run = view().getByRole('button', { name: 'Run payouts for March 2026' });
    const confirm = view().getByRole('group', { name: 'Confirm the payout run' });
    const before = serverCalls.length;
    await run.click();
    expect(await run.getAttribute('aria-expanded')).toBe('true');
    expect(await text(confirm.locator('p'))).toBe(
      'Run payouts for March 2026? This writes 2 Draft payouts ($2,450.05) to the Payouts tab, carries 1 partner forward and emails the managers a summary. Nothing is paid until a payout is approved and marked paid.',
    );
    // Focus on the confirming button, which is described by that text.
    expect(await activeElement(page)).toBe('button:Yes, run payouts');
    await page.keyboard.press('Escape');
    expect(await confirm.isVisible()).toBe(false);
    expect(await run.getAttribute('aria-expanded')).toBe('false');
    expect(await activeElement(page)).toBe('button:Run payouts for March 2026');
    expect(serverCalls.length).toBe(before);
    expect(rows(workspace, 'Payouts')).toEqual([]);

    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Yes, run payouts' }).click();
    await resultBanner().getByText('Payout run finished').waitFor();
    expect(await resultBanner().evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await text(resultBanner())).toContain('2 Draft payouts written; 1 partner carried forward.');
    expect(serverCalls.slice(before)).toEqual(['apiRunPayouts']);

    // Written: one Draft payout per partner at or above the minimum; their lines stamped.
    const written = rows(workspace, 'Payouts');
    expect(written.map((p) => [p['Partner ID'], p['Period Start'], p['Period End'], p.Gross, p.Clawbacks, p.Net, p.Lines, p.Status])).toEqual([
      ['P-000001', '2026-03-01', '2026-03-31', '2,050.05', '0.00', '2,050.05', '2', 'Draft'],
      ['P-000002', '2026-03-01', '2026-03-31', '400.00', '0.00', '400.00', '1', 'Draft'],
    ]);
    const [acme, globex] = written.map((p) => p['Payout ID']);
    expect([acme, globex]).toEqual(['PO-000001', 'PO-000002']);
    expect(rows(workspace, 'Commissions').map((c) => c['Payout ID'])).toEqual([acme, acme, globex, '', '']);

    // Listed with status chips; the preview has gone.
    const list = view().getByRole('region', { name: 'Payouts for March 2026' });
    await list.waitFor();
    expect(await view().locator('.payout-preview').isVisible()).toBe(false);
    expect(await text(list.locator('.payout-total'))).toBe('2 payouts · $2,450.05 in all · 2 Draft');
    expect(await text(payoutRow(acme))).toBe('Acme Partners $2,050.05 Gross $2,050.05 · Clawbacks $0.00 · 2 lines PO-000001 Draft');
    expect(await payoutRow(acme).locator('.chip').getAttribute('class')).toBe('chip s-draft');
    await sidebar.getByRole('checkbox', { name: 'Acme Partners $2,050.05 Gross $2,050.05 · Clawbacks $0.00 · 2 lines PO-000001 Draft' }).waitFor();
    expect(await text(view().locator('.selection'))).toBe('Selected: none');
    expect(
      await view()
        .getByRole('button', { name: /^Run payouts/ })
        .isVisible(),
    ).toBe(false);
    // Contoso still carries forward, under the run's payouts now.
    const carried = view().locator('.payout-run').getByRole('region', { name: 'Carried forward' });
    expect(await carried.getByRole('heading', { level: 2 }).innerText()).toBe('Carried forward');
    expect(await text(carried.locator('li[data-partner="P-000003"] .line-top'))).toBe('Contoso Affiliates $50.00');
    await noHorizontalScroll();
  });

  test('Approve selected: Acme’s Draft payout becomes Approved; the list refreshes', async () => {
    await payoutRow('PO-000001').getByRole('checkbox').check();
    expect(await text(view().locator('.selection'))).toBe('Selected: 1 payout, $2,050.05');
    expect(
      await view()
        .getByRole('checkbox', { name: 'Select all payouts not yet paid' })
        .evaluate((el) => (el as HTMLInputElement).indeterminate),
    ).toBe(true);
    await view().getByRole('button', { name: 'Approve selected' }).click();
    await resultBanner().getByText('Approved 1 payout, $2,050.05.').waitFor();
    expect(await resultBanner().getAttribute('class')).toBe('banner ok');
    await waitForAnnouncement(page, 'Approved 1 payout, $2,050.05.');
    await payoutRow('PO-000001').locator('.chip.s-approved').waitFor();
    expect(await text(view().locator('.payout-run .payout-total'))).toBe('2 payouts · $2,450.05 in all · 1 Draft, 1 Approved');
    expect(await payoutRow('PO-000001').getByRole('checkbox').isChecked()).toBe(false);
    expect(payout('PO-000001')).toMatchObject({ Status: 'Approved', 'Approved By': workspace.emulator.ctx.options.ownerEmail });
    expect(payout('PO-000002').Status).toBe('Draft');
  });

  test('Mark selected paid… needs a payment reference (checked here), then pays the Approved payout; the server refuses the Draft one with its reason', async () => {
    await view().getByRole('checkbox', { name: 'Select all payouts not yet paid' }).check();
    expect(await text(view().locator('.selection'))).toBe('Selected: 2 payouts, $2,450.05');
    const toggle = view().getByRole('button', { name: 'Mark selected paid…' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const reference = view().getByRole('textbox', { name: 'Payment reference' });
    const paidOn = view().getByLabel('Paid on');
    expect(await reference.evaluate((el) => el === document.activeElement)).toBe(true);
    // Paid on defaults to today in the spreadsheet's time zone.
    await sidebarFrame(page).waitForFunction(() => (document.querySelector('.pay-form input[type="date"]') as HTMLInputElement | null)?.value === '2026-04-02');

    // Client-side checks: a blank reference and a date in the future never reach the server.
    const before = serverCalls.length;
    await paidOn.fill('2026-04-10');
    await view().getByRole('button', { name: 'Mark 2 payouts paid' }).click();
    const errors = view().locator('.pay-form .field-error:not([hidden])');
    await errors.first().waitFor();
    expect(await errors.allInnerTexts()).toEqual([expect.stringContaining('Payment reference is required'), expect.stringContaining('Paid on cannot be in the future (today is 2026-04-02).')]);
    expect(await reference.getAttribute('aria-invalid')).toBe('true');
    expect(await reference.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(serverCalls.slice(before).filter((c) => c !== 'apiGetRegistrationOptions')).toEqual([]);

    await reference.fill('WIRE-2026-04-0001');
    await paidOn.fill('2026-04-02');
    await view().getByRole('button', { name: 'Mark 2 payouts paid' }).click();
    const result = resultBanner();
    await result.getByText('Marked paid 1 payout, $2,050.05.').waitFor();
    // The refused form was never sent: the first call after it is this one.
    expect(serverCalls.slice(before).filter((c) => c !== 'apiGetRegistrationOptions')[0]).toBe('apiMarkPayoutsPaid');
    expect(await result.getAttribute('class')).toBe('banner warn');
    expect(await result.getByText('1 payout was refused:').isVisible()).toBe(true);
    expect(await result.locator('li').allInnerTexts()).toEqual(['PO-000002 is Draft; only Approved payouts can be marked paid.']);
    await waitForAnnouncement(page, 'Marked paid 1 payout, $2,050.05. 1 payout refused.');

    // Refreshed: Acme is Paid (no checkbox: nothing left to do) with its date and reference; Globex keeps the refusal beside it.
    await payoutRow('PO-000001').locator('.chip.s-paid').waitFor();
    expect(await text(payoutRow('PO-000001'))).toBe('Acme Partners $2,050.05 Gross $2,050.05 · Clawbacks $0.00 · 2 lines PO-000001 Paid Paid on 2026-04-02 Reference WIRE-2026-04-0001');
    expect(await payoutRow('PO-000001').getByRole('checkbox').count()).toBe(0);
    expect(await text(payoutRow('PO-000002').locator('.line-note'))).toBe('Refused: PO-000002 is Draft; only Approved payouts can be marked paid.');
    expect(await payoutRow('PO-000002').getByRole('checkbox').isChecked()).toBe(true);
    expect(await text(view().locator('.selection'))).toBe('Selected: 1 payout, $400.00');
    expect(await view().locator('.pay-form').isVisible()).toBe(false);

    expect(payout('PO-000001')).toMatchObject({ Status: 'Paid', 'Payment Reference': 'WIRE-2026-04-0001' });
    expect(payout('PO-000001')['Paid At (UTC)']).toMatch(/^2026-04-02/);
    expect(payout('PO-000002')).toMatchObject({ Status: 'Draft', 'Payment Reference': '' });
    expect(rows(workspace, 'Commissions').map((c) => c.Status)).toEqual(['Paid', 'Paid', 'Approved', 'Approved', 'Payable']);
    await noHorizontalScroll();
  });

  test('Export approved payouts (CSV): refused while none is Approved; after approving Globex, the file name and a link that opens in a new tab', async () => {
    const exportButton = view().getByRole('button', { name: 'Export approved payouts (CSV)' });
    await exportButton.click();
    const exportNote = view().locator('.export-result .banner');
    await exportNote.waitFor();
    expect(await exportNote.getAttribute('role')).toBe('alert');
    expect(await text(exportNote)).toBe('There are no Approved payouts for March 2026 to export. Approve the Draft payouts first.');

    await view().getByRole('button', { name: 'Approve selected' }).click();
    await resultBanner().getByText('Approved 1 payout, $400.00.').waitFor();
    await payoutRow('PO-000002').locator('.chip.s-approved').waitFor();

    await exportButton.click();
    await exportNote.getByText('Exported 1 approved payout').waitFor();
    expect(await exportNote.getAttribute('class')).toBe('banner ok');
    expect(await exportNote.evaluate((el) => el === document.activeElement)).toBe(true);
    const fileName = await text(exportNote.locator('.file-name'));
    expect(fileName).toMatch(/payouts 2026-03-01 to 2026-03-31\.csv$/);
    const link = exportNote.getByRole('link', { name: 'Open the CSV file (opens in a new tab)' });
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/drive\.google\.com\/file\/d\//);
    const files = workspace.emulator.services.drive.list().filter((f) => f.name === fileName);
    expect(files).toHaveLength(1);
    expect(files[0].content).toContain('PO-000002');
    expect(files[0].content).not.toContain('PO-000001');

    mkdirSync(screenshots, { recursive: true });
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, 0));
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-payouts.png') });
    await noHorizontalScroll();
  });

  test('the period picker loads another period; a run period with no payouts says so', async () => {
    const picker = view().getByRole('combobox', { name: 'Period' });
    // The trigger on 5 March ran February on schedule, before anything was approved.
    expect(rows(workspace, 'Payout Runs').map((r) => [r['Period Start'], r.Status, r.Payouts])).toEqual([
      ['2026-02-01', 'Complete', '0'],
      ['2026-03-01', 'Complete', '2'],
    ]);
    await picker.selectOption('2026-02-01');
    await view().getByText('The run for February 2026 made no payouts.').waitFor();
    expect(await view().locator('.payout-preview').isVisible()).toBe(false);
    expect(await view().getByRole('button', { name: 'Export approved payouts (CSV)' }).isVisible()).toBe(false);
    await picker.selectOption('2026-01-01');
    await view().getByText('Nothing to pay for January 2026.').waitFor();
    expect(await text(view().locator('.count'))).toBe('January 2026: 2026-01-01 to 2026-01-31');
    await picker.selectOption('2026-03-01');
    await payoutRow('PO-000002').waitFor();
    expect(await text(view().locator('.payout-run .payout-total'))).toBe('2 payouts · $2,450.05 in all · 1 Approved, 1 Paid');
  });

  test('finance (chosen under "You are:") sees Approve disabled with the reason, while Mark paid and Export stay enabled', async () => {
    const finance = 'teammate@example.com';
    const owner = workspace.emulator.ctx.options.ownerEmail;
    addTeamMember(workspace, finance, 'Finance', 'Tess');
    await choosePerson(page, 'Teammate');
    await navButton(sidebar, 'Payouts').click();
    await payoutRow('PO-000002').waitFor();
    const approve = view().getByRole('button', { name: 'Approve selected' });
    const pay = view().getByRole('button', { name: 'Mark selected paid…' });
    expect(await approve.isDisabled()).toBe(true);
    const describedBy = (await approve.getAttribute('aria-describedby'))!.split(' ');
    const texts = await Promise.all(describedBy.map((id) => sidebar.locator(`[id="${id}"]`).innerText()));
    expect(texts.join(' ')).toBe(`Approving payouts needs the Manager role. You (${finance}) have the Finance role. The owner (${owner}) or a manager can add it on the Team tab.`);
    expect(await pay.isEnabled()).toBe(true);
    expect(await view().getByRole('button', { name: 'Export approved payouts (CSV)' }).isEnabled()).toBe(true);
    expect(await view().getByRole('button', { name: 'Payout files for PayPal, Wise and bank' }).isEnabled()).toBe(true);
    expect(await view().getByRole('button', { name: 'Import result file' }).isEnabled()).toBe(true);
    await noHorizontalScroll();

    // The owner again: everything is theirs.
    await choosePerson(page, 'Owner');
    await navButton(sidebar, 'Payouts').click();
    await payoutRow('PO-000002').waitFor();
    expect(await view().locator('.why-not .banner').count()).toBe(0);
    expect(await approve.isEnabled()).toBe(true);
  });

  test("payout files: Globex is paid by Wise, so its Approved payout goes in Wise's batch file; Wise's statement read back marks it Paid and lists what it could not match", async () => {
    ok(workspace, 'apiSavePartner', [
      { id: 'P-000002', name: 'Globex Referrals', code: 'GLOBEX', contactEmail: 'gail@globex.example', type: 'Referral', payoutMethod: 'Wise', payoutAccount: 'pay@globex.example' },
    ]);
    await view().getByRole('button', { name: 'Payout files for PayPal, Wise and bank' }).click();
    const note = view().locator('.export-result .banner');
    await note.getByText('1 file with 1 payout').waitFor();
    const link = note.getByRole('link', { name: 'Payouts 2026-03 Wise.csv (opens in a new tab)' });
    expect(await link.getAttribute('target')).toBe('_blank');
    const file = workspace.emulator.services.drive.list().find((f) => f.name === 'Payouts 2026-03 Wise.csv');
    expect(file?.content.split('\r\n')[1]).toBe('Globex Referrals,pay@globex.example,PO-000002,INSTITUTION,target,400.00,USD,USD');

    const statement = [
      'TransferWise ID,Date,Amount,Currency,Description,Payment Reference',
      'TRANSFER-9,02-04-2026,-400.00,USD,Sent money to Globex,PO-000002',
      'TRANSFER-10,02-04-2026,-5.00,USD,Sent money,PO-999999',
    ].join('\r\n');
    await view()
      .getByLabel("Provider's result file (PayPal payouts report or Wise statement, CSV)")
      .setInputFiles({ name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(statement) });
    await view().getByRole('button', { name: 'Import result file' }).click();
    await note.getByText('Wise: 1 payout marked paid').waitFor();
    expect(await note.locator('.unmatched li').allInnerTexts()).toEqual(['Line 3: PO-999999 is not on the Payouts tab']);
    await waitForAnnouncement(page, '1 payout marked paid; 1 row not matched.');
    await payoutRow('PO-000002').locator('.chip.s-paid').waitFor();
    expect(payout('PO-000002')).toMatchObject({ Status: 'Paid', 'Payment Reference': 'TRANSFER-9' });
    await noHorizontalScroll();
  });

  test('no page errors, and the workspace saved after every change', () => {
    expect(pageErrors).toEqual([]);
    expect(workspace.session.lastSaveError).toBeNull();
  });
});
