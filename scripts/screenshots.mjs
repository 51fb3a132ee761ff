#!/usr/bin/env node
/**
 * npm run screenshots [-- --days N] [-- --only NAME]: builds the add-on, starts the local workspace
 * on a freshly generated demo programme (in a temporary state file: .local/workspace.json is left
 * alone), opens it in headless Chromium (/usr/bin/chromium or $CHROMIUM_PATH, through playwright-core)
 * and saves one PNG per entry of SHOTS to docs/screenshots/.
 *
 * A shot names a tab to show and/or steps to take; one that cannot be taken (a tab the add-on has
 * not made, a sidebar view that is not there) is skipped with the reason, and the others go on.
 * A shot with `charts: true` warns when the tab holds no chart (the Dashboard before its charts exist).
 * To add a shot, add one line to SHOTS.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'screenshots');

/** Steps shots share: `page` is the workspace page. */
const openSidebar = async (page) => {
  await page.getByRole('menuitem', { name: 'Extensions' }).click();
  await page.getByRole('menuitem', { name: 'Partnership Tracker' }).click();
  await page.getByRole('menuitem', { name: 'Open sidebar' }).click();
  await page.locator('#sidebar-frame').waitFor({ state: 'visible' });
  await settle(page);
};
/** Until the page and the sidebar have made their server calls (google.script.run is a POST from the frame). */
const settle = async (page) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
};
/** Scrolls the grid until its first chart's right edge is in view (charts often sit right of a tab's data). */
const showCharts = async (page) => {
  const chart = page.locator('figure.chart').first();
  if ((await chart.count()) === 0) return;
  await chart.evaluate((element) => element.scrollIntoView({ block: 'nearest', inline: 'end' }));
};
/** Opens the sidebar, then a view by the name of its navigation button or link. */
const sidebarView = (name) => async (page) => {
  await openSidebar(page);
  const frame = page.frameLocator('#sidebar-frame');
  const control = frame
    .getByRole('button', { name, exact: true })
    .or(frame.getByRole('link', { name, exact: true }))
    .or(frame.getByRole('tab', { name, exact: true }))
    .first();
  if ((await control.count()) === 0) throw new Error(`the sidebar has no ${name} view`);
  await control.click();
  await settle(page);
};

/** Steps one after the other. */
const then =
  (...steps) =>
  async (page) => {
    for (const step of steps) await step(page);
  };
/** Clicks the first element the selector finds in the sidebar's view on screen, then waits for its calls. */
const sidebarClick = async (page, selector) => {
  await page.frameLocator('#sidebar-frame').locator('.view:not([hidden])').locator(selector).first().click();
  await settle(page);
};

/** One line a shot: file name, the tab to show, optional steps, viewport. */
const SHOTS = [
  { file: 'dashboard.png', tab: 'Dashboard', charts: true, steps: showCharts, viewport: { width: 2360, height: 1500 } },
  { file: 'sidebar-home.png', tab: 'Dashboard', steps: openSidebar },
  { file: 'sidebar-insights.png', tab: 'Dashboard', steps: sidebarView('Insights') },
  { file: 'sidebar-scorecard.png', tab: 'Dashboard', steps: then(sidebarView('Insights'), (page) => sidebarClick(page, '.top-partners button')) },
];

function parseArgs(argv) {
  const options = { days: undefined, only: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--days') options.days = Number(argv[++i]);
    else if (arg === '--only') options.only = argv[++i];
    else {
      console.error(`Unknown option: ${arg}\nUsage: npm run screenshots [-- --days N] [-- --only FILE]`);
      process.exit(2);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));

execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });

// The workspace server, bundled as npm start bundles it (to .local/, never build/).
const localDir = path.join(root, '.local');
mkdirSync(localDir, { recursive: true });
const serverBundle = path.join(localDir, 'workspace-server.cjs');
await esbuild.build({
  entryPoints: [path.join(root, 'emulator', 'workspace', 'server.ts')],
  outfile: serverBundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'error',
});
const { startWorkspace } = createRequire(import.meta.url)(serverBundle);

const stateDir = mkdtempSync(path.join(tmpdir(), 'screenshots-'));
const workspace = await startWorkspace({
  port: 0,
  projectDir: root,
  buildDir: path.join(root, 'build'),
  stateFile: path.join(stateDir, 'workspace.json'),
  demo: options.days ? { days: options.days } : true,
  log: (message) => console.log(message),
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
});

mkdirSync(outDir, { recursive: true });
const taken = [];
const skipped = [];
try {
  for (const shot of SHOTS.filter((s) => !options.only || s.file === options.only)) {
    const page = await browser.newPage({ viewport: shot.viewport ?? { width: 1440, height: 900 } });
    page.setDefaultTimeout(20000);
    try {
      await page.goto(workspace.url);
      await page.locator('table.grid').waitFor();
      if (shot.tab) {
        const tab = page.locator(`#tabs [role="tab"][data-sheet="${shot.tab}"]`);
        if ((await tab.count()) === 0) throw new Error(`there is no ${shot.tab} tab`);
        await tab.click();
        // eslint-disable-next-line no-undef -- runs in the page
        await page.waitForFunction((name) => document.querySelector('table.grid')?.getAttribute('aria-label') === `${name} sheet`, shot.tab);
      }
      await settle(page);
      if (shot.steps) await shot.steps(page);
      if (shot.charts && (await page.locator('figure.chart').count()) === 0) console.warn(`${shot.file}: the ${shot.tab} tab holds no chart yet.`);
      await page.screenshot({ path: path.join(outDir, shot.file) });
      taken.push(shot.file);
    } catch (e) {
      skipped.push(`${shot.file}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
    } finally {
      await page.close();
    }
  }
} finally {
  await browser.close();
  await workspace.close().catch(() => undefined);
  rmSync(stateDir, { recursive: true, force: true });
}
console.log(`Saved to ${path.relative(root, outDir)}/: ${taken.join(', ') || 'nothing'}`);
for (const line of skipped) console.warn(`Skipped ${line}`);
process.exit(taken.length > 0 ? 0 : 1);
