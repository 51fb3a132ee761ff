import { checkTracker } from '../adoption/adopt';
import { listRowProblems } from '../adoption/row-problems';
import { requireRole } from '../team/access';
import { trackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { CheckTrackerView, RowProblemsView } from './contract';
import { NO_ARGUMENTS, endpoint, writeEndpoint } from './endpoint';

/**
 * Rows typed or pasted into the tracker: Check tracker adopts or explains every one (a manager's
 * action: it writes the Commission Rules and Lists tabs, which managers hold), and the rows still
 * needing attention are listed for the whole team.
 */
export const apiCheckTracker = /* @__PURE__ */ writeEndpoint(NO_ARGUMENTS, (): CheckTrackerView => {
  const ctx = trackerContext('sidebar');
  requireRole(ctx, 'checkTracker');
  return withDocumentLock(ctx.ss, () => checkTracker(ctx));
});

export const apiListRowProblems = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): RowProblemsView => listRowProblems(trackerContext('sidebar')));
