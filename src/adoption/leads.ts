import { RECORD_ID_ERROR, RECORD_ID_PATTERN } from '../domain/input-rules';
import { cellsForTable, leadToCells } from '../leads/lead-store';
import { MatchIndex, prefetchMatchIndex } from '../leads/match-index';
import { newLeadText, planRegistration } from '../leads/register';
import { CellValue, readIsoDate, readText, readUtcDateTime, textCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { candidateRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';
import {
  EditFacts,
  RawRow,
  RowWrite,
  TabAdoption,
  adoptionEntry,
  emptyAdoption,
  headerOf,
  isBlankRow,
  problemEntries,
  problemLine,
  problemsOf,
  recordOf,
  rowsText,
  withCells,
  writeProblemsOnly,
  writeRows,
} from './rows';

/**
 * Leads typed, pasted or appended into the Leads tab go through registration's own rules
 * (leads/register.ts planRegistration): the partner must exist and be active, the fields pass
 * the registration rules, the product is on the Lists tab, and the lead is matched against the
 * open, protected leads — New and protected, or Conflict with the lead it collides with and why,
 * exactly as the sidebar would. It keeps the ID it brought when no other row has it (else gets
 * L-000001…), and gets Registered At (unless it brought one), Company Domain, Protected Until,
 * Source "sheet", Updated At and Registered By (the editor when Google names them; else blank).
 * A typed lead starts as New: any other status is a problem (historical deals come in by import).
 * A counted lead whose Company is cleared gets it back when Google says what it was; else the
 * problem is marked. The rows in scope are read once; the match index does the matching.
 */
export function adoptLeads(ctx: TrackerContext, rows: readonly RawRow[], facts: EditFacts | null, idRows?: ReadonlyMap<string, number[]>): TabAdoption {
  const table = TrackerTable.open(ctx.ss, 'leads');
  const out: TabAdoption = emptyAdoption();
  const writes: RowWrite[] = [];
  const problemOnly: Array<{ row: number; problems: string[] }> = [];
  const putBack: Array<{ row: number; value: string }> = [];
  const marked: number[] = [];
  const conflicts: string[] = [];
  const commits: IdAllocator[] = [];
  const sealer = table.sealer();
  let index: MatchIndex | null = null;
  const adoptedIds = new Map<string, number>();
  /** Another row holding this ID (the whole tab's IDs when the caller read them; else one search). */
  const elsewhere = (id: string, row: number): number | undefined => {
    const found = idRows ? (idRows.get(id) ?? []) : candidateRows(table, 'id', id);
    return found.find((r) => r !== row) ?? (adoptedIds.has(id) && adoptedIds.get(id) !== row ? adoptedIds.get(id) : undefined);
  };

  for (const raw of rows) {
    const before = problemsOf(table, raw);
    const record = recordOf(table, raw);
    if (isBlankRow(table, raw)) {
      if (before) writes.push({ row: raw.row, cells: raw.cells, problems: [] });
      continue;
    }
    const id = readText(record.id);
    if (readText(record.check)) {
      // A counted lead: its Company may not be emptied.
      const cleared = readText(record.company) === '';
      const old = facts?.single && table.column('company') === facts.single.column ? facts.single.oldValue : undefined;
      let problems: string[] = [];
      if (cleared && old !== undefined && old !== null && String(old).trim() !== '') {
        putBack.push({ row: raw.row, value: String(old) });
        out.refused.push(`Leads row ${raw.row}: Company cannot be cleared from ${id}, a lead the tracker counts; put back "${String(old)}".`);
        out.audit.push(adoptionEntry(ctx, table, raw.row, id, '(put back)', '', `Company ${String(old)}: a counted lead keeps its company`));
      } else if (cleared) {
        problems = ['Company: Company is required; type the company back'];
      }
      if (problems.join('\n') !== before) {
        problemOnly.push({ row: raw.row, problems });
        out.audit.push(...problemEntries(ctx, table, raw.row, id, before, problems));
        if (problems.length) marked.push(raw.row);
      }
      if (problems.length) out.problemRows++;
      continue;
    }

    // A typed row: registration's checks, then matching.
    const problems: string[] = [];
    if (id && !RECORD_ID_PATTERN.test(id)) problems.push(problemLine('Lead ID', RECORD_ID_ERROR('Lead ID')));
    const holder = id ? elsewhere(id, raw.row) : undefined;
    if (holder !== undefined) problems.push(`Lead ID: ${id} is already on row ${holder}; give this row its own ID, or leave it blank for a new one`);
    const status = readText(record.status);
    if (status && status !== 'New')
      problems.push(`Status: a lead typed into the tab starts as New (or Conflict when it collides); clear "${status}" and move the lead along in the sidebar once it is adopted`);
    const partnerId = readText(record.partnerId);
    if (!index) {
      prefetchMatchIndex(ctx.ss);
      index = MatchIndex.open(table, ctx.timeZone);
    }
    const planned = planRegistration(
      ctx,
      table,
      {
        partner: { id: partnerId },
        fields: {
          typed: {
            company: readText(record.company),
            website: readText(record.website),
            contactName: readText(record.contactName),
            contactEmail: readText(record.contactEmail),
            product: readText(record.product),
            estimatedValue: typeof record.estimatedValue === 'number' ? record.estimatedValue : readText(record.estimatedValue),
            expectedClose: record.expectedClose instanceof Date ? readIsoDate(record.expectedClose, ctx.timeZone) : readText(record.expectedClose),
            notes: readText(record.notes),
          },
        },
      },
      { source: 'sheet', responseKey: readText(record.responseKey), registeredBy: facts?.editor ?? '', row: raw.row, id, index },
    );
    if (planned.kind === 'refused') {
      for (const [key, why] of Object.entries(planned.problems)) {
        problems.push(key === 'partnerId' && !partnerId ? 'Partner ID: a partner is required (a Partner ID from the Partners tab)' : problemLine(key === 'form' ? 'Row' : headerOf('leads', key), why));
      }
    }
    if (problems.length || planned.kind === 'refused') {
      out.problemRows++;
      if (problems.join('\n') !== before) {
        writes.push({ row: raw.row, cells: raw.cells, problems });
        out.audit.push(...problemEntries(ctx, table, raw.row, id, before, problems));
        marked.push(raw.row);
      }
      continue;
    }
    const { lead, partner, ids } = planned;
    const broughtAt = readUtcDateTime(record.registeredAt, ctx.timeZone);
    if (broughtAt) lead.registeredAt = broughtAt;
    if (id) ids.bumpPast(id);
    else out.idsAssigned++;
    const cells = cellsForTable(table, leadToCells(lead));
    if (sealer) cells.check = sealer.seal(cells);
    writes.push({ row: raw.row, cells: withCells(table, raw, cells), problems: [] });
    index.put(raw.row, cells);
    adoptedIds.set(lead.id, raw.row);
    out.adopted++;
    if (lead.conflictWith) conflicts.push(`Leads row ${raw.row}: ${lead.id} is a Conflict — ${lead.statusReason}`);
    out.audit.push(adoptionEntry(ctx, table, raw.row, lead.id, id ? '(row adopted)' : '(ID assigned)', id, `typed into the tab, adopted: ${newLeadText(lead, partner)}`));
    // Each adopted lead's counter is written with the rows (the state's write joins the batch).
    commits.push(ids);
  }
  if (marked.length) out.notes.push(`Leads ${rowsText(marked)}: not counted yet; the Problems column says why (fix the cells and the tracker adopts the row).`);
  if (out.adopted) out.notes.push(`Leads: ${out.adopted} row(s) adopted and matched like registrations.`);
  out.notes.push(...conflicts);
  const opened = index;
  out.apply = () => {
    writeRows(table, writes);
    for (const p of problemOnly) writeProblemsOnly(table, p.row, p.problems);
    for (const p of putBack) table.writeCells(p.row, { company: textCell(p.value) });
    for (const ids of commits) ids.commit();
    opened?.save();
  };
  return out;
}

/** Every lead ID on the tab → its rows (for Check tracker, which reads the whole tab anyway). */
export function idRowsOf(table: TrackerTable, rows: readonly RawRow[]): Map<string, number[]> {
  const at = table.column('id') - 1;
  const out = new Map<string, number[]>();
  for (const raw of rows) {
    const id = readText(raw.cells[at] as CellValue);
    if (id) out.set(id, [...(out.get(id) ?? []), raw.row]);
  }
  return out;
}
