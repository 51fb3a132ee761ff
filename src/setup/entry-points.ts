import { trackerContext } from '../tracker/context';
import { TriggerLimitError } from '../triggers/triggers';
import { setupNextSteps } from './next-steps';
import { runSetup } from './run-setup';

/**
 * Menu "Set up tracker": sets up or upgrades the tracker, says in a few lines
 * what it did (the full list is in the Audit Log), and ends with the next three
 * steps, opening the tab the first one happens in.
 */
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
  const ctx = trackerContext('setup');
  const steps = report.ranAsOwner ? setupNextSteps(ctx) : [];
  const done = report.changes.length
    ? report.fromVersion === null
      ? `The tracker is set up: its tabs, protections and automation are in place (${report.changes.length} changes, each in the Audit Log).`
      : report.changes.length <= 3
        ? report.changes.map((c) => `• ${c}`).join('\n')
        : `The tracker is up to date: ${report.changes.length} changes, each in the Audit Log.`
    : report.ranAsOwner
      ? 'The tracker is already set up and up to date; nothing was changed.'
      : 'Nothing was changed.';
  const notices = report.notices.length ? `\n\nNoticed:\n${report.notices.map((n) => `• ${n}`).join('\n')}` : '';
  const next = steps.length ? `\n\nNext:\n${steps.map((step, i) => `${i + 1}. ${step.text}`).join('\n')}` : '';
  // Not left on Sheet1: the tab where the first step happens.
  const tab = steps.find((step) => step.tab)?.tab;
  const sheet = tab ? ctx.ss.getSheetByName(tab) : null;
  if (sheet) sheet.activate();
  ui.alert('Partnership Tracker setup', done + notices + next, ui.ButtonSet.OK);
}
