import { appendAudit } from '../audit/audit-log';
import { sameEmail } from '../domain/roles';
import { trackerState } from '../team/access';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { readTabIdentities } from '../tracker/identity';
import { reference } from '../tracker/reference';
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
  INSERT_ROW: 'rows inserted',
  REMOVE_ROW: 'rows deleted',
  INSERT_COLUMN: 'columns inserted',
  REMOVE_COLUMN: 'columns deleted',
  INSERT_GRID: 'a tab added',
  REMOVE_GRID: 'a tab removed',
  OTHER: 'a change to the tabs (a rename, a move, or something Google does not name)',
};

/** Changes that move columns or tabs (rows leave the header row where it is). */
const STRUCTURAL = new Set(['INSERT_COLUMN', 'REMOVE_COLUMN', 'INSERT_GRID', 'REMOVE_GRID', 'OTHER']);

export function handleChange(ctx: TrackerContext, e: ChangeEvent): { recorded: boolean; skipped?: string } {
  const what = RECORDED[String(e.changeType ?? '')];
  if (!what) return { recorded: false };
  // Columns inserted or removed, tabs added, removed or renamed: the cached header positions no longer hold.
  if (STRUCTURAL.has(String(e.changeType))) reference(ctx.ss).drop('headers');
  const roster = trackerState(ctx).roster();
  if (!roster.owner || !sameEmail(roster.owner, ctx.runsAs)) return { recorded: false, skipped: `this trigger runs as ${ctx.runsAs}; the tracker's automation is ${roster.owner || 'not set up'}'s` };
  const email = e.user ? e.user.getEmail() : '';
  // The owner's email may be an anonymous editor's (Google gives them the owner's): no cells to tell by here.
  const identity: EditorIdentity = !email ? { kind: 'unknown' } : sameEmail(email, roster.owner) ? { kind: 'doubtful', email } : { kind: 'known', email };
  // A trigger has no one's view: its getActiveSheet() is the first tab, not where the change was, so no tab is named.
  const detail = missingTabs(ctx.ss);
  withDocumentLock(ctx.ss, () =>
    appendAudit(ctx, [
      {
        at: ctx.now,
        user: auditName(identity),
        source: 'change',
        tab: '',
        range: '',
        recordId: '',
        field: `(${String(e.changeType)})`,
        oldValue: '',
        newValue: `${what}${detail}`,
      },
    ]),
  );
  return { recorded: true };
}

/** Tracker tabs no sheet is named as: renamed ones (their identity says where they are: one read, only then) and gone ones. */
function missingTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  const names = new Set(ss.getSheets().map((s) => s.getName()));
  const missing = TABS.filter((t) => !names.has(t.name));
  if (missing.length === 0) return '';
  const identities = readTabIdentities(ss);
  const renamed: string[] = [];
  const gone: string[] = [];
  for (const def of missing) {
    const carriers = identities.get(def.key) ?? [];
    if (carriers.length) renamed.push(`${def.name} renamed to "${carriers.map((c) => c.name).join('", "')}"`);
    else gone.push(def.name);
  }
  const tabs = (n: number) => `tracker tab${n > 1 ? 's' : ''}`;
  return (
    (renamed.length ? `; ${tabs(renamed.length)} ${renamed.join(', ')}: still tracked, Set up tracker puts the name back` : '') +
    (gone.length ? `; ${tabs(gone.length)} ${gone.join(', ')} gone: Set up tracker recreates ${gone.length > 1 ? 'them' : 'it'}` : '')
  );
}
