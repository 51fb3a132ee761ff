import type { ExposedName } from '../exposed';

/** The add-on menu. Built in any AuthMode (onOpen may run in NONE), so it touches no document or property. */
export const MENU_ITEMS = [
  { caption: 'Set up tracker', functionName: 'menuSetUpTracker' },
  { caption: 'Open sidebar', functionName: 'menuOpenSidebar' },
  { caption: 'Create partner form', functionName: 'menuCreatePartnerForm' },
  { caption: 'Process missed form responses', functionName: 'menuProcessMissedResponses' },
  { caption: 'Run payouts now', functionName: 'menuRunPayouts' },
  { caption: 'Export payouts', functionName: 'menuExportPayouts' },
  { caption: 'Verify audit log', functionName: 'menuVerifyAuditLog' },
  { caption: 'Check tracker', functionName: 'menuCheckTracker' },
  { caption: 'Refresh partner sheets', functionName: 'menuRefreshPartnerSheets' },
  { caption: 'Create application form', functionName: 'menuCreateApplicationForm' },
  { caption: 'Refresh dashboard', functionName: 'menuRefreshDashboard' },
] as const satisfies ReadonlyArray<{ caption: string; functionName: ExposedName }>;

export type MenuFunctionName = (typeof MENU_ITEMS)[number]['functionName'];

export function buildAddonMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

/** Simple trigger: adds the add-on menu (any AuthMode). */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen) {
  buildAddonMenu(SpreadsheetApp.getUi());
}

/** Runs once when the add-on is installed (AuthMode FULL): show the menu at once. */
export function onInstall(_e?: GoogleAppsScript.Events.AddonOnInstall) {
  onOpen();
}
