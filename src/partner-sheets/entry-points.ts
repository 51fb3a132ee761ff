import { runsAsOwner } from '../team/access';
import { trackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { refreshPartnerSheets } from './partner-sheets';

const TITLE = 'Refresh partner sheets';

/**
 * Menu "Refresh partner sheets" (the owner's): makes, refreshes and re-shares every partner's
 * sheet now instead of waiting for the hourly run; partners beyond the run's time budget are left
 * to the next hourly run. The sheets are the owner's files, so nobody else may.
 */
export function menuRefreshPartnerSheets() {
  const ctx = trackerContext('menu');
  const ui = SpreadsheetApp.getUi();
  if (!runsAsOwner(ctx)) {
    ui.alert(TITLE, "Partner sheets are files in the tracker owner's Drive, so only the owner can refresh them. The owner's hourly run refreshes them after every change anyway.", ui.ButtonSet.OK);
    return;
  }
  const outcome = refreshPartnerSheets(ctx, (task) => withDocumentLock(ctx.ss, () => task()), Date.now(), { all: true });
  const lines = [
    `${outcome.refreshed.length} partner ${outcome.refreshed.length === 1 ? 'sheet' : 'sheets'} refreshed (${outcome.created.length} new).`,
    `${outcome.shared} ${outcome.shared === 1 ? 'contact' : 'contacts'} given access, ${outcome.unshared} removed.`,
    outcome.waiting ? `${outcome.waiting} more wait for the next hourly run.` : '',
    ...outcome.notes,
  ].filter(Boolean);
  ui.alert(TITLE, lines.join('\n'), ui.ButtonSet.OK);
}
