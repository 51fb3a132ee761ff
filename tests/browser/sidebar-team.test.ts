import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { ROOT } from '../support/build';
import {
  ANA,
  activeElement,
  addTeamMember,
  expectNoHorizontalScroll,
  fireHourlyTrigger,
  focusOutlineStyle,
  leadInput,
  navButton,
  ok,
  openSidebar,
  removeTeamMember,
  rows,
  setUpTrackerInSidebar,
  sidebarFrame,
  teamRows,
  waitForAnnouncement,
  writeCommissionRules,
} from '../support/sidebar';

/**
 * The team in the sidebar, in Debian's Chromium through the local workspace:
 * the Team view (people by role, adding and removing a role, checks beside the
 * fields), the automation's banner and taking a stopped automation over, and
 * what a person without a role sees everywhere (disabled actions that say why,
 * the server's refusals).
 *
 * The workspace's user (owner@example.com) sets the tracker up, so starts as its
 * owner with every role. Later a manager, Bo, takes the stopped automation over
 * (through the emulator): the workspace's user becomes a plain Manager, and Bo,
 * now the owner, gives them Finance, then Partner team, so the sidebar runs as a
 * non-owner with each role; finally they take the automation back.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');
const BO = 'bo@example.com';

let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];
let serverCalls: string[];
let me: string;

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-team-');
  ({ workspace, page, sidebar, pageErrors, serverCalls } = chromiumWorkspace);
  me = workspace.emulator.ctx.options.ownerEmail;
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

/** The view on screen. */
function view(): Locator {
  return sidebar.locator('.view:not([hidden])');
}

function roleSection(role: string): Locator {
  return view().locator(`section.team-role[data-role="${role}"]`);
}

function automationBanner(): Locator {
  return view().locator('section.automation');
}

async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function noHorizontalScroll(): Promise<void> {
  await expectNoHorizontalScroll(page, { body: true, clipped: 'button, label, h2' });
}

