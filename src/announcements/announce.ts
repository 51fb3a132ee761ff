import { auditedWrite } from '../audit/audit-intent';
import { AuditEntry, sha256Hex } from '../domain/audit-chain';
import { AnnouncementDraft, announcementEmail, announcementProblems, describeSegment } from '../domain/announcements';
import { InputError } from '../domain/input-error';
import { refusal } from '../domain/roles';
import { Critical, Fate, MAIL_BUDGET_MS, Outgoing, messageIds, queueMessages, sendMessages } from '../mail/mailer';
import { currentRequestId } from '../sidebar-api/requests';
import { requireRole, rosterOf, runsAsOwner } from '../team/access';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { readSettings } from '../tracker/settings-tab';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { Audience, audienceOf } from './audience';
import { announcementRowsPending, appendAnnouncementRows, settleAnnouncementRows } from './history';

/**
 * Sending an announcement: one email per partner (to that partner's contacts only), through the
 * Mail Queue, each with the message ID announcement:<announcement ID>:<partner ID>, so a retry
 * (the same request ID makes the same announcement ID) never sends a partner's copy twice, and a
 * send that died half way is finished by doing it again.
 *
 * Only the tracker's owner account sends mail and writes the Mail Queue and Partner Updates tabs.
 * From the owner's sidebar the announcement goes at once: every copy is queued with its history
 * rows in one critical section, then sent for at most SIDEBAR_SEND_MS (the rest stay Queued for
 * the hourly run's queue retry, and the daily quota's leftovers for the next day). From a
 * teammate's sidebar it is handed to the owner's next hourly run, in the tracker's developer
 * metadata (which every editor may write and no one can edit from the sheet), as owed mail and
 * teammates' commission work are; that run matches the segment again and sends it.
 */
export interface AnnouncementRecord extends AnnouncementDraft {
  id: string;
  /** ISO instant it was composed. */
  at: string;
  by: string;
}

export interface AnnouncementOutcome {
  announcementId: string;
  outcome: 'sent' | 'left for the automation';
  /** Active partners the segment matched. */
  matched: number;
  sentNow: number;
  queued: number;
  /** Copies the ledger already held (a retry): not sent again. */
  alreadySent: number;
  /** Copies whose send failed or whose outcome is unknown (reported to the managers by the mailer). */
  troubled: number;
  skipped: Array<{ partnerId: string; partner: string; reason: string }>;
  message: string;
}

export const PENDING_ANNOUNCEMENTS_KEY = 'partnershipTracker.announcementsPending';
/** Characters the waiting announcements may take of the tracker's developer metadata (the spreadsheet's 30,000, shared with its record, the audit head and notes). */
const PENDING_BUDGET = 12000;
/** How long the owner's sidebar sends before it leaves the rest to the hourly run: well inside Apps Script's 6 minutes. */
const SIDEBAR_SEND_MS = 60 * 1000;
/** Copies queued per ledger claim (each claim searches the ledger for its IDs). */
const QUEUE_CHUNK = 100;
export const ANNOUNCEMENT_EVENT = 'announcement';

/**
 * The announcement's ID: from the sidebar's request ID alone, so a retried request is the same
 * announcement whenever it comes (a day in the ID made a retry after midnight a second announcement).
 * 64 bits of the request's SHA-256: no two announcements of a programme share one.
 */
export function announcementIdOf(): string {
  return `AN-${sha256Hex(currentRequestId() ?? Utilities.getUuid()).slice(0, 16)}`;
}

export function checkedDraft(draft: AnnouncementDraft): AnnouncementDraft {
  const problems = announcementProblems(draft);
  if (Object.keys(problems).length) throw new InputError('Some fields need attention.', problems);
  return { ...draft, subject: draft.subject.trim(), body: draft.body.trim() };
}

