import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { RunningWorkspace, startWorkspace, WorkspaceOptions } from '../../emulator/workspace/server';
import { BUILD_DIR, ROOT, ensureBuilt } from './build';

/** Shared setup of the Chromium tests: Debian's Chromium (one shared browser, see ./chromium), driven by playwright-core, against the local workspace. */

/** A desktop-sized page with a 15 s default timeout. */
export async function newWorkspacePage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(15000);
  return page;
}

export interface TestWorkspace {
  workspace: RunningWorkspace;
  /** Temporary directory holding the workspace's state file. */
  stateDir: string;
  /** Closes the workspace and removes stateDir; a failing close is ignored so it cannot hide the tests' own results. */
  cleanup(): Promise<void>;
}

/** What a test workspace starts as: `demo` opens the demo programme, as `npm start` does (a shorter history keeps a test quick). */
export interface TestWorkspaceOptions {
  demo?: WorkspaceOptions['demo'];
}

/**
 * Starts the local workspace on a free port with a state file in a new temporary
 * directory (named from `prefix`). Without `buildDir` it runs the real add-on
 * from build/, building it first when stale; fixture add-ons pass their own.
 */
export async function startTestWorkspace(prefix: string, buildDir: string = BUILD_DIR, options: TestWorkspaceOptions = {}): Promise<TestWorkspace> {
  if (buildDir === BUILD_DIR) ensureBuilt();
  const stateDir = mkdtempSync(path.join(tmpdir(), prefix));
  const removeStateDir = () => rmSync(stateDir, { recursive: true, force: true });
  let workspace: RunningWorkspace;
  try {
    workspace = await startWorkspace({ port: 0, stateFile: path.join(stateDir, 'workspace.json'), buildDir, projectDir: ROOT, ...options });
  } catch (e) {
    removeStateDir();
    throw e;
  }
  return {
    workspace,
    stateDir,
    cleanup: async () => {
      await workspace.close().catch(() => undefined);
      removeStateDir();
    },
  };
}

/** Collects the page's uncaught errors and console errors, for a final `expect(errors).toEqual([])`. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console (${m.location().url}): ${m.text()}`);
  });
  return errors;
}

/** Collects the names of the server functions the page calls through google.script.run (POST /api/run), in order. */
export function watchServerCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/run')) calls.push((JSON.parse(request.postData() ?? '{}') as { name: string }).name);
  });
  return calls;
}

/** Everything a Chromium test of the local workspace drives, from openWorkspaceInChromium. */
export interface WorkspaceInChromium extends TestWorkspace {
  browser: Browser;
  page: Page;
  /** The add-on sidebar's iframe. */
  sidebar: FrameLocator;
  /** From watchPageErrors. */
  pageErrors: string[];
  /** From watchServerCalls. */
  serverCalls: string[];
  /** Closes the browser, then the workspace (see TestWorkspace.cleanup). */
  close(): Promise<void>;
}

/**
 * Launches Chromium, starts the workspace (startTestWorkspace: the real build
 * unless `buildDir` names a fixture) and opens a page that records its errors
 * and server calls. Whatever was opened is closed again if a later step throws.
 */
export async function openWorkspaceInChromium(prefix: string, buildDir?: string, options: TestWorkspaceOptions = {}): Promise<WorkspaceInChromium> {
  const browser = await launchChromium();
  let started: TestWorkspace | undefined;
  try {
    started = await startTestWorkspace(prefix, buildDir, options);
    const page = await newWorkspacePage(browser);
    const testWorkspace = started;
    return {
      ...testWorkspace,
      browser,
      page,
      sidebar: page.frameLocator('#sidebar-frame'),
      pageErrors: watchPageErrors(page),
      serverCalls: watchServerCalls(page),
      close: async () => {
        await browser.close();
        await testWorkspace.cleanup();
      },
    };
  } catch (e) {
    await browser.close();
    await started?.cleanup();
    throw e;
  }
}

// ---- the page's grid, tabs, toasts and person switcher ----

/** A cell of the grid on screen (1-based). */
export function gridCell(page: Page, row: number, column: number): Locator {
  return page.locator(`table.grid td[data-row="${row}"][data-column="${column}"]`);
}

/** Waits until a grid cell shows exactly `text`. */
export async function waitForCellText(page: Page, row: number, column: number, text: string): Promise<void> {
  await page.waitForFunction(([r, c, expected]) => document.querySelector(`table.grid td[data-row="${r}"][data-column="${c}"]`)?.textContent === expected, [row, column, text] as const);
}

/** The "You are:" list in the top bar. */
export function personSelect(page: Page): Locator {
  return page.getByLabel('You are:');
}

/** Chooses a person under "You are:" (by the start of their option's label) and waits until the page has reopened the file as them. */
export async function choosePerson(page: Page, labelStart: string): Promise<void> {
  const select = personSelect(page);
  const value = await select.locator('option').evaluateAll((options, start) => (options as HTMLOptionElement[]).find((o) => o.textContent?.startsWith(start))?.value ?? null, labelStart);
  if (value === null) throw new Error(`no person "${labelStart}…" under You are:`);
  await select.selectOption(value);
  await page.waitForFunction((id) => {
    const element = document.getElementById('person-select') as HTMLSelectElement | null;
    return element !== null && !element.disabled && element.value === id && document.body.getAttribute('aria-busy') === null;
  }, value);
}

/** A toast the add-on raised, by its text. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('#toasts .toast').filter({ hasText: text });
}

/**
 * Puts `text` on the clipboard and pastes it with Ctrl+V into whatever has focus,
 * as a person pasting cells copied from another spreadsheet.
 */
export async function pasteWithKeyboard(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('Control+V');
}
