import { appendAudit } from '../audit/audit-log';
import { AuditEntry } from '../domain/audit-chain';
import { LeadArchiveBatch, LeadFacts, LineFacts, nextLeadBatch, whyLeadStays } from '../domain/lead-archive';
import { forgetMatchIndex } from '../leads/match-index';
import { CellValue, readIsoDate, readText, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { highestIdNumber } from '../tracker/ids';
import { findRows } from '../tracker/lookup';
import { parseSettings } from '../domain/settings';
import { reference } from '../tracker/reference';
import { CommissionWorkLog } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { fileArchive } from './archive-folder';
import { ArchivedLead, createLeadArchive, readArchivedLeads, writeArchivedLeads } from './lead-archive-file';
import { LeadArchiveJournal } from './lead-archive-journal';
import { linkInSettings } from './settings-links';

/**
 * Closed leads archiving, a step of the owner's daily run (domain/lead-archive.ts says which
 * leads go). A batch of one year's leads goes through recorded phases, each batch in one
 * critical section, so a run that dies anywhere leaves work the next run finishes and no lead
 * is lost or held twice:
 * 1. the year's archive file is found (or created and filed in the "Leads archives" folder) and
 *    the batch recorded as 'copying' with its Lead IDs and the highest of them (so no new lead
 *    is ever given one of those IDs: match-index.ts counts it);
 * 2. the leads are written right below the file's finished rows, read back and compared cell by
 *    cell, and the batch recorded 'copied';
 * 3. their rows are deleted from the Leads tab, bottom-up, a run of adjacent rows per call; the
 *    archiving audited (an entry per lead), Settings linked, and the batch recorded done.
 * A retry re-reads where each lead is: a lead already gone from the tab was deleted after its
 * copy was read back (its copy is kept as it is); one still there is copied again (if it may
 * still go) or dropped from the batch. Unfinished batches are finished every hour; new ones
 * start once a day, as many as fit in the time budget (the next run continues).
 */
export interface LeadArchiveOutcome {
  archived: number;
  batches: string[];
  notes: string[];
}

type Critical = <T>(task: () => T) => T;

/** No new batch after this much of the run (the audit rollover stops starting segments at 3 minutes). */
const TIME_BUDGET_MS = 4 * 60 * 1000;
export const LEAD_ARCHIVE_LABEL = 'Leads archive';

export function archiveClosedLeads(ctx: TrackerContext, critical: Critical, startedAtMs: number): LeadArchiveOutcome {
  const journal = new LeadArchiveJournal(ctx.ss);
  const outcome: LeadArchiveOutcome = { archived: 0, batches: [], notes: [] };
  if (journal.read().batch) critical(() => finishBatch(ctx, journal, outcome));
  // The settings as the run's other steps read them (one read per execution).
  const afterDays = parseSettings(reference(ctx.ss).settings()).settings.archiveLeadsAfterDays;
  if (!afterDays) return outcome;
  const today = todayIn(ctx.timeZone, ctx.now);
  if (journal.checkedOn() === today) return outcome;
  while (Date.now() - startedAtMs < TIME_BUDGET_MS) {
    const started = critical(() => {
      const facts = startBatch(ctx, journal, afterDays, today, outcome);
      return facts !== null && finishBatch(ctx, journal, outcome, facts);
    });
    if (!started) {
      journal.markChecked(today);
      break;
    }
  }
  return outcome;
}

/** What eligibility reads: the Leads tab's facts, each lead's commission lines, payouts' states, waiting work. One read per column run. */
interface Facts {
  leads: TrackerTable<'leads'>;
  byId: Map<string, { row: number; facts: LeadFacts }>;
  linesOf: (leadId: string) => LineFacts[];
  rules: { payoutStatus: Map<string, string>; pendingWork: Set<string> };
}

function readFacts(ctx: TrackerContext): Facts {
  const leads = TrackerTable.open(ctx.ss, 'leads');
  const sealKeys = leads.sealKeys();
  const cols = leads.readColumns(['id', 'status', 'closedOn', 'updatedAt', ...sealKeys]) as Record<string, CellValue[]>;
  const byId = new Map<string, { row: number; facts: LeadFacts }>();
  cols.id.forEach((cell, i) => {
    const id = readText(cell);
    if (!id) return;
    const record = Object.fromEntries(sealKeys.map((k) => [k, cols[k][i]]));
    const updated = cols.updatedAt[i];
    byId.set(id, {
      row: i + 2,
      facts: {
        id,
        status: readText(cols.status[i]),
        closedOn: readIsoDate(cols.closedOn[i], ctx.timeZone),
        updatedOn: updated instanceof Date ? readIsoDate(updated, ctx.timeZone) : readIsoDate(readText(updated).slice(0, 10), ctx.timeZone),
        held: sealKeys.length > 0 && leads.heldReason(record) !== null,
      },
    });
  });
  const commissions = TrackerTable.open(ctx.ss, 'commissions').readColumns(['leadId', 'status', 'payoutId'] as const);
  const lines = new Map<string, LineFacts[]>();
  commissions.leadId.forEach((cell, i) => {
    const leadId = readText(cell);
    if (!leadId) return;
    const list = lines.get(leadId) ?? [];
    list.push({ leadId, status: readText(commissions.status[i]), payoutId: readText(commissions.payoutId[i]) });
    lines.set(leadId, list);
  });
  const payouts = TrackerTable.open(ctx.ss, 'payouts').readColumns(['id', 'status'] as const);
  const payoutStatus = new Map(payouts.id.map((id, i) => [readText(id), readText(payouts.status[i])]));
  const pendingWork = new Set(new CommissionWorkLog(ctx.ss).list().map((p) => p.leadId));
  return { leads, byId, linesOf: (id) => lines.get(id) ?? [], rules: { payoutStatus, pendingWork } };
}

/** Picks the next batch and records it ('copying'); returns what it read (for finishBatch, in the same lock), or null when no lead may go. Holds the lock. */
function startBatch(ctx: TrackerContext, journal: LeadArchiveJournal, afterDays: number, today: string, outcome: LeadArchiveOutcome): Facts | null {
  const facts = readFacts(ctx);
  const next = nextLeadBatch(
    [...facts.byId.values()].map((l) => l.facts),
    facts.linesOf,
    { ...facts.rules, afterDays, today },
  );
  if (!next) return null;
  const record = journal.read();
  let file = record.files.find((f) => f.year === next.year);
  if (!file) {
    const name = `${ctx.ss.getName()} — Leads ${next.year}`;
    const created = createLeadArchive(name);
    file = { year: next.year, fileId: created.getId(), url: created.getUrl(), name, rows: 0 };
    record.files.push(file);
    record.files.sort((a, b) => a.year - b.year);
    // Recorded at once: a retry reuses this file rather than make another.
    journal.save(record);
  }
  // A new file goes into the leads archives' folder (again, harmlessly, until its first batch is done: a run may have died before).
  if (file.rows === 0) {
    const note = fileArchive(ctx.ss, file.fileId, 'leads');
    if (note) outcome.notes.push(note);
  }
  record.batch = { year: next.year, fileId: file.fileId, offset: file.rows, ids: next.ids, phase: 'copying', at: ctx.now.toISOString() };
  record.highestId = Math.max(record.highestId, highestIdNumber('L-', next.ids));
  journal.save(record);
  return facts;
}

/**
 * Copies, checks, deletes and records the batch under way (see the phases above). Holds the lock.
 * `known`: what startBatch read in this same lock (a retry reads it again). Returns true.
 */
function finishBatch(ctx: TrackerContext, journal: LeadArchiveJournal, outcome: LeadArchiveOutcome, known?: Facts): boolean {
  const record = journal.read();
  const batch = record.batch as LeadArchiveBatch;
  const file = record.files.find((f) => f.fileId === batch.fileId);
  if (!file) throw new Error(`The leads archive batch of ${batch.ids.length} leads names a file the tracker has no record of; nothing was deleted.`);
  const archive = SpreadsheetApp.openById(batch.fileId);
  const facts = known ?? readFacts(ctx);
  const settings = parseSettings(reference(ctx.ss).settings()).settings;
  const rules = { ...facts.rules, afterDays: settings.archiveLeadsAfterDays, today: todayIn(ctx.timeZone, ctx.now) };
  // Leads already deleted were read back from the copy before: that copy is what is kept.
  const copied = new Map(readArchivedLeads(archive, batch.offset, batch.ids.length).map((lead) => [readText(lead.id), lead]));
  const keep: string[] = [];
  for (const id of batch.ids) {
    const live = facts.byId.get(id);
    if (!live) {
      if (!copied.has(id)) throw new Error(`${id} is neither on the Leads tab nor in "${file.name}"; nothing more was deleted. Look for it in the Audit Log.`);
      keep.push(id);
    } else if (whyLeadStays(live.facts, facts.linesOf(id), rules) === null) {
      keep.push(id);
    }
  }
  const present = keep.filter((id) => facts.byId.has(id)).map((id) => ({ id, row: (facts.byId.get(id) as { row: number }).row }));
  const liveRows = readLiveRows(
    facts.leads,
    present.map((p) => p.row),
  );
  const rows: ArchivedLead[] = keep.map((id) => {
    const live = facts.byId.get(id);
    return live ? (liveRows.get(live.row) as ArchivedLead) : (copied.get(id) as ArchivedLead);
  });
  if (keep.length !== batch.ids.length) {
    batch.ids = keep;
    batch.phase = 'copying';
    journal.save(record);
  }
  writeArchivedLeads(archive, batch.offset, rows);
  if (batch.phase !== 'copied') {
    batch.phase = 'copied';
    journal.save(record);
  }
  deleteRows(facts.leads, present);
  // The registration index rebuilds where this run can reach it (a run with a document); elsewhere
  // the next registration finds the tab shorter than the rows it covers and rebuilds (match-index.ts).
  if (present.length) forgetMatchIndex();
  auditOnce(ctx, file.name, file.url, keep);
  linkInSettings(ctx.ss, `${LEAD_ARCHIVE_LABEL} ${file.year}`, file.url, `${(batch.offset + keep.length).toLocaleString('en-US')} closed leads, moved by the daily run`);
  file.rows = batch.offset + keep.length;
  record.archived += keep.length;
  record.batch = null;
  journal.save(record);
  outcome.archived += keep.length;
  if (keep.length) outcome.batches.push(`${file.name}: ${keep.length} leads`);
  return true;
}

/** Rows within this many of each other are read with one call. */
const SPAN_GAP = 25;

/** The full rows at these sheet rows: a read per cluster of nearby rows. */
function readLiveRows(table: TrackerTable<'leads'>, rows: readonly number[]): Map<number, ArchivedLead> {
  const out = new Map<number, ArchivedLead>();
  const sorted = [...rows].sort((a, b) => a - b);
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] - sorted[j] <= SPAN_GAP) j++;
    table.readRows(sorted[i], sorted[j]).forEach((record, k) => out.set(sorted[i] + k, record as ArchivedLead));
    i = j + 1;
  }
  return out;
}

