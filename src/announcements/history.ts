import { auditedWrite } from '../audit/audit-intent';
import { AuditEntry } from '../domain/audit-chain';
import { contiguous } from '../mail/mail-rows';
import { ledgerEntries } from '../mail/ledger-entries';
import { messageIds } from '../mail/mail-types';
import { CellValue, readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { findRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';
import type { AnnouncementRecord } from './announce';
import type { Audience } from './audience';

/**
 * Announcements on each partner's history (the Partner Updates tab, which other parts of the
 * tracker write status updates to): one row per matched partner, appended once per announcement
 * (a retry adds only the partners it did not record), Pending until the Mail Queue says the copy
 * went, then Sent with its time; a partner the tracker could not email is Not sent, with why.
 * Inside the caller's critical section; searches, never whole columns, so the cost does not grow
 * with the tab.
 */
const EVENT = 'announcement';
const ID_CHUNK = 100;

export function appendAnnouncementRows(ctx: TrackerContext, record: AnnouncementRecord, audience: Audience, audit: (rowsAdded: number) => AuditEntry[]): number {
  const updates = TrackerTable.open(ctx.ss, 'updates');
  const recorded = new Set(findRows(updates, 'recordId', record.id).map((f) => readText(f.record.partnerId)));
  const at = utcDateTimeCell(ctx.now);
  const base = { at, event: EVENT, recordId: record.id, summary: textCell(record.subject), sentAt: '' };
  const rows = [
    ...audience.reachable.map(({ partner }) => ({ ...base, partnerId: partner.id, status: 'Pending', messageId: messageIds.announcement(record.id, partner.id), note: '' })),
    ...audience.skipped.map(({ partner, reason }) => ({ ...base, partnerId: partner.id, status: 'Not sent', messageId: '', note: textCell(`Not sent: ${reason}.`) })),
  ].filter((r) => !recorded.has(r.partnerId));
  if (rows.length === 0) return 0;
  updates.confirmColumns();
  auditedWrite(ctx, audit(rows.length), () => updates.append(rows));
  return rows.length;
}

/** Whether any announcement row waits for its copy to go: a look outside the critical section, so most hourly runs take no lock for this. */
export function announcementRowsPending(ctx: TrackerContext): boolean {
  const updates = TrackerTable.open(ctx.ss, 'updates');
  if (updates.rowCount() === 0) return false;
  return findRows(updates, 'status', 'Pending').some((f) => readText(f.record.event) === EVENT);
}

interface PendingRow {
  row: number;
  messageId: string;
}

/** Pending announcement rows (of one announcement, or all) whose copy the Mail Queue has settled: Sent or Not sent. Returns how many changed. */
export function settleAnnouncementRows(ctx: TrackerContext, announcementId: string | null): number {
  const updates = TrackerTable.open(ctx.ss, 'updates');
  if (updates.rowCount() === 0) return 0;
  const found = announcementId ? findRows(updates, 'recordId', announcementId) : findRows(updates, 'status', 'Pending');
  const pending: PendingRow[] = found
    .filter((f) => readText(f.record.event) === EVENT && readText(f.record.status) === 'Pending' && readText(f.record.messageId))
    .map((f) => ({ row: f.row, messageId: readText(f.record.messageId) }));
  if (pending.length === 0) return 0;
  const fates = ledgerFates(
    ctx,
    pending.map((p) => p.messageId),
  );
  let changed = 0;
  const next = new Map<number, { status: string; sentAt: CellValue; note: string }>();
  for (const p of pending) {
    const fate = fates.get(p.messageId);
    if (!fate) continue;
    next.set(p.row, fate);
    changed++;
  }
  if (changed === 0) return 0;
  const statusAt = updates.column('status');
  const noteAt = updates.column('note');
  const sentAtCol = updates.column('sentAt');
  const rows = pending.map((p) => p.row).sort((a, b) => a - b);
  for (const group of contiguous(rows)) {
    const values = group.map((row) => next.get(row) ?? { status: 'Pending', sentAt: '', note: '' });
    // Status and Sent At are neighbours on the tab as the schema builds it; written one column at a time otherwise.
    if (sentAtCol === statusAt + 1) {
      updates.sheet.getRange(group[0], statusAt, group.length, 2).setValues(values.map((v) => [v.status, v.sentAt]));
    } else {
      updates.writeColumn(
        'status',
        group[0],
        values.map((v) => v.status),
      );
      updates.writeColumn(
        'sentAt',
        group[0],
        values.map((v) => v.sentAt),
      );
    }
    if (values.some((v) => v.note)) updates.sheet.getRange(group[0], noteAt, group.length, 1).setValues(values.map((v) => [textCell(v.note)]));
  }
  return changed;
}

/** What the Mail Queue says of each copy, as a history row's new values; absent while it waits. */
function ledgerFates(ctx: TrackerContext, ids: readonly string[]): Map<string, { status: string; sentAt: CellValue; note: string }> {
  const mail = TrackerTable.open(ctx.ss, 'mail');
  const out = new Map<string, { status: string; sentAt: CellValue; note: string }>();
  if (!mail.has('messageId')) return out;
  const wanted = new Set(ids);
  const entries = [];
  for (let at = 0; at < ids.length; at += ID_CHUNK) entries.push(...ledgerEntries(mail, ids.slice(at, at + ID_CHUNK), ctx.timeZone).filter((e) => wanted.has(e.id)));
  const sentRows = entries.filter((e) => e.status === 'Sent').map((e) => e.row);
  const sentAt = new Map<number, CellValue>();
  const sentAtCol = mail.column('sentAt');
  for (const group of contiguous([...new Set(sentRows)].sort((a, b) => a - b))) {
    mail.sheet
      .getRange(group[0], sentAtCol, group.length, 1)
      .getValues()
      .forEach((r, i) => sentAt.set(group[0] + i, r[0] as CellValue));
  }
  for (const e of entries) {
    if (e.status === 'Sent') out.set(e.id, { status: 'Sent', sentAt: sentAt.get(e.row) || utcDateTimeCell(ctx.now), note: '' });
    else if (e.status === 'Unknown')
      out.set(e.id, {
        status: 'Not sent',
        sentAt: '',
        note: 'A run stopped while sending it, or Google answered unclearly: it may have reached the partner, and is not sent again (reported to the managers; see the Mail Queue).',
      });
    else if (e.status === 'Failed') out.set(e.id, { status: 'Not sent', sentAt: '', note: 'Google refused to send it (see the Mail Queue).' });
    else if (e.status === 'Refused') out.set(e.id, { status: 'Not sent', sentAt: '', note: 'Its Mail Queue row was changed outside the tracker, so it was not sent.' });
  }
  return out;
}
