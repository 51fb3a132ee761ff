import { tierNamesOf } from '../tiers/tier-store';
import { checkPartnerRow, normalisePartnerCode } from '../domain/row-checks';
import { splitEmails } from '../domain/partner';
import { payoutDetailsProblem } from '../domain/payouts/payout-method';

const email = (text: string | undefined) => (text ?? '').trim().toLowerCase();
import { CellValue, dateCell, readIsoDate, readText, textCell, todayIn, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { IdAllocator } from '../tracker/ids';
import { reference } from '../tracker/reference';
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
  readRawRows,
  recordOf,
  rowsText,
  withCells,
  writeProblemsOnly,
  writeRows,
} from './rows';

/**
 * Partners typed, pasted or appended into the Partners tab. A row the tracker did not write
 * (no Tracker Check) is checked with the sidebar's partner rules; a valid one gets a Partner ID
 * (P-000001, or keeps the one it brought when no other row has it), its Created At and the
 * sidebar's defaults (tier Registered, status Active, joined today), and is sealed: it counts
 * everywhere. An invalid one, or one reusing another partner's ID or code, is kept with its
 * problems and highlighted, and counts nowhere until fixed. A counted partner whose name or code
 * is cleared gets the old value back when Google says what it was; else the problem is marked.
 * The whole tab is read (one call): partners are few, and every ID and code must be compared.
 */
const REQUIRED_OF_COUNTED = ['name', 'code'] as const;

