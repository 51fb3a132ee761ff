import { trackerContext } from '../tracker/context';
import { TriggerLimitError } from '../triggers/triggers';
import { runSetup } from './run-setup';

/** Menu "Set up tracker": sets up or upgrades the tracker and says what it changed. */
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
    : report.ranAsOwner
      ? 'The tracker is already set up and up to date; nothing was changed.'
      : 'Nothing was changed.';
  const notices = report.notices.length ? `\n\nNoticed:\n${report.notices.map((n) => `• ${n}`).join('\n')}` : '';
  ui.alert('Partnership Tracker setup', body + notices, ui.ButtonSet.OK);
}
