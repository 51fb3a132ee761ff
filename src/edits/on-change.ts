import { appendAudit } from '../audit/audit-log';
import { sameEmail } from '../domain/roles';
import { trackerState } from '../team/access';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { TABS } from '../tracker/schema';
import { EditorIdentity, auditName } from './identity';

/**
 * The installable change trigger (the owner's): rows and columns inserted or
 * deleted, tabs added, removed or renamed leave no edit event, so they are
 * recorded here, in the Audit Log, with who made them as far as Google says.
 * A deleted row's values are gone by then: the entry says what and when, and
 * Verify and the seals say what no longer adds up.
 */
export interface ChangeEvent {
  changeType?: string;
  user?: GoogleAppsScript.Base.User;
}

const RECORDED: Record<string, string> = {
  INSERT_ROW: 'rows inserted', REMOVE_ROW: 'rows deleted', INSERT_COLUMN: 'columns inserted', REMOVE_COLUMN: 'columns deleted',
  INSERT_GRID: 'a tab added', REMOVE_GRID: 'a tab removed', OTHER: 'a change to the tabs (a rename, a move, or something Google does not name)',
};

export function handleChange(ctx: TrackerContext, e: ChangeEvent): { recorded: boolean; skipped?: string } {
  const what = RECORDED[String(e.changeType ?? '')];
  if (!what) return { recorded: false };
  const roster = trackerState(ctx).roster();
  if (!roster.owner || !sameEmail(roster.owner, ctx.runsAs)) return { recorded: false, skipped: `this trigger runs as ${ctx.runsAs}; the tracker's automation is ${roster.owner || 'not set up'}'s` };
  const email = e.user ? e.user.getEmail() : '';
  // The owner's email may be an anonymous editor's (Google gives them the owner's): no cells to tell by here.
  const identity: EditorIdentity = !email ? { kind: 'unknown' } : sameEmail(email, roster.owner) ? { kind: 'doubtful', email } : { kind: 'known', email };
  // A trigger has no one's view: its getActiveSheet() is the first tab, not where the change was, so no tab is named.
  const names = new Set(ctx.ss.getSheets().map((s) => s.getName()));
  const missing = TABS.filter((t) => !names.has(t.name)).map((t) => t.name);
  const detail = missing.length ? `; tracker tab${missing.length > 1 ? 's' : ''} no longer found by name: ${missing.join(', ')} (setup puts a renamed tab back)` : '';
  withDocumentLock(ctx.ss, () => appendAudit(ctx, [{
    at: ctx.now, user: auditName(identity), source: 'change', tab: '', range: '', recordId: '', field: `(${String(e.changeType)})`, oldValue: '',
    newValue: `${what}${detail}`,
  }]));
  return { recorded: true };
}
