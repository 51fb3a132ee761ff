import { auditedWrite } from '../audit/audit-intent';
import { PENDING_STORE_LIMIT, PENDING_WARNING_SHARE, appendAudit, pendingAuditState } from '../audit/audit-log';
import { AuditEntry } from '../domain/audit-chain';
import { ImportKind } from '../domain/import/fields';
import { ImportedLineStatus } from '../domain/import/plan-leads';
import { PlannedRow, PlanSummary, summarise } from '../domain/import/plan-types';
import { InputError } from '../domain/input-error';
import { rosterOf, requireRole, runsAsOwner } from '../team/access';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';

/**
 * An import at the spreadsheet's edge: the rows a person mapped, planned against the tracker
 * as it stands (domain/import/plan-*.ts) and, for a batch, written. Each tab the import touches
 * is read once (one getValues) and written once for its new rows and once for its updated
 * ones, whatever the batch's size; a batch is written inside the document lock and audited (one
 * entry per row created or updated, one summary). A batch retried after it died half way is
 * planned afresh: the rows it wrote are found (by ID or natural key) and left unchanged, so
 * nothing is written twice. Each kind plans in its own module (import-partners.ts,
 * import-leads.ts, import-rules.ts), so an execution loads only its kind's code.
 */
export interface ImportRequest {
  kind: ImportKind;
  /** Where the rows come from, for the audit summary ("file partners.csv", "tab Old leads of Partner sheet"). */
  source: string;
  lines: Array<{ line: number; values: Record<string, string> }>;
  /** Won deals: commission lines marked imported, with this status, or none. */
  commissions: 'none' | ImportedLineStatus;
}

export interface ImportOutcome {
  rows: PlannedRow[];
  summary: PlanSummary;
  commissionLines: number;
}

export interface Planned {
  rows: PlannedRow[];
  lineCount: number;
  /** The audit entries the write will make, as JSON (what a teammate's write queues in the document properties). */
  auditBytes: () => number;
  write: () => void;
}

export type Planner = (ctx: TrackerContext, request: ImportRequest) => Planned;

export function previewImport(ctx: TrackerContext, request: ImportRequest, plan: Planner): ImportOutcome {
  checkAllowed(ctx, request);
  const planned = plan(ctx, request);
  return { rows: planned.rows, summary: summarise(planned.rows), commissionLines: planned.lineCount };
}

export function importBatch(ctx: TrackerContext, request: ImportRequest, plan: Planner): ImportOutcome {
  checkAllowed(ctx, request);
  return withDocumentLock(ctx.ss, () => {
    // Checked again on the state the lock's section read.
    checkAllowed(ctx, request);
    const planned = plan(ctx, request);
    checkAuditRoom(ctx, planned);
    planned.write();
    return { rows: planned.rows, summary: summarise(planned.rows), commissionLines: planned.lineCount };
  });
}

/**
 * Only the owner's runs write the Audit Log: a teammate's entries wait in the document
 * properties (500 KB for everything) until the owner's next run records them (audit-log.ts). A
 * big import by a teammate could fill them, and then entries would be lost; a batch that would
 * take them past the sidebar's warning share is refused first, with what to do.
 */
function checkAuditRoom(ctx: TrackerContext, planned: Planned): void {
  if (runsAsOwner(ctx) || !ctx.properties) return;
  const used = pendingAuditState(ctx.properties).share * PENDING_STORE_LIMIT;
  const needed = planned.auditBytes();
  if (used + needed <= PENDING_WARNING_SHARE * PENDING_STORE_LIMIT) return;
  const owner = rosterOf(ctx).owner || "the tracker's owner";
  throw new InputError(
    `This batch's ${Math.ceil(needed / 1024)} KB of audit entries would not fit where they wait for the tracker's automation (${Math.round(used / 1024)} KB of ${PENDING_STORE_LIMIT / 1024} KB used): nothing was written. Ask ${owner} to open the sidebar (their runs record the waiting entries), then continue; or ask them to run the import.`,
  );
}

function checkAllowed(ctx: TrackerContext, request: ImportRequest): void {
  requireRole(ctx, request.kind === 'rules' ? 'importRules' : 'importRecords');
  if (request.kind === 'leads' && request.commissions !== 'none' && !runsAsOwner(ctx)) {
    const owner = rosterOf(ctx).owner;
    throw new InputError(
      `Only the tracker's owner (${owner || 'not set up yet'}) may write commission amounts, so commission lines for won deals can only be imported by them. Choose "No commission lines", or ask ${owner || 'the owner'} to run this import.`,
    );
  }
}

const NOUNS = { partners: 'partner', leads: 'lead', rules: 'rule' } as const;

export const auditBase = (ctx: TrackerContext, tab: string) => ({ at: ctx.now, user: ctx.actor, source: ctx.source, tab });
const changeText = (row: PlannedRow, side: 'from' | 'to') => row.changes.map((c) => `${c.field}: ${c[side] || '(blank)'}`).join('; ');

/** One entry per row created or updated, and the summary when there is any. */
export function auditEntries(
  ctx: TrackerContext,
  tabName: string,
  request: ImportRequest,
  rows: readonly PlannedRow[],
  rowOf: (row: PlannedRow) => number | null,
  created: (row: PlannedRow) => string,
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const r of rows) {
    const at = rowOf(r);
    const range = at ? `row ${at}` : '';
    // "(new …)" as a registration's: a run that dies before its entries are logged has them recovered once its rows are found.
    if (r.action === 'create') entries.push({ ...auditBase(ctx, tabName), range, recordId: r.recordId, field: `(new ${NOUNS[request.kind]})`, oldValue: '', newValue: `imported: ${created(r)}` });
    else if (r.action === 'update' && r.changes.length)
      entries.push({ ...auditBase(ctx, tabName), range, recordId: r.recordId, field: '(imported changes)', oldValue: changeText(r, 'from'), newValue: changeText(r, 'to') });
  }
  const s = summarise(rows);
  // A batch that changed nothing (the same rows again, a retry of one that finished) leaves no trace.
  if (entries.length === 0) return entries;
  const skippedLines = rows.filter((r) => r.action === 'skip').map((r) => r.line);
  entries.push({
    ...auditBase(ctx, tabName),
    range: '',
    recordId: '',
    field: SUMMARY,
    oldValue: '',
    newValue: `${request.kind} from ${request.source}, lines ${rows[0]?.line ?? 0}–${rows[rows.length - 1]?.line ?? 0}: ${s.create} created, ${s.update} updated, ${s.unchanged} unchanged, ${s.skip} skipped${skippedLines.length ? ` (lines ${skippedLines.slice(0, 50).join(', ')}${skippedLines.length > 50 ? ', …' : ''})` : ''}`,
  });
  return entries;
}

const SUMMARY = '(import)';

/**
 * The batch's writes with their audit entries (audit-intent.ts), then its summary on its own.
 * The summary is not announced with the rows: a retry made in the same second writes its own,
 * and the two alike would make the owner's recovery take the dead run's entries as logged.
 */
export function auditedImport(ctx: TrackerContext, entries: readonly AuditEntry[], change: () => void): void {
  auditedWrite(
    ctx,
    entries.filter((e) => e.field !== SUMMARY),
    change,
  );
  appendAudit(
    ctx,
    entries.filter((e) => e.field === SUMMARY),
  );
}
