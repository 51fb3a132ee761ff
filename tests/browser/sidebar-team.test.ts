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
  focusOutlineStyle,
  leadInput,
  navButton,
  ok,
  openSidebar,
  removeTeamMember,
  rows,
  savePartner,
  setUpTrackerInSidebar,
  sidebarFrame,
  teamRows,
  waitForAnnouncement,
  winLead,
  writeCommissionRules,
} from '../support/sidebar';

/**
 * The team in the sidebar, in Debian's Chromium through the local workspace:
 * the Team view (people by role, adding and removing a role, checks beside the
 * fields), the automation's banner and taking a stopped automation over, and
 * what each role sees everywhere (disabled actions that say why, the server's
 * refusals).
 *
 * The workspace's user (owner@example.com) sets the tracker up, so is its owner
 * with every role; roles are given through the emulator as the owner. The
 * workspace's "You are:" list (choosePerson) then runs the page, the sidebar and
 * google.script.run as a teammate (Partner team, then Finance), a personal
 * account not on the team, and a manager who finally takes the automation over.
 */
const screenshots = path.join(ROOT, 'tmp', 'screenshots');
const BO = 'bo@example.com';
/** People the workspace's "You are:" list offers besides the owner. */
const MANAGER = 'manager@example.com';
const TEAMMATE = 'teammate@example.com';
const CASEY = 'casey.editor@gmail.com';

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
    // Home reloads the overview after setup: wait for it rather than read the line at once.
    await view().locator('.you', { hasText: 'Owner (every role)' }).waitFor();
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
    expect(
      await view()
        .locator('section.team-role')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.role)),
    ).toEqual(['Manager', 'Finance', 'Partner team']);
    expect(await text(roleSection('Manager').locator('.empty'))).toBe('No one has the Manager role yet.');
    expect(await text(view().locator('.count'))).toBe('1 person · 0 roles given');
    expect(await automationBanner().isVisible()).toBe(false);
    expect(serverCalls).toContain('apiGetTeam');
    await noHorizontalScroll();
  });

  test('Home warns when audit entries waiting for the owner were set aside as unreadable', async () => {
    const store = workspace.emulator.services.properties.store('document', workspace.emulator.store.activeId);
    store.set('tracker.auditPendingSetAside.000000000000001.000000001.0000.x', '{"at": "not json');
    await home();
    const warning = view().locator('.banner.warn', { hasText: 'Audit Log:' });
    await warning.waitFor();
    expect(await text(warning)).toBe(
      "Audit Log: 1 waiting audit entry was unreadable and set aside (kept in the document's properties as tracker.auditPendingSetAside.*); the log went on without it.",
    );
    await noHorizontalScroll();
    store.delete('tracker.auditPendingSetAside.000000000000001.000000001.0000.x');
    await home();
    await warning.waitFor({ state: 'detached' });
    // The next test starts where the last one left off.
    await goTo('Team', 'Team');
  });

  test('teammates given roles elsewhere are listed by role with their names after Refresh', async () => {
    addTeamMember(workspace, ANA, 'Partner team', 'Ana Lima');
    addTeamMember(workspace, 'fin@example.com', 'Finance');
    addTeamMember(workspace, ANA, 'Finance', 'Ana Lima');
    await view().getByRole('button', { name: 'Refresh' }).click();
    await roleSection('Partner team').locator('.member-name').getByText('Ana Lima').waitFor();
    expect(await text(roleSection('Partner team').locator('li'))).toBe('Ana Lima ana@example.com Remove');
    expect(
      await roleSection('Finance')
        .locator('li')
        .evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.email)),
    ).toEqual([ANA, 'fin@example.com']);
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
    expect(await text(banner)).toContain(`The automation (it runs as ${me}) has not run since 2026-03-02 15:00 UTC.`);
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

  test('a teammate with the Partner team role (chosen under "You are:"): Approve and Void disabled with the reason; a deal they win gets its commissions from the owner’s automation within the hour; a refund is refused; Team and Payouts are read-only, each saying why', async () => {
    // The owner sets up commissions: a partner, a 10% rule payable at once, three deals Ana registered; the owner wins two.
    addTeamMember(workspace, TEAMMATE, 'Partner team', 'Tess');
    savePartner(workspace, 'Acme Partners', 'ACME', 'pat@acme-partners.example', 'Reseller');
    writeCommissionRules(workspace, [{ id: 'R-000001', name: 'Standard', ruleType: 'Base', kind: 'Percentage', rate: 0.1, holdingDays: 0 }]);
    const leads = ['Initech', 'Hooli', 'Umbrella'].map((company) => ok<{ lead: { id: string } }>(workspace, 'apiRegisterLead', [leadInput('P-000001', company)], ANA).lead.id);
    expect(leads).toEqual(['L-000001', 'L-000002', 'L-000003']);
    winLead(workspace, 'L-000001', '12,500.50', '2026-03-02');
    winLead(workspace, 'L-000002', '8000', '2026-03-02');
    ok(workspace, 'apiMoveLead', ['L-000003', { to: 'Accepted' }]);
    ok(workspace, 'apiMoveLead', ['L-000003', { to: 'Qualified' }]);
    fireHourlyTrigger(workspace);
    expect(rows(workspace, 'Commissions').map((c) => [c['Commission ID'], c['Lead ID'], c.Status])).toEqual([
      ['C-000001', 'L-000001', 'Payable'],
      ['C-000002', 'L-000002', 'Payable'],
    ]);

    await choosePerson(page, 'Teammate');
    await view().locator('.you').getByText(`You are ${TEAMMATE} · Partner team`).waitFor();

    await goTo('Approvals', 'Approvals');
    await view().locator('li.approval-line[data-id="C-000001"]').waitFor();
    const approve = view().getByRole('button', { name: 'Approve selected' });
    expect(await approve.isDisabled()).toBe(true);
    expect(await view().getByRole('button', { name: 'Void selected…' }).isDisabled()).toBe(true);
    expect(await description(approve)).toBe(`Approving commissions needs the Manager role; you (${TEAMMATE}) have the Partner team role. The owner (${me}) or a manager can add it on the Team tab.`);
    await noHorizontalScroll();

    // Closed Won by someone who is not the owner: the owner's automation writes the commission lines.
    await goTo('Leads', 'Leads');
    await view().locator('button[data-lead="L-000003"]').click();
    await view().getByRole('button', { name: 'Move L-000003 to Closed Won' }).click();
    await view()
      .getByRole('textbox', { name: /^Deal amount/ })
      .fill('4000');
    await view().getByRole('button', { name: 'Move to Closed Won' }).click();
    const moved = view().locator('li.lead[data-id="L-000003"] .banner.ok');
    await moved.waitFor();
    expect(await text(moved)).toBe(
      `Moved to Closed Won. The commission lines for L-000003 will be written by the tracker's automation (it runs as ${me}) within the hour: only it may write commission amounts.`,
    );
    expect(rows(workspace, 'Commissions').some((c) => c['Lead ID'] === 'L-000003')).toBe(false);
    fireHourlyTrigger(workspace);
    expect(
      rows(workspace, 'Commissions')
        .filter((c) => c['Lead ID'] === 'L-000003')
        .map((c) => c.Amount),
    ).toEqual(['400.00']);

    // Refunding a won deal is a manager's: the server says so beside the form.
    await view().getByRole('combobox', { name: 'Status' }).selectOption('Closed Won');
    await view().locator('button[data-lead="L-000001"]').click();
    await view().getByRole('button', { name: 'Move L-000001 to Refunded' }).click();
    await view().getByRole('textbox', { name: 'Reason' }).fill('Customer cancelled in the trial');
    await view().getByRole('button', { name: 'Move to Refunded' }).click();
    const refusal = view().locator('li.lead[data-id="L-000001"] .banner.error');
    await refusal.waitFor();
    expect(await text(refusal)).toBe(`Refunding a won deal needs the Manager role; you (${TEAMMATE}) have the Partner team role. The owner (${me}) or a manager can add it on the Team tab.`);
    expect(await activeElement(page)).toBe('button:Move to Refunded');
    expect(rows(workspace, 'Leads')[0].Status).toBe('Closed Won');

    await goTo('Team', 'Team');
    const why = `Changing the team needs the Manager role; you (${TEAMMATE}) have the Partner team role. The owner (${me}) or a manager can add it on the Team tab.`;
    await view().getByText(why).waitFor();
    const form = view().getByRole('form', { name: 'Add a person' });
    for (const control of [
      form.getByRole('textbox', { name: 'Email' }),
      form.getByRole('combobox', { name: 'Role' }),
      form.getByRole('textbox', { name: 'Name (optional)' }),
      form.getByRole('button', { name: 'Add to the team' }),
      view().getByRole('button', { name: `Remove ${ANA} from Partner team` }),
    ]) {
      expect(await control.isDisabled()).toBe(true);
      expect(await description(control)).toBe(why);
    }
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    mkdirSync(screenshots, { recursive: true });
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-team-read-only.png') });
    await noHorizontalScroll();

    // Payouts: every action needs another role; what each needs, then who they are, said once.
    await goTo('Payouts', 'Payouts');
    await view().locator('.why-not .banner').waitFor();
    expect(await text(view().locator('.why-not'))).toBe(
      'Some of this needs a role you do not have: Running payouts needs the Manager role. Approving payouts needs the Manager role. Marking payouts paid needs the Finance role. Exporting payouts needs the Finance role. ' +
        `You (${TEAMMATE}) have the Partner team role. The owner (${me}) or a manager can add it on the Team tab.`,
    );
  });

  test('finance: Run payouts and Approve are disabled, each pointing at its reason, while Export and Mark paid work; changed-by-hand lines are listed; Register and Partners show the server’s refusal', async () => {
    // The owner makes Tess finance, approves Initech's line; someone marks Hooli's Approved where the edit trigger never saw it.
    removeTeamMember(workspace, TEAMMATE, 'Partner team');
    addTeamMember(workspace, TEAMMATE, 'Finance', 'Tess');
    expect(ok(workspace, 'apiApproveCommissions', [['C-000001']], BO)).toEqual({ changed: ['C-000001'], refused: [] });
    changeByHand('Commissions', 'C-000002', 'Status', 'Approved');
    workspace.emulator.clock.set('2026-04-01T16:00:00Z');

    await view().getByRole('button', { name: 'Refresh' }).click();
    const run = view().getByRole('button', { name: 'Run payouts for March 2026' });
    await run.waitFor();
    expect(await run.isDisabled()).toBe(true);
    expect(await description(run)).toBe(`Running payouts needs the Manager role. You (${TEAMMATE}) have the Finance role. The owner (${me}) or a manager can add it on the Team tab.`);
    const held = view().locator('.banner').filter({ hasText: 'Changed by hand' });
    expect(await text(held)).toBe('Changed by hand, not counted until the tracker puts them back: C-000002: Status was changed by hand (the tracker puts it back within the hour)');
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-payouts-finance-preview.png') });

    // The owner runs March; finance sees the payout: approving is a manager's, paying and exporting finance's.
    ok(workspace, 'apiRunPayouts', ['2026-03-01']);
    await view().getByRole('button', { name: 'Refresh' }).click();
    const row = view().locator('.payout-run li.payout-row[data-id="PO-000001"]');
    await row.waitFor();
    const approve = view().getByRole('button', { name: 'Approve selected' });
    const pay = view().getByRole('button', { name: 'Mark selected paid…' });
    const exportButton = view().getByRole('button', { name: 'Export approved payouts (CSV)' });
    expect(await approve.isDisabled()).toBe(true);
    expect(await description(approve)).toBe(`Approving payouts needs the Manager role. You (${TEAMMATE}) have the Finance role. The owner (${me}) or a manager can add it on the Team tab.`);
    expect(await pay.isEnabled()).toBe(true);
    expect(await exportButton.isEnabled()).toBe(true);
    expect(await pay.getAttribute('aria-describedby')).toBeNull();
    expect(await text(view().locator('.why-not'))).toBe(
      `Some of this needs a role you do not have: Running payouts needs the Manager role. Approving payouts needs the Manager role. You (${TEAMMATE}) have the Finance role. The owner (${me}) or a manager can add it on the Team tab.`,
    );
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, 0));
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-payouts-finance.png') });
    await noHorizontalScroll();

    // A manager (Bo) approves; finance exports, then marks it paid.
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

    // Without the Partner team role: registering and adding partners are refused by the server, beside the button.
    await goTo('Register', 'Register a lead');
    const picker = view().getByRole('combobox', { name: 'Partner' });
    await picker.fill('ACME');
    await view()
      .getByRole('option', { name: /Acme Partners/ })
      .waitFor();
    await picker.press('Enter');
    await view().getByRole('textbox', { name: 'Company name' }).fill('Vandelay');
    await view().getByRole('textbox', { name: 'Contact email' }).fill('art@vandelay.example');
    await view().getByRole('button', { name: 'Register lead' }).click();
    const refusal = view().locator('form .banner.error');
    await refusal.waitFor();
    expect(await text(refusal)).toBe(`Registering leads needs the Partner team role; you (${TEAMMATE}) have the Finance role. The owner (${me}) or a manager can add it on the Team tab.`);
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
    expect(await text(partnerRefusal)).toBe(
      `Adding or editing partners needs the Partner team role; you (${TEAMMATE}) have the Finance role. The owner (${me}) or a manager can add it on the Team tab. With your role you may change a partner's Payout Method and Payout Account only.`,
    );
    expect(rows(workspace, 'Partners')).toHaveLength(1);
    await view().getByRole('button', { name: 'Cancel' }).click();
  });

  test('someone not on the team (a personal Google account) is told so on Home, and why they cannot take the stopped automation over', async () => {
    // No hourly run since 2 March: the automation has stopped.
    await choosePerson(page, 'Casey');
    await view().locator('.you').getByText(`You are ${CASEY} · not on the Team tab yet: the owner or a manager adds people there`).waitFor();
    const banner = automationBanner();
    await banner.getByRole('heading', { name: 'The automation has stopped' }).waitFor();
    expect(await text(banner.locator('.automation-why'))).toBe(
      `Taking over the automation needs the Manager role; you (${CASEY}) are not on the Team tab. The owner (${me}) or a manager can add it on the Team tab.`,
    );
    expect(await banner.getByRole('button', { name: 'Take over the automation' }).isVisible()).toBe(false);
    await noHorizontalScroll();
  });

  test('a manager clicking Set up (a tab is missing) installs nothing and is told who runs the automation; the owner’s Set up puts the tab back', async () => {
    addTeamMember(workspace, MANAGER, 'Manager', 'Mo');
    fireHourlyTrigger(workspace);
    const ss = workspace.emulator.spreadsheetApp.getActiveSpreadsheet();
    ss.deleteSheet(ss.getSheetByName('Dashboard')!);

    await choosePerson(page, 'Manager');
    await view().locator('.you').getByText(`You are ${MANAGER} · Manager`).waitFor();
    const setUp = view().getByRole('button', { name: 'Set up tracker' });
    expect(await description(setUp)).toBe(`The automation runs as ${me}: setting up here installs nothing for you. Ask ${me} to run Set up tracker.`);
    const triggers = workspace.emulator.services.triggers.list({ owner: MANAGER }).length;
    await setUp.click();
    const result = view().locator('.setup-result .banner');
    await result.getByText('Nothing was installed for you', { exact: true }).waitFor();
    expect(await text(result)).toContain(`This tracker is already set up; its automation runs as ${me}, who holds its triggers.`);
    expect(workspace.emulator.services.triggers.list({ owner: MANAGER }).length).toBe(triggers);
    expect(ss.getSheetByName('Dashboard')).toBeNull();
    await noHorizontalScroll();

    await choosePerson(page, 'Owner');
    await view().locator('.you').getByText(`You are ${me} · Owner (every role)`).waitFor();
    expect(await view().getByRole('button', { name: 'Set up tracker' }).getAttribute('aria-describedby')).toBeNull();
    await setUpTrackerInSidebar(sidebar);
    expect(await text(view().locator('.setup-result .banner'))).toContain('Created tab Dashboard.');
    expect(ss.getSheetByName('Dashboard')).not.toBeNull();
  });

  test('the owner’s automation stops; a manager takes it over behind an inline confirmation (Escape cancels); the result, its notices, and the Team tab show the new owner', async () => {
    // The owner's last hourly run was on 1 April at 16:00; it is now 20:00.
    workspace.emulator.clock.set('2026-04-01T20:00:00Z');
    await choosePerson(page, 'Manager');
    const banner = automationBanner();
    await banner.getByRole('heading', { name: 'The automation has stopped' }).waitFor();
    expect(await text(banner)).toContain(`The automation (it runs as ${me}) has not run since`);
    const takeOver = banner.getByRole('button', { name: 'Take over the automation' });
    await takeOver.click();
    const confirm = view().getByRole('group', { name: 'Confirm taking over the automation' });
    expect(await text(confirm.locator('p'))).toBe(
      `Take over the automation? You become the account the tracker’s triggers run as: the hourly run, the edit trigger and the partner form’s trigger are installed for you, and ${me} stays on the team as a manager. The take-over is recorded in the Audit Log.`,
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
    expect(await text(result)).toContain(`The tracker’s triggers run as ${MANAGER} from now on; ${me} stays on the team as a manager. Recorded in the Audit Log.`);
    // The server counts the new owner's automation from the take-over: it is running, no banner.
    expect(await text(result)).not.toContain('has not run since');
    // Google lets only the spreadsheet's owner change some protections: the server says which, and who can finish it.
    expect(await text(result)).toContain(`Noticed: Google lets only the spreadsheet's owner (${me})`);
    await waitForAnnouncement(page, 'You now run the automation.');
    // Then Home's attention list, once the overview is shown.
    expect(serverCalls.slice(before).filter((name) => name !== 'apiGetAttention')).toEqual(['apiTakeOverAutomation', 'apiGetOverview']);
    await view().locator('.you').getByText(`You are ${MANAGER} · Owner (every role)`).waitFor();
    expect(teamRows(workspace)).toContainEqual([MANAGER, 'Owner', '']);
    expect(teamRows(workspace)).toContainEqual([me, 'Manager', '']);
    expect(workspace.emulator.services.triggers.list({ eventType: 'CLOCK', owner: MANAGER })).toHaveLength(1);
    await sidebarFrame(page).evaluate(() => window.scrollTo(0, 0));
    await page.locator('#sidebar-frame').screenshot({ path: path.join(screenshots, 'sidebar-home-taken-over.png') });

    // The new owner's hourly run: the banner goes; the Team view shows them as the owner.
    fireHourlyTrigger(workspace, MANAGER);
    await view().getByRole('button', { name: 'Refresh' }).click();
    await automationBanner().waitFor({ state: 'hidden' });
    await goTo('Team', 'Team');
    await view().getByRole('region', { name: 'Owner' }).getByText(`${MANAGER} (you)`).waitFor();
    await noHorizontalScroll();

    // Back at the keyboard, the previous owner is a manager now.
    await choosePerson(page, 'Owner');
    await view().locator('.you').getByText(`You are ${me} · Manager`).waitFor();
  });

  test('no page errors, and the workspace saved after every change', () => {
    expect(pageErrors).toEqual([]);
    expect(workspace.session.lastSaveError).toBeNull();
  });
});
