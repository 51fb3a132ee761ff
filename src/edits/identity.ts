import { Role, Roster, rolesOf, sameEmail } from '../domain/roles';
import { PROTECTION_PREFIX } from '../team/protections';

/**
 * Who made an edit, as honestly as Google allows. The installable edit
 * trigger runs as the owner; Google hands it `e.user`, which is:
 * - the editor's email for a Workspace account in the owner's domain;
 * - blank for personal (consumer) accounts and other domains;
 * - the OWNER's email for an anonymous "anyone with the link" editor
 *   (observed; not documented by Google).
 * So a blank identity is unknown, and one equal to the owner's is doubtful:
 * it is the owner only where a real tracker protection keeps anonymous
 * editors out of the edited cells. Nothing falls back to getActiveUser(),
 * which in an installable trigger is not the editor either.
 */
export type EditorIdentity =
  | { kind: 'known'; email: string }
  | { kind: 'unknown' }
  /** The owner's email, on cells anyone could have edited: perhaps an anonymous editor. */
  | { kind: 'doubtful'; email: string };

export interface Rect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export function resolveEditor(eventEmail: string, owner: string, sheet: GoogleAppsScript.Spreadsheet.Sheet, rect: Rect): EditorIdentity {
  if (!eventEmail) return { kind: 'unknown' };
  if (!sameEmail(eventEmail, owner)) return { kind: 'known', email: eventEmail };
  return coveredByRealProtection(sheet, rect) ? { kind: 'known', email: eventEmail } : { kind: 'doubtful', email: eventEmail };
}

/** What the audit trail records as the editor: never blank, never the owner on a guess. */
export function auditName(identity: EditorIdentity): string {
  switch (identity.kind) {
    case 'known':
      return identity.email;
    case 'unknown':
      return 'unknown (Google did not say who)';
    case 'doubtful':
      return `${identity.email} or an anonymous link editor (Google does not tell them apart)`;
  }
}

/** The roles an edit can be credited to: none unless Google said who it was. */
export function creditedRoles(identity: EditorIdentity, roster: Roster): Role[] {
  return identity.kind === 'known' ? rolesOf(roster, identity.email) : [];
}

/** Why a change cannot count for this editor, naming who it needs; null when it can. */
export function notCredited(identity: EditorIdentity, roster: Roster, needed: readonly Role[], what: string): string | null {
  // Who made it is the same for every row of the edit: the message names no row, so rows can share it.
  if (identity.kind === 'unknown') {
    return `Google did not tell the tracker who made this change (it does not for personal Google accounts or people outside ${domainOf(roster.owner)}), so it cannot count; use the sidebar, which knows who you are.`;
  }
  if (identity.kind === 'doubtful') {
    return "This change arrived under the owner's name, which Google also gives anonymous link editors, on cells not protected against them, so it cannot count; use the sidebar.";
  }
  const roles = rolesOf(roster, identity.email);
  if (needed.some((r) => roles.includes(r))) return null;
  return `${what} needs the ${needed.join(' or ')} role; ${identity.email} ${roles.length ? `has ${roles.join(', ')}` : 'is not on the Team tab'}.`;
}

function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at >= 0 ? `the owner's organisation (${email.slice(at + 1)})` : "the owner's organisation";
}

/**
 * Whether every edited cell lies inside a real (not warning-only) tracker
 * protection: an anonymous editor is on no protection's editor list, so Google
 * would have refused them there.
 */
function coveredByRealProtection(sheet: GoogleAppsScript.Spreadsheet.Sheet, rect: Rect): boolean {
  const ours = (p: GoogleAppsScript.Spreadsheet.Protection) => p.getDescription().startsWith(PROTECTION_PREFIX) && !p.isWarningOnly();
  const whole = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET).filter(ours);
  const ranges = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter(ours)
    .map((p) => toRect(p.getRange()));
  const holes = whole.flatMap((p) => p.getUnprotectedRanges().map(toRect));
  for (let r = rect.row; r < rect.row + rect.numRows; r++) {
    for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
      const bySheet = whole.length > 0 && !holes.some((h) => inside(h, r, c));
      if (!bySheet && !ranges.some((x) => inside(x, r, c))) return false;
    }
  }
  return true;
}

function toRect(range: GoogleAppsScript.Spreadsheet.Range): Rect {
  return { row: range.getRow(), column: range.getColumn(), numRows: range.getNumRows(), numColumns: range.getNumColumns() };
}

function inside(x: Rect, row: number, column: number): boolean {
  return row >= x.row && row < x.row + x.numRows && column >= x.column && column < x.column + x.numColumns;
}