/** The text an element's aria-describedby points at. */
async function description(locator: Locator): Promise<string> {
  const ids = (await locator.getAttribute('aria-describedby')) ?? '';
  expect(ids).not.toBe('');
  const texts = await Promise.all(ids.split(' ').map((id) => sidebar.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ').replace(/\s+/g, ' ').trim();
}

async function goTo(name: string, heading: string): Promise<void> {
  await navButton(sidebar, name).click();
  await view().getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** The Home view, loaded afresh. */
async function home(): Promise<void> {
  await goTo('Home', 'Partner Programme');
  await view().getByRole('button', { name: 'Refresh' }).click();
  await sidebar.locator('.home-view:not([aria-busy])').waitFor();
}

/** Writes a cell as a script would (no edit trigger): to the tracker, a change by hand it has not put back yet. */
function changeByHand(tab: string, id: string, column: string, value: string | number): void {
  const sheet = workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName(tab)!;
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getDisplayValues();
  const row = grid.findIndex((r) => r[0] === id);
  const col = grid[0].indexOf(column);
  expect(row).toBeGreaterThan(0);
  expect(col).toBeGreaterThanOrEqual(0);
  sheet.getRange(row + 1, col + 1).setValue(value);
}

/** Waits until the workspace's grid (the spreadsheet beside the sidebar) shows a row holding all of `cells`. */
async function gridShowsRow(cells: string[], present = true): Promise<void> {
  await page.waitForFunction(
    ([wanted, want]) => {
      const rowsOnScreen = Array.from(document.querySelectorAll('table.grid tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? ''));
      return rowsOnScreen.some((r) => (wanted as string[]).every((c) => r.includes(c))) === want;
    },
    [cells, present] as const,
  );
}

describe('sidebar: the team, the automation and roles in Chromium', () => {
  test('before setup Home says whoever sets up becomes the owner; after it, who you are, and no automation banner while it runs', async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    const setUp = view().getByRole('button', { name: 'Set up tracker' });
    await setUp.waitFor();
    expect(await description(setUp)).toBe(`You become the tracker’s owner: its automation (the triggers) runs as ${me}.`);
    expect(await text(view().locator('.you'))).toBe(`You are ${me}`);
    await setUpTrackerInSidebar(sidebar);
    expect(await text(view().locator('.you'))).toBe(`You are ${me} · Owner (every role)`);
    expect(await automationBanner().isVisible()).toBe(false);
    expect(await view().getByRole('button', { name: 'Set up tracker' }).isVisible()).toBe(false);
    await noHorizontalScroll();
  });

  test('the Team view lists the owner, who runs the automation, and each role (empty ones say so)', async () => {
    await goTo('Team', 'Team');
    expect(await navButton(sidebar, 'Team').getAttribute('aria-current')).toBe('page');
    const owner = view().getByRole('region', { name: 'Owner' });
    await owner.getByText(me).waitFor();
    expect(await text(owner.locator('li'))).toBe(`${me} (you) Runs the automation: the tracker’s triggers run as this account. Holds every role.`);
    expect(await view().locator('section.team-role').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.role))).toEqual(['Manager', 'Finance', 'Partner team']);
    expect(await text(roleSection('Manager').locator('.empty'))).toBe('No one has the Manager role yet.');
    expect(await text(view().locator('.count'))).toBe('1 person · 0 roles given');
    expect(await automationBanner().isVisible()).toBe(false);
    expect(serverCalls).toContain('apiGetTeam');
    await noHorizontalScroll();
  });

  test('teammates given roles elsewhere are listed by role with their names after Refresh', async () => {
    addTeamMember(workspace, ANA, 'Partner team', 'Ana Lima');
    addTeamMember(workspace, 'fin@example.com', 'Finance');
    addTeamMember(workspace, ANA, 'Finance', 'Ana Lima');
    await view().getByRole('button', { name: 'Refresh' }).click();
    await roleSection('Partner team').locator('.member-name').getByText('Ana Lima').waitFor();
    expect(await text(roleSection('Partner team').locator('li'))).toBe('Ana Lima ana@example.com Remove');
    expect(await roleSection('Finance').locator('li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.email))).toEqual([ANA, 'fin@example.com']);
    expect(await text(roleSection('Finance').getByRole('heading', { level: 2 }))).toBe('Finance · 2');
    expect(await text(view().locator('.count'))).toBe('3 people · 3 roles given');
    await view().getByRole('button', { name: 'Remove fin@example.com from Finance' }).waitFor();
  });

  test('Add a person is checked in the browser beside each field (nothing sent), on blur once touched, then by the server, whose field errors win', async () => {
    const form = view().getByRole('form', { name: 'Add a person' });
    const email = form.getByRole('textbox', { name: 'Email' });
    const role = form.getByRole('combobox', { name: 'Role' });
    const before = serverCalls.length;
    await form.getByRole('button', { name: 'Add to the team' }).click();
    const errors = form.locator('.field-error:not([hidden])');
    await errors.first().waitFor();
    expect(await errors.allInnerTexts()).toEqual(['Email is required: the Google account the person signs in with.', 'Choose a role: Manager, Finance, Partner team']);
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await description(email)).toContain('Email is required');
    expect(await activeElement(page)).toBe('input:Email *');

    // A touched field is checked when it loses focus: the owner holds every role already.
    await email.fill(me.toUpperCase());
    await role.focus();
    await form.getByText(`${me} is the owner and holds every role already.`).waitFor();
    await email.fill('not an email');
    await email.press('Tab');
    await form.getByText('Enter an email address such as name@company.com').waitFor();
    await role.selectOption('Finance');
    // Ana already has Finance (the list says so): refused here, beside the role.
    await email.fill(ANA);
    await form.getByRole('button', { name: 'Add to the team' }).click();
    await form.getByText(`${ANA} already has the Finance role.`).waitFor();
    expect(await role.getAttribute('aria-invalid')).toBe('true');
    expect(serverCalls.slice(before)).toEqual([]);

    // Bo was made a manager elsewhere since the list was loaded: only the server knows, and its field error lands beside Role.
    addTeamMember(workspace, BO, 'Manager', 'Bo');
    await email.fill(BO);
    await role.selectOption('Manager');
    await form.getByRole('button', { name: 'Add to the team' }).click();
    await form.locator('.field-error:not([hidden])').getByText(`${BO} already has the Manager role.`).waitFor();
    expect(serverCalls.slice(before)).toEqual(['apiAddTeamMember']);
    expect(await role.getAttribute('aria-invalid')).toBe('true');
    expect(await activeElement(page)).toMatch(/^select:/);
    expect(await text(form.getByRole('alert'))).toBe('Check the highlighted field.');
  });

  test('keyboard: a manager adds a role with the keyboard alone; the result is focused and announced, the list and the Team tab in the grid show it', async () => {
    await view().getByRole('button', { name: 'Refresh' }).click();
    await roleSection('Manager').locator(`li[data-email="${BO}"]`).waitFor();
    const form = view().getByRole('form', { name: 'Add a person' });
    const email = form.getByRole('textbox', { name: 'Email' });
    await email.fill('');
    await form.getByRole('combobox', { name: 'Role' }).selectOption('');
    await email.focus();
    await page.keyboard.type('Cy@Example.com');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toMatch(/^select:/);
    // Fields show focus with a ring (box-shadow), buttons with an outline.
    expect(await sidebarFrame(page).evaluate(() => getComputedStyle(document.activeElement as Element).boxShadow)).not.toBe('none');
    // Choose "Finance" from the role list with the keyboard (Choose a role…, Manager, Finance).
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await form.getByRole('combobox', { name: 'Role' }).inputValue()).toBe('Finance');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('input:Name (optional)');
    await page.keyboard.type('Cy Young');
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('button:Add to the team');
    expect(await focusOutlineStyle(page)).not.toBe('none');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');

    const result = view().locator('.result .banner');
    await result.getByText('Added cy@example.com as Finance.').waitFor();
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    await waitForAnnouncement(page, 'Added cy@example.com as Finance.');
    expect(await text(roleSection('Finance').locator('li[data-email="cy@example.com"]'))).toBe('Cy Young cy@example.com Remove');
    // The form is ready for the next person.
    expect(await email.inputValue()).toBe('');
    expect(await form.locator('.field-error:not([hidden])').count()).toBe(0);
    expect(teamRows(workspace)).toContainEqual(['cy@example.com', 'Finance', 'Cy Young']);
    const audit = rows(workspace, 'Audit Log').filter((r) => r.Tab === 'Team');
    expect(audit.length).toBeGreaterThan(0);

    // The spreadsheet beside the sidebar: the Team tab has the new row.
    await page.getByRole('tab', { name: 'Team' }).click();
    await gridShowsRow(['cy@example.com', 'Finance', 'Cy Young']);
    mkdirSync(screenshots, { recursive: true });
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, 0));
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-team.png') });
    await noHorizontalScroll();
  });

  test('Remove asks inline first (Escape cancels, focus goes back), then takes the one role away; the grid follows', async () => {
    const remove = view().getByRole('button', { name: `Remove ${ANA} from Finance` });
    await remove.click();
    const confirm = view().getByRole('group', { name: `Confirm removing ${ANA} from Finance` });
    expect(await remove.getAttribute('aria-expanded')).toBe('true');
    expect(await text(confirm.locator('p'))).toBe('Remove the Finance role from Ana Lima (ana@example.com)? Any other role they hold stays; the tracker’s protections follow.');
    expect(await activeElement(page)).toBe('button:Yes, remove');
    const before = serverCalls.length;
    await page.keyboard.press('Escape');
    expect(await confirm.isVisible()).toBe(false);
    expect(await activeElement(page)).toBe(`button:Remove ${ANA} from Finance`);
    expect(serverCalls.length).toBe(before);

    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Yes, remove' }).click();
    const result = view().locator('.result .banner');
    await result.getByText(`Removed the Finance role from ${ANA}.`).waitFor();
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    await roleSection('Finance').locator(`li[data-email="${ANA}"]`).waitFor({ state: 'detached' });
    // Her other role stays.
    expect(await roleSection('Partner team').locator(`li[data-email="${ANA}"]`).count()).toBe(1);
    expect(teamRows(workspace)).not.toContainEqual([ANA, 'Finance', 'Ana Lima']);
    expect(teamRows(workspace)).toContainEqual([ANA, 'Partner team', 'Ana Lima']);
    await gridShowsRow([ANA, 'Finance'], false);
    await gridShowsRow([ANA, 'Partner team']);
  });

  test('three hours after the last hourly run the automation looks stopped: Home and Team say so; the owner is pointed at Set up, with nothing to take over', async () => {
    fireHourlyTrigger(workspace);
    workspace.emulator.clock.set('2026-03-02T18:30:00Z');
    await home();
    const banner = automationBanner();
    await banner.waitFor();
    expect(await banner.getByRole('heading', { level: 2 }).innerText()).toBe('The automation has stopped');
    expect(await text(banner)).toContain(`The automation (it runs as ${me}) has not run since 2026-03-02T15:00:00.000Z.`);
    expect(await text(banner)).toContain('Run Set up tracker from the add-on menu to repair it.');
    expect(await banner.getByRole('button', { name: 'Take over the automation' }).isVisible()).toBe(false);
    const setUp = view().getByRole('button', { name: 'Set up tracker' });
    expect(await description(setUp)).toBe('Setting up again checks your triggers and puts back any that are missing.');
    await goTo('Team', 'Team');
    await automationBanner().getByRole('heading', { name: 'The automation has stopped' }).waitFor();

    // The hourly run comes back: the banners go.
    fireHourlyTrigger(workspace);
    await view().getByRole('button', { name: 'Refresh' }).click();
    await automationBanner().waitFor({ state: 'hidden' });
    await home();
    expect(await automationBanner().isVisible()).toBe(false);
    expect(await view().getByRole('button', { name: 'Set up tracker' }).isVisible()).toBe(false);
  });

  test('after Bo takes the stopped automation over, Home says you are a Manager; Set up (a tab is missing) installs nothing and says who runs the automation', async () => {
    workspace.emulator.clock.set('2026-03-02T22:00:00Z');
    ok(workspace, 'apiTakeOverAutomation', [], BO);
    fireHourlyTrigger(workspace, BO);
    expect(teamRows(workspace)).toContainEqual([BO, 'Owner', '']);
    expect(teamRows(workspace)).toContainEqual([me, 'Manager', '']);

    const ss = workspace.emulator.spreadsheetApp.getActiveSpreadsheet();
    ss.deleteSheet(ss.getSheetByName('Dashboard')!);
    await home();
    expect(await text(view().locator('.you'))).toBe(`You are ${me} · Manager`);
    expect(await automationBanner().isVisible()).toBe(false);
    const setUp = view().getByRole('button', { name: 'Set up tracker' });
    expect(await description(setUp)).toBe(`The automation runs as ${BO}: setting up here installs nothing for you. Ask ${BO} to run Set up tracker.`);
    const triggers = workspace.emulator.services.triggers.list({ owner: me }).length;
    await setUp.click();
    const result = view().locator('.setup-result .banner');
    await result.getByText('Nothing was installed for you', { exact: true }).waitFor();
    expect(await text(result)).toContain(`This tracker is already set up; its automation runs as ${BO}, who holds its triggers.`);
    expect(workspace.emulator.services.triggers.list({ owner: me }).length).toBe(triggers);
    expect(ss.getSheetByName('Dashboard')).toBeNull();
    // What it did do: as the spreadsheet's owner, it handed the protections to Bo, the new owner.
    expect(await text(result)).toContain(`Protections now follow the team (owner ${BO})`);
    await noHorizontalScroll();
  });

  test('finance: Run payouts and Approve are disabled, each pointing at its reason; Export and Mark paid work; changed-by-hand lines are listed', async () => {
    // Bo (the owner now) makes the workspace's user Finance only, and sets up commissions: three deals Ana registered, won by Bo.
    removeTeamMember(workspace, me, 'Manager', BO);
    addTeamMember(workspace, me, 'Finance', '', BO);
    ok(workspace, 'apiSavePartner', [{ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme-partners.example', type: 'Reseller', region: '', status: 'Active' }], BO);
    writeCommissionRules(workspace, [{ id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 0 }]);
    for (const [company, amount] of [['Initech', '12,500.50'], ['Hooli', '8000'], ['Umbrella', '4000']]) {
      const id = ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput('P-000001', company)], ANA).lead.id;
      for (const move of [{ to: 'Accepted' }, { to: 'Qualified' }, { to: 'Closed Won', dealAmount: amount, closedOn: '2026-03-02' }]) ok(workspace, 'apiMoveLead', [id, move], BO);
    }
    fireHourlyTrigger(workspace, BO);
    expect(rows(workspace, 'Commissions').map((c) => [c['Commission ID'], c.Amount, c.Status])).toEqual([
      ['C-000001', '1,250.05', 'Payable'],
      ['C-000002', '800.00', 'Payable'],
      ['C-000003', '400.00', 'Payable'],
    ]);
    expect(ok(workspace, 'apiApproveCommissions', [['C-000001']], BO)).toEqual({ changed: ['C-000001'], refused: [] });
    // Someone marks Hooli's line Approved in a way the edit trigger never saw: held until the tracker puts it back.
    changeByHand('Commissions', 'C-000002', 'Status', 'Approved');
    workspace.emulator.clock.set('2026-04-01T16:00:00Z');

    await goTo('Payouts', 'Payouts');
    const run = view().getByRole('button', { name: 'Run payouts for March 2026' });
    await run.waitFor();
    expect(await run.isDisabled()).toBe(true);
    expect(await description(run)).toBe(`Running payouts needs the Manager role. You (${me}) have the Finance role. The owner (${BO}) or a manager can add it on the Team tab.`);
    const held = view().locator('.banner').filter({ hasText: 'Changed by hand' });
    expect(await text(held)).toBe('Changed by hand, not counted until the tracker puts them back: C-000002: Status was changed by hand');
    mkdirSync(screenshots, { recursive: true });
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-payouts-finance-preview.png') });

    // Bo runs March; the finance view lists the payout: Approve is a manager's, paying and exporting finance's.
    ok(workspace, 'apiRunPayouts', ['2026-03-01'], BO);
    await view().getByRole('button', { name: 'Refresh' }).click();
    const row = view().locator('.payout-run li.payout-row[data-id="PO-000001"]');
    await row.waitFor();
    const approve = view().getByRole('button', { name: 'Approve selected' });
    const pay = view().getByRole('button', { name: 'Mark selected paid…' });
    const exportButton = view().getByRole('button', { name: 'Export approved payouts (CSV)' });
    expect(await approve.isDisabled()).toBe(true);
    expect(await description(approve)).toBe(`Approving payouts needs the Manager role. You (${me}) have the Finance role. The owner (${BO}) or a manager can add it on the Team tab.`);
    expect(await pay.isEnabled()).toBe(true);
    expect(await exportButton.isEnabled()).toBe(true);
    expect(await pay.getAttribute('aria-describedby')).toBeNull();
    // What each refused action needs, at the top; who you are and who can grant it, said once.
    expect(await text(view().locator('.why-not'))).toBe(
      `Some of this needs a role you do not have: Running payouts needs the Manager role. Approving payouts needs the Manager role. You (${me}) have the Finance role. The owner (${BO}) or a manager can add it on the Team tab.`,
    );
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, 0));
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-payouts-finance.png') });
    await noHorizontalScroll();

    // Bo approves; finance exports, then marks it paid.
    ok(workspace, 'apiApprovePayouts', [['PO-000001']], BO);
    await view().getByRole('button', { name: 'Refresh' }).click();
    await row.locator('.chip.s-approved').waitFor();
    await exportButton.click();
    await view().locator('.export-result .banner').getByText('Exported 1 approved payout').waitFor();
    await row.getByRole('checkbox').check();
    await pay.click();
    await view().getByRole('textbox', { name: 'Payment reference' }).fill('WIRE-2026-04-0001');
    await view().getByRole('button', { name: 'Mark 1 payout paid' }).click();
    await view().locator('.result .banner').getByText('Marked paid 1 payout, $1,250.05.').waitFor();
    await row.locator('.chip.s-paid').waitFor();
    expect(rows(workspace, 'Payouts')[0]).toMatchObject({ 'Payout ID': 'PO-000001', Status: 'Paid', 'Payment Reference': 'WIRE-2026-04-0001' });
  });

  test('without the Partner team role, Register and Partners show the server’s refusal beside the button; nothing is written', async () => {
    await goTo('Register', 'Register a lead');
    const picker = view().getByRole('combobox', { name: 'Partner' });
    await picker.fill('ACME');
    await view().getByRole('option', { name: /Acme Partners/ }).waitFor();
    await picker.press('Enter');
    await view().getByRole('textbox', { name: 'Company name' }).fill('Vandelay');
    await view().getByRole('textbox', { name: 'Contact email' }).fill('art@vandelay.example');
    await view().getByRole('button', { name: 'Register lead' }).click();
    const refusal = view().locator('form .banner.error');
    await refusal.waitFor();
    expect(await text(refusal)).toBe(`Registering leads needs the Partner team role; you (${me}) have the Finance role. The owner (${BO}) or a manager can add it on the Team tab.`);
    expect(await activeElement(page)).toBe('button:Register lead');
    expect(rows(workspace, 'Leads')).toHaveLength(3);

    await goTo('Partners', 'Partners');
    await view().getByRole('button', { name: 'Add partner' }).click();
    await view().getByRole('textbox', { name: 'Name', exact: true }).fill('Globex');
    await view().getByRole('textbox', { name: 'Partner code' }).fill('GLOBEX');
    await view().getByRole('textbox', { name: 'Contact email' }).fill('gail@globex.example');
    await view().getByRole('combobox', { name: 'Type' }).selectOption('Referral');
    await view().locator('form').getByRole('button', { name: 'Add partner' }).click();
    const partnerRefusal = view().locator('form .banner.error');
    await partnerRefusal.waitFor();
    expect(await text(partnerRefusal)).toContain('Adding or editing partners needs the Partner team role');
    expect(rows(workspace, 'Partners')).toHaveLength(1);
    await view().getByRole('button', { name: 'Cancel' }).click();
  });

  test('a Partner team member sees why Approve and Void are disabled, is refused a refund with the server’s reason, and finds the Team view read-only with the reason', async () => {
    removeTeamMember(workspace, me, 'Finance', BO);
    addTeamMember(workspace, me, 'Partner team', '', BO);

    await goTo('Approvals', 'Approvals');
    await view().locator('li.approval-line[data-id="C-000003"]').waitFor();
    const approve = view().getByRole('button', { name: 'Approve selected' });
    expect(await approve.isDisabled()).toBe(true);
    expect(await view().getByRole('button', { name: 'Void selected…' }).isDisabled()).toBe(true);
    expect(await description(approve)).toBe(`Approving commissions needs the Manager role; you (${me}) have the Partner team role. The owner (${BO}) or a manager can add it on the Team tab.`);
    // Hooli's line, changed by hand, is held back from approval.
    expect(await view().locator('li.approval-line[data-id="C-000002"]').count()).toBe(0);

    // Refunding a won deal is a manager's: the server says so beside the form.
    await goTo('Leads', 'Leads');
    await view().getByRole('combobox', { name: 'Status' }).selectOption('Closed Won');
    await view().locator('button[data-lead="L-000003"]').click();
    await view().getByRole('button', { name: 'Move L-000003 to Refunded' }).click();
    await view().getByRole('textbox', { name: 'Reason' }).fill('Customer cancelled in the trial');
    await view().getByRole('button', { name: 'Move to Refunded' }).click();
    const refusal = view().locator('li.lead[data-id="L-000003"] .banner.error');
    await refusal.waitFor();
    expect(await text(refusal)).toBe(`Refunding a won deal needs the Manager role; you (${me}) have the Partner team role. The owner (${BO}) or a manager can add it on the Team tab.`);
    expect(await activeElement(page)).toBe('button:Move to Refunded');
    expect(rows(workspace, 'Leads')[2].Status).toBe('Closed Won');

    await goTo('Team', 'Team');
    const why = `Changing the team needs the Manager role; you (${me}) have the Partner team role. The owner (${BO}) or a manager can add it on the Team tab.`;
    await view().getByText(why).waitFor();
    const form = view().getByRole('form', { name: 'Add a person' });
    for (const control of [form.getByRole('textbox', { name: 'Email' }), form.getByRole('combobox', { name: 'Role' }), form.getByRole('button', { name: 'Add to the team' }), view().getByRole('button', { name: `Remove ${ANA} from Partner team` })]) {
      expect(await control.isDisabled()).toBe(true);
      expect(await description(control)).toBe(why);
    }
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-team-read-only.png') });
    // Home: the automation runs (Bo's), and this person is who Home says.
    await home();
    expect(await text(view().locator('.you'))).toBe(`You are ${me} · Partner team`);
    await noHorizontalScroll();
  });

  test('Bo’s automation stops; a manager takes it over behind an inline confirmation (Escape cancels); the result, its notices, and the Team tab show the new owner', async () => {
    addTeamMember(workspace, me, 'Manager', '', BO);
    // Bo's last hourly run was on 2 March; it is 1 April.
    await home();
    const banner = automationBanner();
    await banner.getByRole('heading', { name: 'The automation has stopped' }).waitFor();
    expect(await text(banner)).toContain(`The automation (it runs as ${BO}) has not run since`);
    const takeOver = banner.getByRole('button', { name: 'Take over the automation' });
    await takeOver.click();
    const confirm = view().getByRole('group', { name: 'Confirm taking over the automation' });
    expect(await text(confirm.locator('p'))).toBe(
      `Take over the automation? You become the account the tracker’s triggers run as: the hourly run, the edit trigger and the partner form’s trigger are installed for you, and ${BO} stays on the team as a manager. The take-over is recorded in the Audit Log.`,
    );
    expect(await activeElement(page)).toBe('button:Yes, take over');
    expect(await description(confirm.getByRole('button', { name: 'Yes, take over' }))).toContain('Take over the automation?');
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, 0));
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-home-automation.png') });
    await noHorizontalScroll();

    const before = serverCalls.length;
    await page.keyboard.press('Escape');
    expect(await confirm.isVisible()).toBe(false);
    expect(await activeElement(page)).toBe('button:Take over the automation');
    expect(serverCalls.length).toBe(before);

    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Yes, take over' }).click();
    const result = view().locator('.automation-result .banner');
    await result.getByText('You now run the automation').waitFor();
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await text(result)).toContain(`The tracker’s triggers run as ${me} from now on; ${BO} stays on the team as a manager. Recorded in the Audit Log.`);
    await waitForAnnouncement(page, 'You now run the automation.');
    expect(serverCalls.slice(before)).toEqual(['apiTakeOverAutomation', 'apiGetOverview']);
    await view().locator('.you').getByText(`You are ${me} · Owner (every role)`).waitFor();
    expect(teamRows(workspace)).toContainEqual([me, 'Owner', '']);
    expect(teamRows(workspace)).toContainEqual([BO, 'Manager', '']);
    expect(rows(workspace, 'Audit Log').filter((r) => r.Field === '(automation taken over)').map((r) => r.User)).toEqual([BO, me]);

    // The new owner's hourly run: the banner goes. Their setup puts back the tab deleted earlier.
    fireHourlyTrigger(workspace);
    await view().getByRole('button', { name: 'Refresh' }).click();
    await automationBanner().waitFor({ state: 'hidden' });
    const setUp = view().getByRole('button', { name: 'Set up tracker' });
    expect(await setUp.getAttribute('aria-describedby')).toBeNull();
    await setUpTrackerInSidebar(sidebar);
    expect(await text(view().locator('.setup-result .banner'))).toContain('Created tab Dashboard.');
    expect(workspace.emulator.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Dashboard')).not.toBeNull();
    await goTo('Team', 'Team');
    await view().getByRole('region', { name: 'Owner' }).getByText(`${me} (you)`).waitFor();
    await noHorizontalScroll();
  });

  test('no page errors, and the workspace saved after every change', () => {
    expect(pageErrors).toEqual([]);
    expect(workspace.session.lastSaveError).toBeNull();
  });
});
