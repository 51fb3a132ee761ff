import { auditedWrite } from '../audit/audit-intent';
import { PROBLEM_BACKGROUND, RawRow, readRawRows, recordOf } from '../adoption/rows';
import { AuditEntry } from '../domain/audit-chain';
import { problemLine } from '../domain/row-checks';
import { InboundInput, InboundOutput, InboundResult, WAITING, fingerprintOf, headerOfField, isDone, parseInboundRow, requestKeyOf, resolvePartner, rowState } from '../domain/inbound';
import { Lead, LeadTransition } from '../domain/lead';
import { cellsForTable, leadToCells } from '../leads/lead-store';
import { MatchIndex } from '../leads/match-index';
import { moveLead } from '../leads/pipeline';
import { newLeadText, planRegistration } from '../leads/register';
import { CellValue, readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { reference } from '../tracker/reference';
import { TrackerTable } from '../tracker/table';
import { inboundCellsOf } from './inbound-row';

/**
 * The owner's hourly run's "inbound" step: rows Zapier or Make appended to the Inbound tab (no
 * trigger fires for them), and rows people typed there, processed like rows typed into Leads.
 *
 * - One read of the whole tab; rows that wait (new, marked waiting, or refused and changed since
 *   their stamp) are taken in order, as many as the time budget allows; the rest say they wait.
 * - New leads: registration's own plan (leads/register.ts planRegistration: the partner active,
 *   the fields' rules, the product, matching against open protected leads: New, or Conflict with
 *   the lead and why), all appended in one write inside one critical section, audited.
 * - Stage changes: the pipeline's own move (leads/pipeline.ts moveLead, as the sidebar and a typed
 *   status: legal moves only, Closed Won with its commissions), with the Partner team's rights.
 * - Every result (Result, Result Lead ID, Processed At, Tracker Stamp, Problems) in one write.
 *
 * Who did it: Google does not say who appended a row through the Sheets API (the tool's account
 * is whoever connected it), so the audit trail records INBOUND_ACTOR, and a row may do only
 * what the Partner team may. Idempotent: a new lead carries its request key (the External ID, or
 * the row's fingerprint) in Form Response, so a run that died after writing it finishes the row
 * with that lead; a move already made is the move's own outcome (moveLead's retry rule); an
 * External ID another row already used is refused with the lead it made.
 */
export const INBOUND_ACTOR = 'Inbound tab (Google does not say who added the row)';
/** Of the run's six minutes: the later steps (mail, partner sheets, the Dashboard) need the rest. */
const TIME_BUDGET_MS = 2 * 60 * 1000;
/** Rows taken per run at most (the rest wait, and say so). */
export const INBOUND_ROWS_PER_RUN = 300;

export interface InboundOutcome {
  adopted: number;
  conflicts: number;
  moved: number;
  refused: number;
  waiting: number;
}

type Critical = <T>(task: () => T) => T;

interface RowResult {
  result: InboundResult;
  leadId: string;
  problems: string[];
  /** Processed now (stamped); false for a row left waiting. */
  processed: boolean;
}

interface Row {
  row: number;
  input: InboundInput;
  output: InboundOutput;
}

interface NewLead {
  row: Row;
  partnerId: string;
  key: string;
  fields: Extract<ReturnType<typeof parseInboundRow>, { kind: 'new lead' }>['fields'];
}

export function processInbound(ctx: TrackerContext, critical: Critical, startedAtMs: number): InboundOutcome | string {
  const table = TrackerTable.tryOpen(ctx.ss, 'inbound');
  if (!table) return 'no Inbound tab yet: the owner runs Set up tracker';
  const rows = readRawRows(table, 2, table.lastRow()).map((raw) => rowOf(ctx, table, raw));
  const results = new Map<number, RowResult>();
  const pending: Row[] = [];
  for (const r of rows) {
    const state = rowState(r.input, r.output);
    if (state === 'pending') pending.push(r);
    else if (state === 'changed after done') {
      const why = `Changed after the tracker applied it (${r.output.result}${r.output.resultLeadId ? ` ${r.output.resultLeadId}` : ''}): a row is applied once. Make the change in the sidebar, or add a new row.`;
      if (r.output.problems !== why) results.set(r.row, { result: r.output.result as InboundResult, leadId: r.output.resultLeadId, problems: [why], processed: false });
    } else if (state === 'settled' && isDone(r.output.result) && r.output.problems) {
      // Changed after it was applied, then put back: nothing to tell any more.
      results.set(r.row, { result: r.output.result as InboundResult, leadId: r.output.resultLeadId, problems: [], processed: false });
    }
  }
  if (pending.length === 0 && results.size === 0) return 'no rows waiting';

  const job: TrackerContext = { ...ctx, actor: INBOUND_ACTOR, source: 'inbound' };
  // External IDs rows already applied used: another row with one is refused with the lead it made.
  const used = new Map<string, Row>();
  for (const r of rows) if (isDone(r.output.result) && r.input.externalId) used.set(r.input.externalId, r);

  const overBudget = () => Date.now() - startedAtMs > TIME_BUDGET_MS;
  const taken = pending.slice(0, INBOUND_ROWS_PER_RUN);
  const newLeads: NewLead[] = [];
  const moves: Array<{ row: Row; leadId: string; move: LeadTransition }> = [];
  const duplicates: Array<{ row: Row; earlier: Row }> = [];
  const partners = pending.length ? reference(ctx.ss).partners() : [];
  for (const r of taken) {
    const earlier = r.input.externalId ? used.get(r.input.externalId) : undefined;
    if (earlier) {
      duplicates.push({ row: r, earlier });
      continue;
    }
    if (r.input.externalId) used.set(r.input.externalId, r);
    const request = parseInboundRow(r.input, r.row);
    if (request.kind === 'refused') {
      results.set(r.row, refusedWith(request.problems));
    } else if (request.kind === 'new lead') {
      const named = resolvePartner(partners, request.partner);
      if ('problem' in named) results.set(r.row, refusedWith([named.problem]));
      else newLeads.push({ row: r, partnerId: named.partner.id, key: requestKeyOf(r.input), fields: request.fields });
    } else {
      moves.push({ row: r, leadId: request.leadId, move: request.move });
    }
  }

  if (newLeads.length) critical(() => registerNewLeads(job, newLeads, results, overBudget));
  for (const m of moves) {
    if (overBudget()) break;
    results.set(m.row.row, moveOf(job, m.leadId, m.move));
  }
  // Told once the row that used the External ID first has its lead (it may have been made just now).
  for (const { row: r, earlier } of duplicates) {
    const made = results.get(earlier.row)?.leadId || earlier.output.resultLeadId;
    results.set(r.row, refusedWith([`External ID: ${r.input.externalId} was already used by row ${earlier.row}${made ? `, which made ${made}` : ''}; each row needs its own External ID`], made));
  }
  // What waits (beyond the run's share or its time) says so.
  for (const r of pending) if (!results.has(r.row) && r.output.result !== WAITING) results.set(r.row, { result: WAITING, leadId: '', problems: [], processed: false });
  critical(() => writeResults(ctx, table, rows, results));

  const outcome: InboundOutcome = { adopted: 0, conflicts: 0, moved: 0, refused: 0, waiting: pending.filter((r) => !results.get(r.row)?.processed).length };
  for (const r of results.values()) {
    if (!r.processed) continue;
    if (r.result === 'Adopted') outcome.adopted++;
    else if (r.result === 'Conflict') outcome.conflicts++;
    else if (r.result === 'Moved') outcome.moved++;
    else if (r.result === 'Refused') outcome.refused++;
  }
  return outcome;
}

function rowOf(ctx: TrackerContext, table: TrackerTable, raw: RawRow): Row {
  return { row: raw.row, ...inboundCellsOf(recordOf(table, raw), ctx.timeZone) };
}

function refusedWith(problems: string[], leadId = ''): RowResult {
  return { result: 'Refused', leadId, problems, processed: true };
}

function madeResult(lead: Pick<Lead, 'id' | 'status' | 'statusReason'>): RowResult {
  return lead.status === 'Conflict' ? { result: 'Conflict', leadId: lead.id, problems: [], processed: true } : { result: 'Adopted', leadId: lead.id, problems: [], processed: true };
}

/**
 * Inside one critical section: each new lead planned by registration's rules against a match
 * index opened once (a lead planned earlier in the batch is matched against too), all appended
 * in one write with their audit rows. A request key already on the Leads tab is a run that died
 * after writing the lead (the row is finished with it) or a reused External ID (refused).
 */
function registerNewLeads(ctx: TrackerContext, batch: readonly NewLead[], results: Map<number, RowResult>, overBudget: () => boolean): void {
  const leads = TrackerTable.open(ctx.ss, 'leads');
  const cols = leads.readColumns(['id', 'partnerId', 'company', 'status', 'statusReason', 'responseKey']);
  const byKey = new Map<string, number>();
  /** Request keys of leads planned in this batch: a second row with the same key (no External ID, the same cells) is refused. */
  const madeNow = new Map<string, { row: number; leadId: string }>();
  cols.responseKey.forEach((k, i) => {
    const key = readText(k);
    if (key.startsWith('inbound:')) byKey.set(key, i);
  });
  const index = MatchIndex.open(leads, ctx.timeZone);
  const records: Array<Record<string, CellValue>> = [];
  const audit: AuditEntry[] = [];
  let ids: IdAllocator | null = null;
  let row = leads.lastRow() + 1;
  for (const item of batch) {
    // Matching costs the most per row: past the run's share of time, the rest wait for the next run.
    if (overBudget()) break;
    const twin = madeNow.get(item.key);
    if (twin) {
      results.set(item.row.row, refusedWith([`Row: the same as row ${twin.row}, which made ${twin.leadId}; give each row its own External ID`], twin.leadId));
      continue;
    }
    const at = byKey.get(item.key);
    if (at !== undefined) {
      const lead = { id: readText(cols.id[at]), status: readText(cols.status[at]) as Lead['status'], statusReason: readText(cols.statusReason[at]) };
      const same = readText(cols.partnerId[at]) === item.partnerId && readText(cols.company[at]).toLowerCase() === item.fields.company.toLowerCase();
      results.set(
        item.row.row,
        same
          ? madeResult(lead)
          : refusedWith([`External ID: ${item.row.input.externalId || '(this row)'} already made ${lead.id} (${readText(cols.company[at])}); each row needs its own External ID`], lead.id),
      );
      continue;
    }
    const planned = planRegistration(
      ctx,
      leads,
      { partner: { id: item.partnerId }, fields: { typed: { ...item.fields, expectedClose: '' } } },
      { source: 'inbound', responseKey: item.key, registeredBy: '', index },
    );
    if (planned.kind === 'refused') {
      results.set(item.row.row, refusedWith(Object.entries(planned.problems).map(([field, why]) => problemLine(headerOfField(field), why))));
      continue;
    }
    const cells = cellsForTable(leads, leadToCells(planned.lead));
    index.addUnwritten(row, cells);
    madeNow.set(item.key, { row: item.row.row, leadId: planned.lead.id });
    records.push(cells);
    ids = planned.ids;
    audit.push({
      at: ctx.now,
      user: ctx.actor,
      source: ctx.source,
      tab: leads.name,
      range: `row ${row}`,
      recordId: planned.lead.id,
      field: '(new lead)',
      oldValue: '',
      newValue: `${newLeadText(planned.lead, planned.partner)} (Inbound row ${item.row.row}${item.row.input.externalId ? `, External ID ${item.row.input.externalId}` : ''})`,
    });
    results.set(item.row.row, madeResult(planned.lead));
    row++;
  }
  if (records.length === 0) return;
  const last = ids;
  auditedWrite(ctx, audit, () => {
    leads.append(records);
    // Each plan's allocator starts past the index's highest ID, which grew with every lead planned: the last holds the counter.
    last?.commit();
  });
  index.save();
}

/** One stage change through the pipeline's move (its own critical section); a refusal keeps the reason. */
function moveOf(ctx: TrackerContext, leadId: string, move: LeadTransition): RowResult {
  try {
    const outcome = moveLead(ctx, leadId, move, { retryable: true, forUnnamedSource: true });
    if (outcome.ok) return { result: 'Moved', leadId: outcome.lead.id, problems: [], processed: true };
    const fields = Object.keys(outcome.fields).filter((f) => f !== 'seen');
    const where = fields.length ? headerOfField(fields[0]) : outcome.reason.startsWith('There is no lead') ? 'Lead ID' : 'New Status';
    return refusedWith([problemLine(where, outcome.reason)], leadId);
  } catch (e) {
    // A busy tracker or a service error: the row waits for the next run, saying why.
    return { result: WAITING, leadId: '', problems: [`Not moved yet (${e instanceof Error ? e.message : String(e)}); the next hourly run tries again`], processed: false };
  }
}

/**
 * The tracker's columns of every row the run decided about, in one write over the rows from
 * the first to the last of them (rows between keep what they hold), and their highlight.
 */
function writeResults(ctx: TrackerContext, table: TrackerTable, rows: readonly Row[], results: ReadonlyMap<number, RowResult>): void {
  if (results.size === 0) return;
  table.confirmColumns();
  const keys = ['result', 'resultLeadId', 'processedAt', 'stamp', 'problems'] as const;
  const first = table.column(keys[0]);
  const lastCol = table.column(keys[keys.length - 1]);
  if (keys.some((k, i) => table.column(k) !== first + i) || lastCol !== first + keys.length - 1)
    throw new Error("the Inbound tab's Result … Problems columns were moved apart; the owner runs Set up tracker");
  const numbers = [...results.keys()];
  const top = Math.min(...numbers);
  const bottom = Math.max(...numbers);
  const range = table.sheet.getRange(top, first, bottom - top + 1, keys.length);
  const current = range.getValues() as CellValue[][];
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const grid = current.map((cells, i) => {
    const n = top + i;
    const decided = results.get(n);
    const r = byRow.get(n);
    if (!decided || !r) return cells;
    const stamp = decided.processed ? fingerprintOf(r.input) : cells[3];
    const at = decided.processed ? utcDateTimeCell(ctx.now) : cells[2];
    return [decided.result, textCell(decided.leadId), at, stamp, textCell(decided.problems.join('\n'))];
  });
  range.setValues(grid);
  const colours = grid.map((cells) => new Array<string | null>(table.width).fill(readText(cells[4]) ? PROBLEM_BACKGROUND : null));
  table.sheet.getRange(top, 1, grid.length, table.width).setBackgrounds(colours);
}
