/**
 * The only file that exposes functions to Apps Script: menu items, triggers and
 * google.script.run endpoints. Each is exported under the name Apps Script calls;
 * scripts/build.mjs writes a top-level function declaration of that name for every
 * export of this file (Apps Script only finds functions declared at the top level).
 * Nothing here runs a service at load time (onOpen may run in AuthMode.NONE),
 * and nothing here decides anything: each entry hands over to its module.
 */
import { verifyAuditLog } from './audit/verify';
import { handleChange } from './edits/on-change';
import { handleEdit } from './edits/on-edit';
import { runMaintenance } from './maintenance/hourly';
import { buildAddonMenu } from './menu/menu';
import { existingPartnerForm, formLink, pendingPartnerForm, setUpPartnerForm } from './partner-form/form-setup';
import { handlePartnerFormSubmit } from './partner-form/intake';
import { reconcileFormResponses } from './partner-form/reconcile';
import { exportPayouts } from './payouts/export';
import { runPayouts } from './payouts/run';
import { runSetup } from './setup/run-setup';
import { resolvePeriod } from './sidebar-api/payout-endpoints';
import { showSidebar } from './sidebar-api/sidebar';
import { whyNot } from './team/access';
import { trackerContext } from './tracker/context';
import { withDocumentLock } from './tracker/lock';
import { TriggerLimitError } from './triggers/triggers';

/** Simple trigger: adds the add-on menu (any AuthMode). */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen) {
  buildAddonMenu(SpreadsheetApp.getUi());
}

/** Runs once when the add-on is installed (AuthMode FULL): show the menu at once. */
export function onInstall(_e?: GoogleAppsScript.Events.AddonOnInstall) {
  onOpen();
}

export function menuSetUpTracker() {
  const ui = SpreadsheetApp.getUi();
  let report: ReturnType<typeof runSetup>;
  try {
    report = runSetup(trackerContext('setup'));
  } catch (e) {
    if (!(e instanceof TriggerLimitError)) throw e;
    ui.alert('Partnership Tracker setup', e.message, ui.ButtonSet.OK);
    return;
  }
  const body = report.changes.length
    ? report.changes.map((c) => `• ${c}`).join('\n')
    : report.ranAsOwner ? 'The tracker is already set up and up to date; nothing was changed.' : 'Nothing was changed.';
  const notices = report.notices.length ? `\n\nNoticed:\n${report.notices.map((n) => `• ${n}`).join('\n')}` : '';
  ui.alert('Partnership Tracker setup', body + notices, ui.ButtonSet.OK);
}

export function menuOpenSidebar() {
  showSidebar();
}

export function menuCreatePartnerForm() {
  const ui = SpreadsheetApp.getUi();
  const ctx = trackerContext('menu');
  // The form's trigger turns responses into leads as the owner: only the owner creates it.
  const why = whyNot(ctx, 'createForm');
  if (why) {
    ui.alert('Partner form', why, ui.ButtonSet.OK);
    return;
  }
  const properties = ctx.properties as GoogleAppsScript.Properties.Properties;
  const existing = existingPartnerForm(properties);
  let replace = false;
  // A form an earlier attempt started is finished without asking again.
  if (existing && !pendingPartnerForm(properties)) {
    const answer = ui.alert(
      'Partner form',
      `This tracker already has a partner form:\n${formLink(existing)}\n\nReplace it with a new form? The old form will stop accepting responses. Choose No to keep it (its trigger and links are checked).`,
      ui.ButtonSet.YES_NO,
    );
    replace = answer === ui.Button.YES;
  }
  const result = setUpPartnerForm(ctx.ss, properties, { replace });
  if ('refused' in result) {
    ui.alert('Partner form', result.refused, ui.ButtonSet.OK);
    return;
  }
  const lines = [
    result.created ? 'Created the partner form.' : 'The partner form is already set up.',
    `Send partners this link: ${result.publishedUrl}`,
    `Edit the form: ${result.editUrl}`,
    result.trigger === 'installed' ? 'Installed the trigger that turns responses into leads.' : 'The trigger that turns responses into leads is in place.',
    ...(result.replacedFormId ? ['The previous form no longer accepts responses.'] : []),
  ];
  ui.alert('Partner form', lines.join('\n'), ui.ButtonSet.OK);
}

/** Installable spreadsheet form-submit trigger (the owner's): a partner registered a lead through the form. */
export function onPartnerFormSubmit(e: GoogleAppsScript.Events.SheetsOnFormSubmit) {
  const ctx = trackerContext('form');
  const outcome = handlePartnerFormSubmit(ctx, e);
  console.log(`partner form response: ${JSON.stringify(outcome)}`);
  // Responses an earlier run died on are picked up now, while this run is here.
  if (outcome.kind !== 'ignored') console.log(`missed responses: ${JSON.stringify(reconcileFormResponses(ctx))}`);
}

