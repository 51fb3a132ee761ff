/**
 * The only file that exposes functions to Apps Script: menu items, triggers and
 * google.script.run endpoints. Each is assigned to `global`; the build turns
 * every assignment into a top-level function declaration Apps Script can find.
 * Nothing here runs a service at load time (onOpen may run in AuthMode.NONE).
 */
import { appendAudit } from './audit/audit-log';
import { expireLeads } from './leads/expiry';
import { retryQueuedMail } from './mail/mailer';
import { buildAddonMenu } from './menu/menu';
import { existingPartnerForm, setUpPartnerForm } from './partner-form/form-setup';
import { handlePartnerFormSubmit } from './partner-form/intake';
import { NO_ARGUMENTS, endpoint } from './sidebar-api/endpoint';
import {
  apiGetRegistrationOptions, apiListLeads, apiListPartners, apiMoveLead, apiRegisterLead, apiSavePartner,
} from './sidebar-api/lead-endpoints';
import { trackerOverview } from './sidebar-api/overview';
import { showSidebar } from './sidebar-api/sidebar';
import { TrackerContext, trackerContext } from './tracker/context';
import { withScriptLock } from './tracker/lock';
import { setUpTracker } from './tracker/setup';
import { readSettings } from './tracker/settings-tab';
import { ensureDailyTrigger, ensureEditTrigger, spreadsheetIdForDailyTrigger } from './triggers/triggers';
import { readRuleRows } from './commissions/commission-store';
import { promotePayable } from './commissions/engine';
import { parseRules } from './domain/commissions';
import { handleEdit } from './edits/on-edit';
import { verifyAuditLog } from './audit/verify';
import { apiApproveCommissions, apiListApprovals, apiVoidCommissions } from './sidebar-api/commission-endpoints';
import {
  apiApprovePayouts, apiExportPayouts, apiGetPayouts, apiMarkPayoutsPaid, apiPreviewPayouts, apiRunPayouts, resolvePeriod,
} from './sidebar-api/payout-endpoints';
import { cannotApprove } from './commissions/engine';
import { exportPayouts } from './payouts/export';
import { runPayouts } from './payouts/run';
import { scheduledPayouts } from './payouts/schedule';

declare const global: Record<string, unknown>;

function runSetup() {
  const lock = LockService.getDocumentLock();
  lock.waitLock(30000);
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const owner = Session.getEffectiveUser().getEmail();
    const report = setUpTracker(ss, PropertiesService.getDocumentProperties(), { ownerEmail: owner });
    const hour = readSettings(ss).settings.payoutHour;
    const daily = ensureDailyTrigger(ss, hour);
    if (daily !== 'present') {
      report.changes.push(`${daily === 'installed' ? 'Installed' : 'Moved'} the daily trigger (at ${hour}:00): it expires unprotected leads, makes commissions payable, sends the digest and runs payouts on schedule.`);
    }
    if (ensureEditTrigger(ss) === 'installed') report.changes.push('Installed the edit trigger that audits every edit and enforces the tracker\'s rules.');
    const rules = parseRules(readRuleRows(ss, ss.getSpreadsheetTimeZone()));
    report.notices.push(...rules.problems.map((p) => `Commission Rules: ${p.message}`));
    if (report.changes.length) {
      const ctx = trackerContext('setup', owner);
      withScriptLock(() => appendAudit(ctx, report.changes.map((change) => ({
        at: ctx.now, user: owner, source: 'setup', tab: '', range: '', recordId: '', field: '(setup)', oldValue: report.fromVersion === null ? '' : `schema ${report.fromVersion}`, newValue: change,
      }))));
    }
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

global.menuCreatePartnerForm = function menuCreatePartnerForm() {
  const ui = SpreadsheetApp.getUi();
  const properties = PropertiesService.getDocumentProperties();
  const existing = existingPartnerForm(properties);
  let replace = false;
  if (existing) {
    const answer = ui.alert(
      'Partner form',
      `This tracker already has a partner form:\n${existing.getPublishedUrl()}\n\nReplace it with a new form? The old form will stop accepting responses. Choose No to keep it (its trigger and links are checked).`,
      ui.ButtonSet.YES_NO,
    );
    replace = answer === ui.Button.YES;
  }
  const result = setUpPartnerForm(SpreadsheetApp.getActiveSpreadsheet(), properties, { replace });
  const lines = [
    result.created ? 'Created the partner form.' : 'The partner form is already set up.',
    `Send partners this link: ${result.publishedUrl}`,
    `Edit the form: ${result.editUrl}`,
    result.trigger === 'installed' ? 'Installed the trigger that turns responses into leads.' : 'The trigger that turns responses into leads is in place.',
    ...(result.replacedFormId ? ['The previous form no longer accepts responses.'] : []),
  ];
  ui.alert('Partner form', lines.join('\n'), ui.ButtonSet.OK);
};

/** Installable spreadsheet form-submit trigger: a partner registered a lead through the form. */
global.onPartnerFormSubmit = function onPartnerFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit) {
  const ctx = trackerContext('form', Session.getEffectiveUser().getEmail());
  const outcome = handlePartnerFormSubmit(ctx, e);
  console.log(`partner form response: ${JSON.stringify(outcome)}`);
};

