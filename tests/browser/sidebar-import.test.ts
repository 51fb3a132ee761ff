import { FrameLocator, Locator, Page } from 'playwright-core';
import { RunningWorkspace } from '../../emulator/workspace/server';
import { openWorkspaceInChromium, WorkspaceInChromium } from '../support/browser';
import { activeElement, expectNoHorizontalScroll, navButton, ok, openSidebar, rows, savePartner, setUpTrackerInSidebar } from '../support/sidebar';

/**
 * Import in the sidebar, in Chromium through the local workspace: reached from the Leads view's
 * header, a CSV file picked (Playwright's setInputFiles), the mapping suggested from its
 * headers, the preview with a row's problem, the import, and the rows in the spreadsheet; at
 * 300 px with no sideways scroll, and by keyboard.
 */
let chromiumWorkspace: WorkspaceInChromium | undefined;
let workspace: RunningWorkspace;
let page: Page;
let sidebar: FrameLocator;
let pageErrors: string[];

const CSV = [
  'Account,E-mail,Partner,Stage,Amount,Close date,Registered,Favourite colour',
  'Won Co,w@won.example,ACME,Closed Won,"12,000",2026-01-15,2025-12-01,blue',
  'Open Co,o@open.example,ACME,Qualified,,,2026-02-20,green',
  'Orphan Co,x@orphan.example,GHOST,New,,,,red',
].join('\r\n');

beforeAll(async () => {
  chromiumWorkspace = await openWorkspaceInChromium('sidebar-import-');
  ({ workspace, page, sidebar, pageErrors } = chromiumWorkspace);
  workspace.emulator.clock.set('2026-03-02T15:00:00Z');
}, 240000);

afterAll(() => chromiumWorkspace?.close());

function view(): Locator {
  return sidebar.locator('.view:not([hidden])');
}

describe('sidebar: import from a CSV file in Chromium', () => {
  test("pick a file, see the suggested mapping and the preview with a row's problem, import, and find the rows", async () => {
    await page.goto(workspace.url);
    await openSidebar(page);
    await setUpTrackerInSidebar(sidebar);
    savePartner(workspace, 'Acme Resellers', 'ACME', 'ann@acme.example', 'Reseller');

    // Reached from the Leads view's header, by keyboard: the Import view opens with its heading focused.
    await navButton(sidebar, 'Leads').click();
    await view().getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    await view().getByRole('button', { name: 'Import from a file or a spreadsheet' }).focus();
    await page.keyboard.press('Enter');
    await view().getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    expect(await activeElement(page)).toBe('h1:Import');

    await view().getByLabel('What to import').selectOption('leads');
    await view()
      .getByLabel('CSV file')
      .setInputFiles({ name: 'old-deals.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${CSV}`, 'utf8') });
    await view().getByText('3 rows from file old-deals.csv').waitFor();
    // The mapping suggested from the headers: a select per tracker field, the unmapped column named.
    expect(await view().getByLabel('Company (required)').locator('option:checked').innerText()).toBe('Account');
    expect(await view().getByLabel('Contact Email (required)').locator('option:checked').innerText()).toBe('E-mail');
    expect(await view().getByLabel('Partner ID or Code (required)').locator('option:checked').innerText()).toBe('Partner');
    expect(await view().getByLabel('Registered At').locator('option:checked').innerText()).toBe('Registered');
    expect(await view().getByLabel('Website').locator('option:checked').innerText()).toBe('— not imported —');
    await view().getByText('Not imported: Favourite colour.').waitFor();

    // The Preview button is in the Tab order after the mapping.
    await view().getByLabel('Commission lines for won deals').focus();
    await page.keyboard.press('Tab');
    expect(await activeElement(page)).toBe('button:Preview');
    await page.keyboard.press('Enter');
    await view().getByRole('heading', { name: 'Preview', level: 2 }).waitFor();
    await view().getByText('2 rows to create, 0 to update, 0 unchanged, 1 skipped.').waitFor();
    const skipped = view().locator('.import-row.a-skip');
    expect(await skipped.innerText()).toContain('Line 4: Orphan Co');
    expect(await skipped.innerText()).toContain('Partner "GHOST" is not on the Partners tab (by Partner ID or Partner Code): import the partners first.');
    await view().getByRole('link', { name: 'Download the 1 skipped row with the reasons (CSV)' }).waitFor();
    // Nothing is written by the preview.
    expect(rows(workspace, 'Leads')).toEqual([]);
    await expectNoHorizontalScroll(page, { body: true, clipped: 'button, label, h2' });

    await view().getByRole('button', { name: 'Import 2 rows' }).click();
    await view().getByRole('heading', { name: 'Imported', level: 2 }).waitFor();
    await view().getByText('2 rows created, 0 updated, 0 unchanged, 1 skipped.').waitFor();
    expect(rows(workspace, 'Leads').map((l) => [l['Lead ID'], l.Company, l.Status, l['Deal Amount'], l['Closed On'], l.Source])).toEqual([
      ['L-000001', 'Won Co', 'Closed Won', '12,000.00', '2026-01-15', 'import'],
      ['L-000002', 'Open Co', 'Qualified', '', '', 'import'],
    ]);
    // The skipped row stays visible with its reason after the import.
    expect(await view().locator('.import-row.a-skip').innerText()).toContain('GHOST');
    await expectNoHorizontalScroll(page, { body: true, clipped: 'button, label, h2' });

    // Importing the same file again changes nothing.
    await view().getByRole('button', { name: 'Preview' }).click();
    await view().getByText('0 rows to create, 0 to update, 2 unchanged, 1 skipped.').waitFor();
    expect(
      await view()
        .getByRole('button', { name: /^Import \d/ })
        .isHidden(),
    ).toBe(true);
    expect(ok<{ total: number }>(workspace, 'apiListLeads', [{ status: 'all' }]).total).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});