export function menuProcessMissedResponses() {
  const ctx = trackerContext('menu');
  const ui = SpreadsheetApp.getUi();
  // The intake mails partners from the tracker's account: the owner's.
  const why = whyNot(ctx, 'createForm');
  if (why) {
    ui.alert('Form responses', why.replace('Creating the partner form', 'Processing form responses'), ui.ButtonSet.OK);
    return;
  }
  const result = reconcileFormResponses(ctx);
  const mail = result.mailQueued ? ` Queued ${result.mailQueued} partner email(s) a stopped run had not.` : '';
  ui.alert('Form responses', (result.found === 0
    ? 'Every partner form response has its lead or its Form Inbox row.'
    : `Processed ${result.processed.length} of ${result.found} response(s) nothing had come of: ${result.processed.map((p) => `${p.key} → ${p.outcome}`).join(', ')}.`) + mail, ui.ButtonSet.OK);
}

/** Installable time-driven trigger (the owner's), hourly: see maintenance/hourly.ts. */
export function onTrackerMaintenance(e?: GoogleAppsScript.Events.TimeDriven) {
  const outcome = runMaintenance(e?.triggerUid, Date.now());
  if (outcome.ran) console.log(`maintenance: ${JSON.stringify(outcome.steps)}`);
  else console.warn(`maintenance skipped: ${outcome.why}`);
}

/** The daily trigger of trackers set up before schema 6: runs the same steps until setup replaces it. */
export function onDailyMaintenance(e?: GoogleAppsScript.Events.TimeDriven) {
  onTrackerMaintenance(e);
}

/** Installable edit trigger (the owner's): audit every edit and enforce the tracker's rules. */
export function onTrackerEdit(e: GoogleAppsScript.Events.SheetsOnEdit) {
  // The editor is whoever Google names in the event; this run itself is the owner's.
  const outcome = handleEdit(trackerContext('edit', ''), e);
  if (outcome.refused.length || outcome.restored.length || outcome.skipped) console.log(`edit: ${JSON.stringify(outcome)}`);
}

/** Installable change trigger (the owner's): rows, columns and tabs inserted, deleted or renamed are audited. */
export function onTrackerChange(e: GoogleAppsScript.Events.SheetsOnChange) {
  const outcome = handleChange(trackerContext('change', ''), e);
  if (outcome.skipped) console.log(`change: ${outcome.skipped}`);
}

export function menuRunPayouts() {
  const ctx = trackerContext('menu');
  const ui = SpreadsheetApp.getUi();
  const why = whyNot(ctx, 'runPayouts');
  if (why) {
    ui.alert('Payouts', why, ui.ButtonSet.OK);
    return;
  }
  const { period } = resolvePeriod(ctx, undefined);
  const run = runPayouts(ctx, period, { source: `menu: ${ctx.actor}`, startedAtMs: Date.now(), critical: (task) => withDocumentLock(ctx.ss, task) });
  ui.alert('Payouts', run.message, ui.ButtonSet.OK);
}

export function menuExportPayouts() {
  const ctx = trackerContext('menu');
  const ui = SpreadsheetApp.getUi();
  const why = whyNot(ctx, 'exportPayouts');
  if (why) {
    ui.alert('Export payouts', why, ui.ButtonSet.OK);
    return;
  }
  const { period } = resolvePeriod(ctx, undefined);
  const file = exportPayouts(ctx, period);
  ui.alert('Export payouts', `Wrote ${file.rows} approved payout(s) for ${period.label} to ${file.fileName} in your Drive:\n${file.url}`, ui.ButtonSet.OK);
}

export function menuVerifyAuditLog() {
  const ui = SpreadsheetApp.getUi();
  // A receipt from a digest or payout summary email proves the log still holds what it held then.
  const asked = ui.prompt('Verify audit log', 'To check a receipt from an email ("Audit receipt: N rows · …"), paste it here. Leave it empty to check the log alone.', ui.ButtonSet.OK_CANCEL);
  if (asked.getSelectedButton() === ui.Button.CANCEL) return;
  const report = verifyAuditLog(SpreadsheetApp.getActiveSpreadsheet(), PropertiesService.getDocumentProperties(), asked.getResponseText());
  ui.alert('Audit log', report.receipt ? `${report.message}\n\nReceipt: ${report.receipt.message}` : report.message, ui.ButtonSet.OK);
}

// The sidebar's endpoints, each under the name the sidebar calls.
export * from './sidebar-api/registry';
