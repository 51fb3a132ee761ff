import { archivedResponseKeys } from '../capacity/lead-archive-lookup';
import { FORM_QUESTIONS } from '../domain/partner-form';
import { readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { candidateRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';
import { IntakeOutcome, handlePartnerFormSubmit } from './intake';
import { settleOwedMail } from './owed-mail';

/**
 * Form responses nothing came of. A form-submit run can die (a lock timeout, a
 * quota, a service error) after Google wrote the response row and before the
 * tracker made a lead or a Form Inbox row of it; Google does not fire the
 * trigger again. This finds every response row of the partner form's tabs
 * that produced neither and puts it through the intake, once — from each form
 * run, each hourly run, and the owner's menu item. Before that it queues the
 * partner emails a dead run owed for rows it did make (see owed-mail.ts).
 *
 * A response is known by its tab and row ("Form Responses 1!5"). Keys whose tab
 * no longer exists (it was renamed) count for every responses tab, so a rename
 * never makes old responses look new.
 */
export interface ReconcileOutcome {
  found: number;
  processed: Array<{ key: string; outcome: IntakeOutcome['kind'] }>;
  /** Confirmations or refusals a dead form run owed, now queued. */
  mailQueued: number;
}

const TITLES = FORM_QUESTIONS.map((q) => q.title);

export function reconcileFormResponses(ctx: TrackerContext, limit = 50): ReconcileOutcome {
  // First the emails of responses a dead run made rows of; then the responses it made nothing of.
  const outcome: ReconcileOutcome = { found: 0, processed: [], mailQueued: settleOwedMail(ctx) };
  const tabs = ctx.ss.getSheets().filter((sheet) => isResponsesTab(sheet));
  if (tabs.length === 0) return outcome;
  const names = new Set(ctx.ss.getSheets().map((s) => s.getName()));
  // Archived leads' responses were handled too (capacity/lead-archive.ts moved their rows out).
  const handled = [...handledKeys(ctx), ...archivedResponseKeys(ctx.ss)];
  for (const missed of unhandledResponseRows(tabs, names, handled)) {
    outcome.found++;
    if (outcome.processed.length >= limit) continue;
    // The trigger's own event, rebuilt: its blank-answers path reads the answers from the row itself.
    outcome.processed.push({ key: missed.key, outcome: handlePartnerFormSubmit(ctx, { namedValues: {}, range: missed.sheet.getRange(missed.row, 1, 1, missed.sheet.getLastColumn()) }).kind });
  }
  return outcome;
}

/**
 * The response rows of `tabs` (with a timestamp) whose key ("Form Responses 1!5") is not among
 * `handled`: one column read per tab. A handled key whose tab no longer exists (it was renamed)
 * counts for every tab, so a rename never makes old responses look new. The application form's
 * reconciler (applications/reconcile.ts) finds its missed responses the same way.
 */
export function unhandledResponseRows(
  tabs: readonly GoogleAppsScript.Spreadsheet.Sheet[],
  names: ReadonlySet<string>,
  handled: readonly string[],
): Array<{ key: string; sheet: GoogleAppsScript.Spreadsheet.Sheet; row: number }> {
  const missed: Array<{ key: string; sheet: GoogleAppsScript.Spreadsheet.Sheet; row: number }> = [];
  for (const sheet of tabs) {
    const name = sheet.getName();
    const lastRow = sheet.getLastRow();
    if (lastRow < 2) continue;
    const done = new Set<number>();
    for (const key of handled) {
      const at = key.lastIndexOf('!');
      if (at < 0) continue;
      const tab = key.slice(0, at);
      if (tab === name || !names.has(tab)) done.add(Number(key.slice(at + 1)));
    }
    const stamps = sheet.getRange(2, 1, lastRow - 1, 1).getValues();
    for (let i = 0; i < stamps.length; i++) {
      const row = i + 2;
      if (done.has(row) || readText(stamps[i][0]) === '') continue;
      missed.push({ key: `${name}!${row}`, sheet, row });
    }
  }
  return missed;
}

/** Document property: the last response row of a tab a form run has seen, so the next one knows which rows it skipped. */
const SEEN_PREFIX = 'tracker.formResponses.seenThrough.';
/** A form run checks at most this many skipped rows itself; the hourly run checks every row. */
const GAP_LIMIT = 10;

/**
 * A form run's share of the check, at a cost that does not grow with the tabs: the response rows
 * of this responses tab between the last row a form run saw and this one. Usually there are none
 * (Google fired the trigger for each); a row whose trigger never fired, or whose run died before
 * making anything, is put through the intake now. The owed emails of dead runs are queued first.
 * The hourly run and the menu item check every row (reconcileFormResponses).
 */
export function reconcileSkippedResponses(ctx: TrackerContext, sheet: GoogleAppsScript.Spreadsheet.Sheet, row: number): ReconcileOutcome {
  const outcome: ReconcileOutcome = { found: 0, processed: [], mailQueued: settleOwedMail(ctx) };
  const properties = ctx.properties;
  if (!properties || row < 2) return outcome;
  const key = SEEN_PREFIX + sheet.getName();
  // Without a record (the tab's first response, or a tracker from before it), the rows just above are checked.
  const recorded = Number(properties.getProperty(key) ?? '1');
  const seen = Number.isInteger(recorded) && recorded >= 1 ? recorded : 1;
  if (seen < row - 1) {
    const leads = TrackerTable.open(ctx.ss, 'leads');
    const inbox = TrackerTable.open(ctx.ss, 'inbox');
    let archived: Set<string> | undefined;
    for (let skipped = Math.max(seen + 1, row - GAP_LIMIT); skipped < row; skipped++) {
      const responseKey = `${sheet.getName()}!${skipped}`;
      if ([leads, inbox].some((table) => table.has('responseKey') && candidateRows(table, 'responseKey', responseKey).length > 0)) continue;
      archived ??= new Set(archivedResponseKeys(ctx.ss));
      if (archived.has(responseKey)) continue;
      outcome.found++;
      const result = handlePartnerFormSubmit(ctx, { namedValues: {}, range: sheet.getRange(skipped, 1, 1, sheet.getLastColumn()) });
      outcome.processed.push({ key: responseKey, outcome: result.kind });
    }
  }
  if (!(seen >= row)) properties.setProperty(key, String(row));
  return outcome;
}

const PROTECTION = "Partner form responses: written by Google Forms; only the tracker's owner may edit them";

/**
 * The partner form's responses tabs, protected so that only the owner may edit them: the
 * tracker turns their rows into leads as the owner, so a row a teammate typed there must
 * not count. Google Forms still writes its responses into a protected tab. Idempotent.
 * The application form's tabs are protected the same way (applications/form-setup.ts).
 */
export function protectResponsesTabs(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, isTab: (sheet: GoogleAppsScript.Spreadsheet.Sheet) => boolean = isResponsesTab, description = PROTECTION): void {
  for (const sheet of ss.getSheets().filter(isTab)) {
    const current = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    const p = current.find((x) => x.getDescription() === description) ?? sheet.protect().setDescription(description);
    if (p.isWarningOnly()) p.setWarningOnly(false);
    const others = p.getEditors().filter((u) => u.getEmail().toLowerCase() !== Session.getEffectiveUser().getEmail().toLowerCase());
    if (others.length) p.removeEditors(others.map((u) => u.getEmail()));
    if (p.canDomainEdit()) p.setDomainEdit(false);
  }
}

/**
 * A tab a form sends its responses to (Google says which: a person cannot make a tab
 * look like one by typing its header) with the partner form's questions.
 */
function isResponsesTab(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  if (!sheet.getFormUrl()) return false;
  const width = sheet.getLastColumn();
  if (width < 2) return false;
  const header = sheet
    .getRange(1, 1, 1, width)
    .getDisplayValues()[0]
    .map((h) => h.trim());
  return header[0] === 'Timestamp' && ['Partner code', 'Company'].every((t) => header.includes(t)) && header.filter((h) => TITLES.includes(h)).length >= 3;
}

function handledKeys(ctx: TrackerContext): string[] {
  const keys: string[] = [];
  for (const key of ['leads', 'inbox'] as const) {
    const table = TrackerTable.open(ctx.ss, key);
    if (!table.has('responseKey')) continue;
    for (const v of table.readColumns(['responseKey']).responseKey) if (readText(v)) keys.push(readText(v));
  }
  return keys;
}