export function adoptPartners(ctx: TrackerContext, inScope: (row: number) => boolean, facts: EditFacts | null, tierNames?: string[]): TabAdoption {
  const table = TrackerTable.open(ctx.ss, 'partners');
  const rows = readRawRows(table, 2, table.lastRow());
  const ref = reference(ctx.ss);
  const lists = { regions: ref.list('regions'), products: ref.list('products'), tiers: tierNames ?? tierNamesOf(ctx.ss) };
  const sealer = table.sealer();
  const has = (raw: RawRow, key: string) => readText(recordOf(table, raw)[key]);
  const counted = (raw: RawRow) => has(raw, 'check') !== '';

  // Who owns each ID and code: rows out of scope that count (no problems), first row first; then the rows in scope, in order.
  const idOwner = new Map<string, RawRow>();
  const codeOwner = new Map<string, RawRow>();
  const claim = (raw: RawRow) => {
    const id = has(raw, 'id');
    const code = normalisePartnerCode(has(raw, 'code'));
    if (id && !idOwner.has(id)) idOwner.set(id, raw);
    if (code && !codeOwner.has(code)) codeOwner.set(code, raw);
  };
  // Who speaks for whom: each contact email (Contact Email and More Contact Emails) belongs to one partner, or the form could not tell whose a response is.
  const emailOwner = new Map<string, RawRow>();
  const emailsOf = (raw: RawRow) => splitEmails(`${has(raw, 'contactEmail')} ${table.has('otherEmails') ? has(raw, 'otherEmails') : ''}`);
  const claimEmails = (raw: RawRow) => {
    for (const email of emailsOf(raw)) if (!emailOwner.has(email)) emailOwner.set(email, raw);
  };
  for (const raw of rows) if (!inScope(raw.row) && !problemsOf(table, raw) && has(raw, 'id')) claim(raw);
  for (const raw of rows) if (!inScope(raw.row) && !problemsOf(table, raw) && has(raw, 'id')) claimEmails(raw);
  // Counted rows in scope keep their ID against typed ones.
  for (const raw of rows) if (inScope(raw.row) && counted(raw) && has(raw, 'id') && !idOwner.has(has(raw, 'id'))) idOwner.set(has(raw, 'id'), raw);

  const out: TabAdoption = emptyAdoption();
  const writes: RowWrite[] = [];
  const problemOnly: Array<{ row: number; problems: string[] }> = [];
  const putBack: Array<{ row: number; key: string; value: string }> = [];
  const marked: number[] = [];
  let ids: IdAllocator | null = null;
  const allocator = () =>
    (ids ??= new IdAllocator(
      'P-',
      rows.map((r) => has(r, 'id')),
      ctx.properties,
    ));

  for (const raw of rows) {
    if (!inScope(raw.row)) continue;
    const before = problemsOf(table, raw);
    if (isBlankRow(table, raw)) {
      if (before) writes.push({ row: raw.row, cells: raw.cells, problems: [] });
      continue;
    }
    if (counted(raw) && sealer?.verify(recordOf(table, raw)).state !== 'sealed') continue; // a forged check: the sealed-edit path tells
    const record = recordOf(table, raw);
    const id = readText(record.id);
    const typed = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v instanceof Date ? readIsoDate(v, ctx.timeZone) : readText(v)]));
    const tierEdited = facts !== null && table.has('tier') && table.column('tier') >= facts.columns.first && table.column('tier') <= facts.columns.last;
    const { errors, valid } = checkPartnerRow(typed, { ...lists, tiers: counted(raw) && !tierEdited ? null : lists.tiers });
    const problems = Object.entries(errors).map(([key, why]) => problemLine(headerOf('partners', key), why));
    const idHolder = id ? idOwner.get(id) : undefined;
    if (idHolder && idHolder !== raw) problems.push(`Partner ID: ${id} is already ${partnerLabel(table, idHolder)}'s (row ${idHolder.row}); give this row its own ID, or leave it blank for a new one`);
    const code = normalisePartnerCode(typed.code ?? '');
    const codeHolder = code ? codeOwner.get(code) : undefined;
    if (codeHolder && codeHolder !== raw) problems.push(`Partner Code: ${code} is already used by ${partnerLabel(table, codeHolder)} (row ${codeHolder.row}); each partner needs its own code`);
    for (const email of table.has('otherEmails') ? splitEmails(typed.otherEmails ?? '') : []) {
      const holder = emailOwner.get(email);
      if (holder && holder !== raw) {
        problems.push(
          `${headerOf('partners', 'otherEmails')}: ${email} is already a contact email of ${partnerLabel(table, holder)} (row ${holder.row}); an address may speak for one partner only, or the form could not tell whose a response from it is`,
        );
      }
    }
    if (email(typed.contactEmail) && splitEmails(typed.otherEmails ?? '').includes(email(typed.contactEmail))) {
      problems.push(`${headerOf('partners', 'otherEmails')}: ${email(typed.contactEmail)} is already the Contact Email; list only other people's addresses`);
    }
    if (table.has('payoutMethod')) {
      const payout = payoutDetailsProblem(typed.payoutMethod ?? '', typed.payoutAccount ?? '');
      if (payout) problems.push(payout);
    }
    if (problems.length === 0) claimEmails(raw);

    if (counted(raw)) {
      // A counted partner: a cleared name or code typed alone is put back; anything else is marked until fixed.
      const cleared = REQUIRED_OF_COUNTED.find((k) => facts?.single && table.has(k) && table.column(k) === facts.single.column && readText(record[k]) === '');
      const old = facts?.single?.oldValue;
      if (cleared && old !== undefined && old !== null && String(old).trim() !== '') {
        putBack.push({ row: raw.row, key: cleared, value: String(old) });
        out.refused.push(`Partners row ${raw.row}: ${headerOf('partners', cleared)} cannot be cleared from ${id}, a partner the tracker counts; put back "${String(old)}".`);
        out.audit.push(adoptionEntry(ctx, table, raw.row, id, '(put back)', '', `${headerOf('partners', cleared)} ${String(old)}: a counted partner keeps it`));
        const rest = problems.filter((p) => !p.startsWith(headerOf('partners', cleared)));
        if (problemsText(rest) !== before) problemOnly.push({ row: raw.row, problems: rest });
        if (rest.length) out.problemRows++;
        continue;
      }
      if (problemsText(problems) !== before) {
        problemOnly.push({ row: raw.row, problems });
        out.audit.push(...problemEntries(ctx, table, raw.row, id, before, problems));
        if (problems.length) marked.push(raw.row);
      }
      if (problems.length) out.problemRows++;
      else if (valid && code) codeOwner.set(code, codeOwner.get(code) ?? raw);
      continue;
    }

    if (problems.length || !valid) {
      out.problemRows++;
      if (problemsText(problems) !== before) {
        writes.push({ row: raw.row, cells: raw.cells, problems });
        out.audit.push(...problemEntries(ctx, table, raw.row, id, before, problems));
        marked.push(raw.row);
      }
      continue;
    }
    // Adopted: the ID it brought (now owned) or a new one; the sidebar's defaults; sealed.
    const allocated = allocator();
    const newId = id || allocated.take();
    if (id) allocated.bumpPast(id);
    else out.idsAssigned++;
    idOwner.set(newId, raw);
    codeOwner.set(valid.code, raw);
    const cells: Record<string, CellValue> = {
      id: newId,
      name: textCell(valid.name),
      code: textCell(valid.code),
      contactName: textCell(valid.contactName),
      contactEmail: textCell(valid.contactEmail),
      type: valid.type,
      tier: lists.tiers.find((n) => n.toLowerCase() === valid.tier.toLowerCase()) ?? lists.tiers[0] ?? '',
      region: textCell(valid.region),
      productFocus: textCell(valid.productFocus),
      status: valid.status,
      joinedOn: dateCell(valid.joinedOn || todayIn(ctx.timeZone, ctx.now)),
      notes: textCell(valid.notes),
      ...(table.has('otherEmails') ? { otherEmails: textCell(valid.otherEmails ?? '') } : {}),
      ...(table.has('updates') ? { updates: valid.updates ?? '' } : {}),
      createdAt: readText(record.createdAt) ? record.createdAt : utcDateTimeCell(ctx.now),
    };
    if (sealer) cells.check = sealer.seal(cells);
    writes.push({ row: raw.row, cells: withCells(table, raw, cells), problems: [] });
    out.adopted++;
    out.audit.push(
      adoptionEntry(
        ctx,
        table,
        raw.row,
        newId,
        id ? '(row adopted)' : '(ID assigned)',
        id,
        `${valid.name} (${valid.code}), ${valid.status}: typed into the tab, adopted${id ? ' with the ID it brought' : ''}`,
      ),
    );
  }
  if (marked.length) out.notes.push(`Partners ${rowsText(marked)}: not counted yet; the Problems column says why (fix the cells and the tracker adopts the row).`);
  if (out.adopted) out.notes.push(`Partners: ${out.adopted} row(s) adopted (IDs, Created At and defaults filled in).`);
  out.apply = () => {
    writeRows(table, writes);
    for (const p of problemOnly) writeProblemsOnly(table, p.row, p.problems);
    for (const p of putBack) table.writeCells(p.row, { [p.key]: textCell(p.value) });
    ids?.commit();
  };
  return out;
}

function partnerLabel(table: TrackerTable, raw: RawRow): string {
  const record = recordOf(table, raw);
  return readText(record.name) || readText(record.id) || `row ${raw.row}`;
}

function problemsText(lines: readonly string[]): string {
  return lines.join('\n');
}