/** Deletes the rows bottom-up, each run of adjacent rows with one call, so no row above moves before it is deleted. */
function deleteRows(table: TrackerTable<'leads'>, present: ReadonlyArray<{ row: number }>): void {
  const rows = present.map((p) => p.row).sort((a, b) => b - a);
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] - 1) j++;
    table.sheet.deleteRows(rows[j], j - i + 1);
    i = j + 1;
  }
}

/** An audit entry per archived lead, once: a retry finds the batch's first lead already audited as archived to this file. */
function auditOnce(ctx: TrackerContext, name: string, url: string, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const audit = TrackerTable.open(ctx.ss, 'audit');
  const done = findRows(audit, 'recordId', ids[0]).some((r) => readText(r.record.field) === 'Archived to' && readText(r.record.newValue).startsWith(name));
  if (done) return;
  const entries: AuditEntry[] = ids.map((id) => ({
    at: ctx.now,
    user: ctx.actor,
    source: ctx.source,
    tab: 'Leads',
    range: '',
    recordId: id,
    field: 'Archived to',
    oldValue: '',
    newValue: `${name} (${url})`,
  }));
  appendAudit({ ss: ctx.ss, timeZone: ctx.timeZone, properties: ctx.properties }, entries);
}

/** For the sidebar's capacity panel: the leads archives and how many leads each holds. */
export function leadArchivesForView(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Array<{ name: string; url: string; rows: number }> {
  return new LeadArchiveJournal(ss).read().files.map((f) => ({ name: f.name, url: f.url, rows: f.rows }));
}