export function sendAnnouncement(ctx: TrackerContext, input: AnnouncementDraft): AnnouncementOutcome {
  requireRole(ctx, 'sendAnnouncements');
  const draft = checkedDraft(input);
  const record: AnnouncementRecord = { ...draft, id: announcementIdOf(), at: ctx.now.toISOString(), by: ctx.actor };
  if (runsAsOwner(ctx)) {
    const critical: Critical = (task) => withDocumentLock(ctx.ss, () => task());
    return deliverAnnouncement(ctx, record, critical, ctx.now.getTime() - MAIL_BUDGET_MS + SIDEBAR_SEND_MS);
  }
  return leaveForOwner(ctx, record);
}

/** A teammate's announcement: kept for the owner's hourly run, audited now. */
function leaveForOwner(ctx: TrackerContext, record: AnnouncementRecord): AnnouncementOutcome {
  const audience = audienceOf(ctx, record);
  const owner = rosterOf(ctx).owner;
  withDocumentLock(ctx.ss, () => {
    const store = new PendingAnnouncements(ctx.ss);
    const waiting = store.list();
    if (waiting.some((w) => w.id === record.id)) return;
    const size = JSON.stringify([...waiting, record]).length;
    if (size > PENDING_BUDGET) {
      throw new InputError(
        `${waiting.length} announcement(s) already wait for the tracker's automation (it runs hourly as ${owner || 'the owner'}), and there is no room to keep this one until then. Send it after the next hourly run, or shorten the message.`,
      );
    }
    auditedWrite(ctx, [auditEntry(ctx, record, `composed for ${describeSegment(record.segment)}; ${audience.match.partners.length} partner(s) match now; left for the automation to send`)], () =>
      store.save([...waiting, record]),
    );
  });
  return {
    announcementId: record.id,
    outcome: 'left for the automation',
    matched: audience.match.partners.length,
    sentNow: 0,
    queued: 0,
    alreadySent: 0,
    troubled: 0,
    skipped: skippedOf(audience),
    message: `Only the tracker's automation (it runs as ${owner || 'the owner'}) sends the programme's email: it sends ${record.id} within the hour, to the partners the segment matches then (${audience.match.partners.length} now), one email each. Each partner's Partner Updates history shows it once it is sent.`,
  };
}

function skippedOf(audience: Audience): AnnouncementOutcome['skipped'] {
  return audience.skipped.map((s) => ({ partnerId: s.partner.id, partner: s.partner.name, reason: s.reason }));
}

function auditEntry(ctx: TrackerContext, record: AnnouncementRecord, what: string): AuditEntry {
  return {
    at: ctx.now,
    user: record.by,
    source: ctx.source,
    tab: TrackerTable.open(ctx.ss, 'updates').name,
    range: '',
    recordId: record.id,
    field: '(announcement)',
    oldValue: '',
    newValue: `"${record.subject}" ${what}`,
  };
}

/** The messages, one per reachable partner. */
function messagesFor(ctx: TrackerContext, record: AnnouncementRecord, audience: Audience): Outgoing[] {
  const programme = readSettings(ctx.ss).settings.programmeName;
  return audience.reachable.map(({ partner, to }) => ({
    ...announcementEmail({ programme, subject: record.subject, body: record.body, partner }),
    id: messageIds.announcement(record.id, partner.id),
    to,
    purpose: `announcement ${record.id} to ${partner.id}`,
    senderName: programme,
  }));
}

/**
 * The owner's runs: queues every copy with its history rows (and one audit row), then sends what
 * the time budget and the quota allow. Doing it again finishes a send that died half way.
 */
