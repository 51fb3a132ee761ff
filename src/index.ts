/**
 * The only file that exposes functions to Apps Script: menu items, triggers and
 * google.script.run endpoints. Each is assigned to `global`; the build turns
 * every assignment into a top-level function declaration Apps Script can find.
 * Nothing here runs a service at load time (onOpen may run in AuthMode.NONE).
 */
import { buildAddonMenu } from './menu/menu';
import { NO_ARGUMENTS, endpoint } from './sidebar-api/endpoint';
import { trackerOverview } from './sidebar-api/overview';
import { showSidebar } from './sidebar-api/sidebar';
import { setUpTracker } from './tracker/setup';

declare const global: Record<string, unknown>;

function runSetup() {
  const lock = LockService.getDocumentLock();
  lock.waitLock(30000);
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const owner = Session.getEffectiveUser().getEmail();
    const report = setUpTracker(ss, PropertiesService.getDocumentProperties(), { ownerEmail: owner });
    SpreadsheetApp.flush();
    return report;
  } finally {
    lock.releaseLock();
  }
}

/** Simple trigger: adds the add-on menu (any AuthMode). */
global.onOpen = function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen) {
  buildAddonMenu(SpreadsheetApp.getUi());
};

/** Runs once when the add-on is installed (AuthMode FULL): show the menu at once. */
global.onInstall = function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall) {
  (global.onOpen as (e?: unknown) => void)(e);
};

global.menuSetUpTracker = function menuSetUpTracker() {
  const report = runSetup();
  const ui = SpreadsheetApp.getUi();
  const body = report.changes.length
    ? report.changes.map((c) => `• ${c}`).join('\n')
    : 'The tracker is already set up and up to date; nothing was changed.';
  const notices = report.notices.length ? `\n\nNoticed:\n${report.notices.map((n) => `• ${n}`).join('\n')}` : '';
  ui.alert('Partnership Tracker setup', body + notices, ui.ButtonSet.OK);
};

global.menuOpenSidebar = function menuOpenSidebar() {
  showSidebar();
};

global.apiGetOverview = endpoint(NO_ARGUMENTS, () =>
  trackerOverview(SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties()),
);

global.apiRunSetup = endpoint(NO_ARGUMENTS, () => runSetup());
