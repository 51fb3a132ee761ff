import { allTierHistory } from '../tiers/tier-store';
import { AuditEntry } from '../domain/audit-chain';
import { amountFormula, parseRules } from '../domain/commissions';
import { ImportedLineStatus, LeadPlan, planLeads } from '../domain/import/plan-leads';
import { parseSettings } from '../domain/settings';
import { cachedRuleRows, lineCells } from '../commissions/commission-store';
import { cellsForTable, leadToCells } from '../leads/lead-store';
import { forgetMatchIndex } from '../leads/match-index';
import { CellValue, dateCell, moneyCell, readText, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { anyIdInUse } from '../tracker/lookup';
import { reference } from '../tracker/reference';
import { TrackerTable } from '../tracker/table';
import { ImportRequest, Planned, auditBase, auditEntries, auditedImport } from './run-import';
import { leadsOf, readTab, writeUpdates } from './tracker-tabs';

/**
 * Leads from a file, with their history: planned against the Leads tab (read once) and, for
 * won deals when the person asked, commission lines marked imported (the Commissions tab's
 * Lead IDs read once); written in one append and one block of updates each.
 */
export function planLeadImport(ctx: TrackerContext, request: ImportRequest): Planned {
  const ref = reference(ctx.ss);
  const settings = parseSettings(ref.settings()).settings;
  const table = TrackerTable.open(ctx.ss, 'leads');
  const tab = readTab(table);
  const existing = leadsOf(tab, ctx.timeZone);
  const commissionsTable = request.commissions === 'none' ? null : TrackerTable.open(ctx.ss, 'commissions');
  const leadsWithLines = new Set(commissionsTable ? commissionsTable.readColumns(['leadId']).leadId.map(readText) : []);
  const ids = new IdAllocator(
    'L-',
    existing.map((l) => l.id),
    ctx.properties,
  );
  const result: LeadPlan = planLeads(
    request.lines,
    {
      leads: existing,
      partners: ref.partners(),
      products: ref.list('products'),
      protectionDays: settings.protectionDays,
      today: todayIn(ctx.timeZone, ctx.now),
      now: ctx.now,
      actor: ctx.actor,
      commissions: request.commissions === 'none' ? null : { rules: parseRules(cachedRuleRows(ctx.ss)).rules, holdingDays: settings.holdingDays, status: request.commissions, leadsWithLines },
      // Read once for the batch, only when commission lines are made.
      tierHistory: request.commissions === 'none' ? [] : allTierHistory(ctx.ss, ctx.timeZone),
    },
    () => ids.take(),
  );
  const lineCount = result.lines.reduce((n, l) => n + l.lines.length, 0);
  const first = table.lastRow() + 1;
  const rowOf = new Map<string, number>([...result.creates.map((l, i): [string, number] => [l.id, first + i]), ...result.updates.map((u): [string, number] => [u.id, u.row])]);
  const created = new Map(result.creates.map((l) => [l.id, l]));
  const audit = auditEntries(
    ctx,
    table.name,
    request,
    result.rows,
    (r) => rowOf.get(r.recordId) ?? null,
    (r) => {
      const lead = created.get(r.recordId);
      return lead ? `${lead.company} for ${lead.partnerId}: ${lead.status}${lead.closedOn ? ` (closed ${lead.closedOn})` : ''}, from ${request.source}` : r.label;
    },
  );
  const write = () => {
    const lines = commissionsTable ? plannedLines(ctx, commissionsTable, result, request.commissions as ImportedLineStatus) : null;
    table.confirmColumns();
    auditedImport(ctx, [...audit, ...(lines?.audit ?? [])], () => {
      table.append(result.creates.map((lead) => cellsForTable(table, leadToCells(lead))));
      writeUpdates(
        tab,
        result.updates.map((u) => {
          const cells: Record<string, CellValue> = { updatedAt: utcDateTimeCell(ctx.now) };
          for (const [k, v] of Object.entries(u.values)) {
            cells[k] = k === 'estimatedValue' ? moneyCell(v as number | null) : k === 'expectedClose' ? dateCell(String(v ?? '')) : k === 'domain' ? String(v ?? '') : textCell(String(v ?? ''));
          }
          return { row: u.row, cells };
        }),
      );
      ids.commit();
      // Leads come first: lines for a lead that was not written would point at nothing; a run that dies here leaves
      // the leads, and the retry writes the lines of won leads this import made that have none.
      lines?.write();
    });
    // Changed companies and websites in place: the cached match index must be rebuilt.
    if (result.updates.length) forgetMatchIndex();
  };
  return { rows: result.rows, lineCount, auditBytes: () => JSON.stringify(audit).length, write };
}

/** The won deals' commission lines, marked imported: their cells, audit entries, and one write (plus the notes). */
function plannedLines(ctx: TrackerContext, table: TrackerTable<'commissions'>, result: LeadPlan, status: ImportedLineStatus): { audit: AuditEntry[]; write: () => void } {
  const count = result.lines.reduce((n, l) => n + l.lines.length, 0);
  if (count === 0) return { audit: [], write: () => undefined };
  const ids = IdAllocator.forNew(
    'C-',
    count,
    ctx.properties,
    (numbers) => anyIdInUse(table, 'id', 'C-', numbers),
    () => table.readColumns(['id']).id,
  );
  const first = table.lastRow() + 1;
  const approvedBy = status === 'Pending' ? undefined : 'tracker (import)';
  const records: Array<Record<string, CellValue>> = [];
  const notes: string[][] = [];
  const audit: AuditEntry[] = [];
  for (const { lead, lines } of result.lines) {
    for (const line of lines) {
      const row = first + records.length;
      const id = ids.take();
      const cells = lineCells(table, row, line, { id, leadId: lead.id, partnerId: lead.partnerId, status, now: ctx.now, approvedBy }, amountFormula);
      records.push(cells);
      notes.push([`Imported with ${lead.id} (closed ${lead.closedOn}) by ${ctx.actor || 'an unknown person'} on ${todayIn(ctx.timeZone, ctx.now)}, as ${status}.`]);
      audit.push({
        ...auditBase(ctx, table.name),
        range: `row ${row}`,
        recordId: id,
        field: '(new commission)',
        oldValue: '',
        newValue: `${line.kind} for ${lead.id} by ${line.ruleId}: ${(line.amountCents / 100).toFixed(2)} (${String(cells.amount)}), ${status}, imported`,
      });
    }
  }
  return {
    audit,
    write: () => {
      const at = table.append(records);
      // The formula also lives in the Amount cell's note (the edit trigger restores it from there); the ID's note says the line was imported.
      table.sheet.getRange(at, table.column('amount'), records.length, 1).setNotes(records.map((r) => [String(r.amount)]));
      table.sheet.getRange(at, table.column('id'), records.length, 1).setNotes(notes);
      ids.commit();
    },
  };
}
