import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { choosePerson, gridCell, openWorkspaceInChromium, pasteWithKeyboard, personSelect, toast, waitForCellText, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import { openAddonMenu, openSidebar } from '../support/sidebar';

/**
 * The team in the local workspace, in Debian's Chromium, with the real build: the
 * person switcher ("You are:"), and what the chosen person does through the page —
 * typing on a protected tab, pasting a block, inserting and deleting rows, renaming
 * a tab, the add-on's edit trigger putting a change back (its toast) — and the
 * sidebar, which is reopened as the new person or closed for an anonymous editor.
 */
const shots = path.join(ROOT, 'tmp', 'screenshots');
const PROTECTED = 'You are trying to edit a protected cell or object.';

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
let serverCalls: string[];

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('workspace-team-browser-');
  ({ workspace, page, sidebar, pageErrors, serverCalls } = chromiumWorkspace);
  mkdirSync(shots, { recursive: true });
}, 240000);

afterAll(() => chromiumWorkspace?.close());

function tab(name: string) {
  return page.locator(`#tabs [data-sheet="${name}"]`);
}

function rowsOf(name: string): string[][] {
  const sheet = workspace.emulator.workbookView(20).sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no tab ${name}`);
  return sheet.rows;
}

function column(sheetName: string, header: string): number {
  const at = rowsOf(sheetName)[0].indexOf(header) + 1;
  if (at < 1) throw new Error(`no column ${header} in ${sheetName}`);
  return at;
}

async function problem(text: string): Promise<void> {
  const dialog = page.getByRole('alertdialog', { name: 'There was a problem' });
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain(text);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function typeInto(row: number, col: number, text: string): Promise<void> {
  await gridCell(page, row, col).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('the team in the local workspace', () => {
  test('"You are:" lists the owner and the team with their account kinds; the owner sets up the tracker', async () => {
    await page.goto(workspace.url);
    await page.getByRole('heading', { name: 'Partner Programme' }).waitFor();
    const select = personSelect(page);
    expect(await select.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await select.locator('option').allInnerTexts()).toEqual([
      'Owner <owner@example.com> · Workspace',
      'Manager <manager@example.com> · Workspace',
      'Teammate <teammate@example.com> · Workspace',
      'Casey <casey.editor@gmail.com> · personal Google account',
      'Anyone with the link · anonymous link editor',
    ]);
    expect(await select.inputValue()).toBe('owner@example.com');
    expect(await page.locator('#person-hint').innerText()).toBe("The add-on's triggers see your email.");

    await openAddonMenu(page);
    await page.getByRole('menuitem', { name: 'Set up tracker' }).click();
    const setup = page.getByRole('dialog', { name: 'Partnership Tracker setup' });
    await setup.getByRole('button', { name: 'OK' }).click();
    await tab('Audit Log').waitFor();
  });

  test('the choice is applied: the Audit Log refuses the teammate and accepts the owner', async () => {
    await choosePerson(page, 'Teammate');
    expect(workspace.session.person).toBe('teammate@example.com');
    await tab('Audit Log').click();
    await typeInto(40, 1, 'teammate was here');
    await problem(PROTECTED);
    expect(rowsOf('Audit Log')[39]?.[0] ?? '').toBe('');
    // A paste there is refused the same way, and nothing of it is written.
    await gridCell(page, 40, 1).click();
    await pasteWithKeyboard(page, 'a\tb\nc\td');
    await problem(PROTECTED);
    expect(rowsOf('Audit Log')[39]?.[0] ?? '').toBe('');

    // Keyboard: the list is a focusable native select.
    await personSelect(page).focus();
    await choosePerson(page, 'Owner');
    await typeInto(40, 1, 'owner was here');
    await waitForCellText(page, 40, 1, 'owner was here');
    expect(workspace.emulator.workbookView(40).sheets.find((s) => s.name === 'Audit Log')?.rows[39][0]).toBe('owner was here');
  });

  test("the add-on puts back a teammate's illegal move and a personal-account manager's pasted Approved, each with its toast; Google refuses the teammate's paste", async () => {
    // Seeded through the add-on itself, as the owner: roles, two partners, a rule, two approved deals, last month's payouts.
    // On 2 March, with payouts due on the 28th, so the hourly run below does not run February before the approvals.
    workspace.emulator.clock.set('2026-03-02T15:00:00Z');
    const settings = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings')!;
    const labels = settings
      .getRange(1, 1, settings.getLastRow(), 1)
      .getDisplayValues()
      .map((r) => r[0]);
    settings.getRange(labels.indexOf('Payout day') + 1, 2).setValue('28');
    const run = (name: string, args: unknown[], user?: string) => {
      const reply = workspace.emulator.run(name, args, user ? { user } : {}) as { ok: boolean; error?: { message: string } };
      if (!reply.ok) throw new Error(`${name}: ${reply.error?.message}`);
      return reply;
    };
    run('apiAddTeamMember', [{ email: 'teammate@example.com', role: 'Partner team' }]);
    run('apiAddTeamMember', [{ email: 'manager@example.com', role: 'Manager' }]);
    run('apiAddTeamMember', [{ email: 'casey.editor@gmail.com', role: 'Manager' }]);
    run('apiSavePartner', [{ name: 'Acme', code: 'ACME', contactEmail: 'pat@acme.example', type: 'Reseller' }]);
    run('apiSavePartner', [{ name: 'Globex', code: 'GLOBEX', contactEmail: 'gail@globex.example', type: 'Reseller' }]);
    const rules = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Commission Rules')!;
    // Over setup's inactive example rule: its remaining cells (Effective From, Notes, Active = No) cleared first.
    rules.getRange(2, 1, 1, rules.getLastColumn()).clearContent();
    rules.getRange(2, 1, 1, 13).setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
    const now = workspace.emulator.clock.now();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10)).toISOString().slice(0, 10);
    // The deals are registered last month too: a deal cannot close before its registration.
    const realTime = workspace.emulator.clock.save();
    workspace.emulator.clock.set(`${lastMonth}T15:00:00Z`);
    for (const [partnerId, company] of [
      ['P-000001', 'Initech'],
      ['P-000002', 'Hooli'],
    ]) {
      const reg = run('apiRegisterLead', [{ partnerId, company, contactEmail: `ceo@${company.toLowerCase()}.example` }], 'teammate@example.com') as unknown as { data: { lead: { id: string } } };
      for (const move of [{ to: 'Accepted' }, { to: 'Qualified' }, { to: 'Closed Won', dealAmount: '20000', closedOn: lastMonth }])
        run('apiMoveLead', [reg.data.lead.id, move], 'teammate@example.com');
    }
    workspace.emulator.clock.load(realTime);
    // The owner's hourly run writes the lines of the deals the teammate won (only it may write commission amounts).
    const [hourly] = workspace.emulator.services.triggers.list({ eventType: 'CLOCK' });
    expect(workspace.emulator.fireTimeTrigger(hourly.uid).every((r) => r.ok)).toBe(true);
    run('apiApproveCommissions', [['C-000001', 'C-000002']], 'manager@example.com');
    run('apiRunPayouts', [], 'manager@example.com');
    expect(
      rowsOf('Payouts')
        .slice(1, 3)
        .map((r) => r[0]),
    ).toEqual(['PO-000001', 'PO-000002']);

    // The teammate types an illegal move: the trigger puts it back and says why.
    await choosePerson(page, 'Teammate');
    await tab('Leads').click();
    const status = column('Leads', 'Status');
    await typeInto(2, status, 'New');
    const putBack = toast(page, 'Partnership Tracker: change put back');
    await putBack.waitFor();
    expect(await putBack.innerText()).toContain('L-000001 is Closed Won; it cannot move to New. From Closed Won it can move to Refunded.');
    await waitForCellText(page, 2, status, 'Closed Won');
    await putBack.getByRole('button', { name: 'Dismiss notification' }).click();

    // A manager with a personal Google account pastes Approved over both payouts: Google does not tell the trigger who she is.
    await choosePerson(page, 'Casey');
    await tab('Payouts').click();
    const payoutStatus = column('Payouts', 'Status');
    await gridCell(page, 2, payoutStatus).click();
    await pasteWithKeyboard(page, 'Approved\nApproved\n');
    const notCounted = toast(page, 'Partnership Tracker: change put back');
    await notCounted.waitFor();
    expect(await notCounted.innerText()).toContain('Payouts rows 2, 3: Google did not tell the tracker who made this change');
    await waitForCellText(page, 2, payoutStatus, 'Draft');
    await waitForCellText(page, 3, payoutStatus, 'Draft');
    await page.screenshot({ path: path.join(shots, 'workspace-team-toast.png') });
    await notCounted.getByRole('button', { name: 'Dismiss notification' }).click();
    expect(
      workspace.emulator.spreadsheetApp
        .getActiveSpreadsheet()
        .getSheetByName('Audit Log')!
        .getDataRange()
        .getDisplayValues()
        .filter((r) => r[7] === '(put back)' && r[4] === 'Payouts')
        .map((r) => [r[2], r[8]]),
    ).toEqual([
      ['unknown (Google did not say who)', 'Approved'],
      ['unknown (Google did not say who)', 'Approved'],
    ]);

    // The teammate has no role on the Payouts tab: Google itself refuses the paste.
    await choosePerson(page, 'Teammate');
    await gridCell(page, 2, payoutStatus).click();
    await pasteWithKeyboard(page, 'Approved\nApproved\n');
    await problem(PROTECTED);
    expect(
      rowsOf('Payouts')
        .slice(1, 3)
        .map((r) => r[payoutStatus - 1]),
    ).toEqual(['Draft', 'Draft']);
  });

  test('a 2×2 block of tab-separated text pastes at the selected cell in one edit', async () => {
    await tab('Sheet1').click();
    await gridCell(page, 2, 2).click();
    await pasteWithKeyboard(page, 'Acme\t1200\r\nInitech\t800\r\n');
    await waitForCellText(page, 3, 3, '800');
    expect(
      rowsOf('Sheet1')
        .slice(1, 3)
        .map((r) => r.slice(1, 3)),
    ).toEqual([
      ['Acme', '1200'],
      ['Initech', '800'],
    ]);
    // The pasted block is selected, as in Sheets.
    expect(await page.locator('#cell-name').innerText()).toBe('B2:C3');
    expect(await page.locator('table.grid td.in-selection').count()).toBe(4);
    // Copying the selection puts the same text back on the clipboard.
    await page.keyboard.press('Control+C');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Acme\t1200\nInitech\t800');

    // Another block, selected with Shift+arrows and cleared with Delete in one edit.
    await gridCell(page, 6, 4).click();
    await pasteWithKeyboard(page, 'x\ty\nz\tw');
    await waitForCellText(page, 7, 5, 'w');
    await gridCell(page, 6, 4).click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await page.locator('#cell-name').innerText()).toBe('D6:E7');
    await page.keyboard.press('Delete');
    await waitForCellText(page, 7, 5, '');
    expect(rowsOf('Sheet1').length).toBe(3);
  });

  test('a row is inserted from the row number’s menu, and deleted again from the keyboard', async () => {
    await page.locator('table.grid th[data-row-header="2"]').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Row 2' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(['Insert 1 row above', 'Insert 1 row below', 'Delete row 2']);
    await page.screenshot({ path: path.join(shots, 'workspace-team-row-menu.png') });
    await menu.getByRole('menuitem', { name: 'Insert 1 row above' }).click();
    await waitForCellText(page, 3, 2, 'Acme');
    expect(
      rowsOf('Sheet1')
        .slice(1, 4)
        .map((r) => r[1]),
    ).toEqual(['', 'Acme', 'Initech']);

    // Keyboard: Shift+Space selects the row, Shift+F10 opens its menu.
    await gridCell(page, 2, 2).click();
    await page.keyboard.press('Shift+Space');
    expect(await page.locator('#cell-name').innerText()).toBe('2:2');
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu', { name: 'Row 2' }).waitFor();
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Delete row 2');
    await page.keyboard.press('Enter');
    await waitForCellText(page, 2, 2, 'Acme');
    expect(
      rowsOf('Sheet1')
        .slice(1, 3)
        .map((r) => r[1]),
    ).toEqual(['Acme', 'Initech']);
  });

  test("a tab is renamed by double-clicking it; the teammate may not rename the owner's protected tab", async () => {
    await tab('Sheet1').dblclick();
    const input = page.getByRole('textbox', { name: 'Rename tab Sheet1' });
    await input.waitFor();
    await page.screenshot({ path: path.join(shots, 'workspace-team-rename.png') });
    await input.fill('Scratch');
    await input.press('Enter');
    await tab('Scratch').waitFor();
    expect(await tab('Scratch').getAttribute('aria-selected')).toBe('true');
    expect(workspace.emulator.spreadsheet().sheetByName('Scratch')).toBeTruthy();
    // The grid still shows the renamed tab's cells.
    await waitForCellText(page, 2, 2, 'Acme');

    await tab('Audit Log').click({ button: 'right' });
    await page.getByRole('menu', { name: 'Tab Audit Log' }).getByRole('menuitem', { name: 'Rename' }).click();
    const auditName = page.getByRole('textbox', { name: 'Rename tab Audit Log' });
    await auditName.fill('My Log');
    await auditName.press('Enter');
    await problem(PROTECTED);
    await tab('Audit Log').waitFor();
    expect(workspace.emulator.spreadsheet().sheetByName('Audit Log')).toBeTruthy();
  });

  test('switching person reopens the sidebar as them; for an anonymous editor it is closed, and the add-on menu explains why', async () => {
    await openSidebar(page);
    await sidebar.getByText('Schema').first().waitFor();
    const firstSidebar = await page.locator('#sidebar-frame').getAttribute('src');
    const callsBefore = serverCalls.length;
    await choosePerson(page, 'Manager');
    await page.waitForFunction((before) => document.getElementById('sidebar-frame')?.getAttribute('src') !== before, firstSidebar);
    await sidebar.getByText('Schema').first().waitFor();
    expect(serverCalls.slice(callsBefore)).toContain('apiGetOverview');
    expect((await page.locator('#sidebar-panel').boundingBox())?.width).toBe(300);
    await page.screenshot({ path: path.join(shots, 'workspace-team-switcher.png') });

    await choosePerson(page, 'Anyone with the link');
    const closed = page.getByRole('dialog', { name: 'The sidebar was closed' });
    await closed.waitFor();
    expect(await closed.innerText()).toContain('Add-ons do not run for anonymous editors');
    await closed.getByRole('button', { name: 'OK' }).click();
    expect(await page.locator('#sidebar-panel').isHidden()).toBe(true);
    expect(await page.locator('#person-hint').innerText()).toBe("Add-ons do not run for you. The add-on's triggers see the owner's email (owner@example.com).");

    await openAddonMenu(page);
    await page.getByRole('menuitem', { name: 'Open sidebar' }).click();
    const unavailable = page.getByRole('dialog', { name: 'Add-ons are not available' });
    await unavailable.waitFor();
    expect(await unavailable.innerText()).toContain('“Open sidebar” did not run.');
    await unavailable.getByRole('button', { name: 'OK' }).click();
    expect(await page.locator('#sidebar-panel').isHidden()).toBe(true);

    // They can still type in cells.
    await tab('Scratch').click();
    await typeInto(5, 1, 'anonymous note');
    await waitForCellText(page, 5, 1, 'anonymous note');
  });

  test('at a narrow window the top bar wraps and the 300 px sidebar keeps its width', async () => {
    await choosePerson(page, 'Owner');
    await openSidebar(page);
    await sidebar.getByText('Schema').first().waitFor();
    await page.setViewportSize({ width: 900, height: 700 });
    expect((await page.locator('#sidebar-panel').boundingBox())?.width).toBe(300);
    const select = await personSelect(page).boundingBox();
    const viewport = page.viewportSize();
    expect(select && viewport && select.x + select.width <= viewport.width).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: path.join(shots, 'workspace-team-narrow.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('the workspace was saved with the chosen person, and the page raised no errors', () => {
    expect(workspace.session.lastSaveError).toBeNull();
    expect(workspace.session.person).toBe('owner@example.com');
    expect(existsSync(path.join(shots, 'workspace-team-switcher.png'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
