/**
 * The only file that exposes functions to Apps Script: menu items, triggers and
 * google.script.run endpoints. Each is exported under the name Apps Script calls;
 * scripts/build.mjs writes a top-level function declaration of that name for every
 * export of this file (Apps Script only finds functions declared at the top level).
 * Only imports and exports: each function lives in its feature's module. Nothing
 * here runs a service at load time (onOpen may run in AuthMode.NONE). The menu
 * (menu/menu.ts), the installable triggers (triggers/triggers.ts) and the
 * sidebar (sidebar-api/registry.ts) name what they call with src/exposed.ts's
 * ExposedName, and tests/bundle/registry.test.ts checks that they all agree.
 */

// Simple triggers: the add-on menu.
export { onOpen, onInstall } from './menu/menu';

// Menu items.
export { menuSetUpTracker } from './setup/entry-points';
export { showSidebar as menuOpenSidebar } from './sidebar-api/sidebar';
export { menuCreatePartnerForm, menuProcessMissedResponses } from './partner-form/entry-points';
export { menuRunPayouts, menuExportPayouts } from './payouts/entry-points';
export { menuVerifyAuditLog } from './audit/entry-points';
export { menuCheckTracker } from './adoption/entry-points';
export { menuRefreshPartnerSheets } from './partner-sheets/entry-points';
export { menuCreateApplicationForm } from './applications/entry-points';
export { menuRefreshDashboard } from './dashboard/entry-points';

// Installable triggers (the owner's).
export { onPartnerFormSubmit } from './partner-form/entry-points';
export { onTrackerMaintenance, onDailyMaintenance } from './maintenance/entry-points';
export { onTrackerEdit, onTrackerChange } from './edits/entry-points';

// The sidebar's endpoints, each under the name the sidebar calls.
export * from './sidebar-api/registry';