/** Installable time-driven trigger, daily at the payout hour: expiry and digest, payable commissions, scheduled payouts, queued mail. */
global.onDailyMaintenance = function onDailyMaintenance(e?: GoogleAppsScript.Events.TimeDriven) {
  const startedAtMs = Date.now();
  // An add-on's time-driven run has no active document: open the tracker this trigger was installed for.
  const ssId = spreadsheetIdForDailyTrigger(e?.triggerUid);
  const ss = ssId ? SpreadsheetApp.openById(ssId) : null;
  if (!ss) {
    console.error(`daily maintenance: trigger ${e?.triggerUid ?? '(none)'} is not mapped to a tracker; run "Set up tracker" in the spreadsheet again.`);
    return;
  }
  const owner = Session.getEffectiveUser().getEmail();
  const ctx: TrackerContext = { ss, properties: null, timeZone: ss.getSpreadsheetTimeZone(), now: new Date(), actor: owner, source: 'daily' };
  const result = withScriptLock(() => {
    const expiry = expireLeads(ctx, owner);
    const payable = promotePayable(ctx);
    const payouts = scheduledPayouts(ctx, startedAtMs);
    const mail = retryQueuedMail(ss, ctx.now);
    return { ...expiry, payable, payouts, mail };
  });
  console.log(`daily maintenance: ${JSON.stringify(result)}`);
};

/** Installable edit trigger: audit every edit a person makes and enforce the tracker's rules. */
global.onTrackerEdit = function onTrackerEdit(e: GoogleAppsScript.Events.SheetsOnEdit) {
  const user = e.user ? e.user.getEmail() : '';
  const outcome = handleEdit(trackerContext('edit', user || Session.getActiveUser().getEmail()), e);
  if (outcome.refused.length || outcome.restored.length) console.log(`edit: ${JSON.stringify(outcome)}`);
};

global.menuRunPayouts = function menuRunPayouts() {
  const ctx = trackerContext('menu');
  const ui = SpreadsheetApp.getUi();
  const why = cannotApprove(readSettings(ctx.ss).settings.managerEmails, ctx.actor);
  if (why) {
    ui.alert('Payouts', why.replace('approve commissions', 'run payouts'), ui.ButtonSet.OK);
    return;
  }
  const { period } = resolvePeriod(ctx, undefined);
  const run = withScriptLock(() => runPayouts(ctx, period, { source: `menu: ${ctx.actor}`, startedAtMs: Date.now() }));
  ui.alert('Payouts', run.message, ui.ButtonSet.OK);
};

global.menuExportPayouts = function menuExportPayouts() {
  const ctx = trackerContext('menu');
  const ui = SpreadsheetApp.getUi();
  const { period } = resolvePeriod(ctx, undefined);
  const file = exportPayouts(ctx, period);
  ui.alert('Export payouts', `Wrote ${file.rows} approved payout(s) for ${period.label} to ${file.fileName} in your Drive:\n${file.url}`, ui.ButtonSet.OK);
};

global.menuVerifyAuditLog = function menuVerifyAuditLog() {
  const report = verifyAuditLog(SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties());
  const ui = SpreadsheetApp.getUi();
  ui.alert('Audit log', report.message, ui.ButtonSet.OK);
};

global.apiGetOverview = endpoint(NO_ARGUMENTS, () =>
  trackerOverview(SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties()),
);

global.apiRunSetup = endpoint(NO_ARGUMENTS, () => runSetup());
global.apiListPartners = apiListPartners;
global.apiSavePartner = apiSavePartner;
global.apiGetRegistrationOptions = apiGetRegistrationOptions;
global.apiRegisterLead = apiRegisterLead;
global.apiListLeads = apiListLeads;
global.apiMoveLead = apiMoveLead;
global.apiListApprovals = apiListApprovals;
global.apiApproveCommissions = apiApproveCommissions;
global.apiVoidCommissions = apiVoidCommissions;
global.apiPreviewPayouts = apiPreviewPayouts;
global.apiGetPayouts = apiGetPayouts;
global.apiRunPayouts = apiRunPayouts;
global.apiApprovePayouts = apiApprovePayouts;
global.apiMarkPayoutsPaid = apiMarkPayoutsPaid;
global.apiExportPayouts = apiExportPayouts;
