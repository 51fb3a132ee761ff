import { allowedFromMenu } from '../team/access';
import { trackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { checkTracker } from './adopt';

/** Menu "Check tracker": adopts or explains every row typed, pasted or appended into Partners, Leads, Commission Rules and Lists. */
export function menuCheckTracker() {
  const ctx = trackerContext('menu');
  if (!allowedFromMenu(ctx, 'checkTracker', 'Check tracker')) return;
  const result = withDocumentLock(ctx.ss, () => checkTracker(ctx));
  const ui = SpreadsheetApp.getUi();
  ui.alert('Check tracker', result.summary, ui.ButtonSet.OK);
}