export function deliverAnnouncement(ctx: TrackerContext, record: AnnouncementRecord, critical: Critical, startedAtMs: number): AnnouncementOutcome {
  const audience = audienceOf(ctx, record);
  const messages = messagesFor(ctx, record, audience);
  critical(() => {
    for (let at = 0; at < messages.length; at += QUEUE_CHUNK) queueMessages(ctx, messages.slice(at, at + QUEUE_CHUNK));
    appendAnnouncementRows(ctx, record, audience, (rowsAdded) =>
      rowsAdded ? [auditEntry(ctx, record, `sent to ${describeSegment(record.segment)}: ${audience.reachable.length} partner(s) emailed, ${audience.skipped.length} skipped`)] : [],
    );
  });
  const fates: Map<string, Fate> = messages.length ? sendMessages(ctx, critical, messages, { startedAtMs }) : new Map();
  critical(() => settleAnnouncementRows(ctx, record.id));
  const count = (...wanted: Fate[]) => messages.filter((m) => wanted.includes(fates.get(m.id) ?? 'not yet')).length;
  const sentNow = count('sent');
  const queued = count('queued', 'not yet');
  const alreadySent = count('already sent');
  const troubled = count('unknown', 'failed', 'refused');
  const skipped = skippedOf(audience);
  const parts = [
    `${sentNow} sent now`,
    `${queued} queued (${queued ? 'the daily email quota or the time allowed ran out: the hourly run sends them' : 'none waiting'})`,
    alreadySent ? `${alreadySent} already sent before (not sent again)` : '',
    troubled ? `${troubled} not delivered or unclear (reported to the managers; see the Mail Queue)` : '',
    `${skipped.length} skipped${skipped.length ? ` (${skipped.map((s) => `${s.partner}: ${s.reason}`).join('; ')})` : ''}`,
  ].filter(Boolean);
  return {
    announcementId: record.id,
    outcome: 'sent',
    matched: audience.match.partners.length,
    sentNow,
    queued,
    alreadySent,
    troubled,
    skipped,
    message: `${record.id} to ${audience.match.partners.length} partner(s), one email each: ${parts.join(', ')}.`,
  };
}

/** Announcements teammates composed, waiting for the owner's hourly run. */
export class PendingAnnouncements {
  private readonly store: KeyStore;

  constructor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    this.store = new KeyStore(ss);
  }

  list(): AnnouncementRecord[] {
    try {
      const parsed = JSON.parse(this.store.read(PENDING_ANNOUNCEMENTS_KEY) || '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter((r): r is AnnouncementRecord => isRecord(r)) : [];
    } catch {
      return []; // unreadable: nothing can be sent from it, and it must not block the hourly run
    }
  }

  save(records: readonly AnnouncementRecord[]): void {
    this.store.write(PENDING_ANNOUNCEMENTS_KEY, records.length ? JSON.stringify(records) : '');
  }

  remove(id: string): void {
    const list = this.list();
    const left = list.filter((r) => r.id !== id);
    if (left.length !== list.length) this.save(left);
  }
}

function isRecord(r: unknown): r is AnnouncementRecord {
  const x = r as AnnouncementRecord | null;
  return (
    !!x &&
    typeof x.id === 'string' &&
    typeof x.subject === 'string' &&
    typeof x.body === 'string' &&
    !!x.segment &&
    Array.isArray(x.segment.tiers) &&
    Array.isArray(x.segment.regions) &&
    Array.isArray(x.segment.types) &&
    Array.isArray(x.segment.products) &&
    typeof x.segment.days === 'number'
  );
}

/**
 * The hourly run: sends the announcements teammates left (each taken off once its copies are
 * queued and recorded: a run that dies before that does it again, and the ledger sends no copy
 * twice), then settles the history rows of copies the queue retry has sent since.
 */
export function runPendingAnnouncements(ctx: TrackerContext, critical: Critical, startedAtMs: number): unknown {
  const store = new PendingAnnouncements(ctx.ss);
  const done: string[] = [];
  for (const record of store.list()) {
    if (Date.now() > startedAtMs + MAIL_BUDGET_MS) break;
    // Every editor may write the waiting room: only an announcement from someone the Team tab lets send one goes out.
    const refused = record.by ? refusal(rosterOf(ctx), record.by, 'sendAnnouncements') : 'no sender recorded';
    const invalid = refused !== null || Object.keys(announcementProblems(record)).length > 0;
    if (!invalid) deliverAnnouncement(ctx, record, critical, startedAtMs);
    critical(() => store.remove(record.id));
    done.push(refused ? `${record.id} (dropped: ${refused})` : invalid ? `${record.id} (invalid, dropped)` : record.id);
  }
  const settled = announcementRowsPending(ctx) ? critical(() => settleAnnouncementRows(ctx, null)) : 0;
  return { sent: done, settled };
}
