import { UndeliveredMail, undeliveredReport } from '../domain/emails/mail-emails';
import { holders } from '../domain/roles';
import { rosterOf, runsAsOwner } from '../team/access';
import { CellValue, readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { ledgerEntries, ledgerHas } from './ledger-entries';
import { legacyRetryQueuedMail, legacySendOrQueue } from './legacy';
import { sendHeld } from './mail-sending';
import { contiguous, fateOf, fingerprint, kept, rowFor, sinceText } from './mail-rows';
import { BATCH, CLAIM_MS, Claim, Critical, Entry, Fate, MAIL_BUDGET_MS, Outgoing, QueueResult, READ_CAP, REPORT_PREFIX } from './mail-types';

/**
 * Mail exactly once, or reported. The Mail Queue tab is the ledger of every
 * email the tracker sends, not only of those waiting for quota. Each message
 * has an ID that says what it is ("statement:PO-000001", see messageIds), and
 * goes through these steps:
 *
 * 1. Claim, inside the critical section: the ledger is searched for the IDs
 *    (ledger-entries.ts: never a whole column) and a message whose ID is there already — Sent, Sending, Queued by a live run,
 *    Unknown, Failed or Refused — is not sent again. Otherwise its row is
 *    written (status Queued, sealed, its text kept when it fits a cell) and
 *    held by this run until Claimed Until (the run's longest life, and a margin).
 * 2. Stamp "Sending" on the row (only this run writes a row it holds), send,
 *    stamp "Sent" (the text is dropped: the recipient has it).
 * 3. A run that stops between 2's stamps leaves the row Sending. Once its claim
 *    has run out, the next run's claim marks it Unknown and reports it to the
 *    managers in one "possibly not delivered" email (itself a message with an
 *    ID); it is never sent again. An error from Google that does not say the
 *    message was refused (a timeout, a server error) is Unknown too; one that
 *    does (a bad address, a body too big) is Failed, and reported. Out of
 *    quota: the row goes back to Queued, and a later run sends it.
 *
 * Only the tracker's account (the owner's runs) sends. Queued rows are sealed
 * (to, subject, body, HTML body, purpose): a row the tracker did not write is
 * Refused, never sent. No lock is held while mail goes out, and no new send
 * starts once the run's time budget is spent (Apps Script stops an execution
 * at 6 minutes): what is left stays Queued, or is rebuilt by its source, in
 * the next run. A claim costs the same whatever the ledger's length: it
 * searches the Status and Message ID columns and reads only the rows found,
 * never the text of sent mail.
 */

/** The ledger for one run. */
class MailLedger {
  private readonly deadline: number;
  private table: TrackerTable<'mail'>;
  readonly upgraded: boolean;
  /** Google said the day's quota is used up: nothing more is sent this run. */
  quotaOut = false;

  constructor(
    private readonly ctx: TrackerContext,
    private readonly critical: Critical,
    startedAtMs?: number,
  ) {
    if (!runsAsOwner(ctx)) throw new Error("internal: the tracker sends mail from its own account only (the owner's runs).");
    this.deadline = (startedAtMs ?? ctx.now.getTime()) + MAIL_BUDGET_MS;
    this.table = TrackerTable.open(ctx.ss, 'mail');
    this.upgraded = this.table.has('messageId') && this.table.has('claimedUntil');
  }

  timeLeft(): boolean {
    return Date.now() < this.deadline;
  }

  /** A fresh view of the tab (its last row is cached per view): inside each critical section. */
  private reopen(): TrackerTable<'mail'> {
    this.table = TrackerTable.open(this.ctx.ss, 'mail');
    return this.table;
  }

  /** The ledger's status for each ID ('' when absent): one read, outside the critical section, so only a hint. */
  lookup(ids: readonly string[]): Map<string, string> {
    const out = new Map<string, string>(ids.map((id) => [id, '']));
    if (!this.upgraded || this.table.rowCount() === 0) return out;
    const cols = this.table.readColumns(['status', 'messageId'] as const);
    cols.messageId.forEach((id, i) => {
      const key = readText(id);
      if (out.get(key) === '') out.set(key, readText(cols.status[i]) || 'Refused');
    });
    return out;
  }

  /** Inside the caller's critical section: rows for these messages, Queued and held by no one (sent by send(), or a later run). */
  enqueue(messages: readonly Outgoing[]): void {
    if (!this.upgraded) return;
    const quotaOut = this.quotaOut;
    this.quotaOut = true; // holds nothing: no row is claimed, so any run may send them
    try {
      this.claimMessages(this.distinct(messages, new Map()), new Map());
    } finally {
      this.quotaOut = quotaOut;
    }
  }

  /** Inside the caller's critical section: rows for these messages, held by this run as far as the quota goes (deliverHeld sends them). */
  hold(messages: readonly Outgoing[]): { claims: Claim[]; fates: Map<string, Fate> } {
    const fates = new Map<string, Fate>();
    return { claims: this.claimMessages(this.distinct(messages, fates), fates), fates };
  }

  /** After the critical section: sends what hold() claimed. */
  deliverHeld(claims: readonly Claim[], fates: Map<string, Fate>): Map<string, Fate> {
    this.deliver(claims, fates);
    return fates;
  }

  /** One of each ID (an ID ending in ":" made unique); messages to no one count as sent. */
  private distinct(messages: readonly Outgoing[], fates: Map<string, Fate>): Outgoing[] {
    const unique: Outgoing[] = [];
    for (const m of messages) {
      const id = m.id.endsWith(':') ? `${m.id}${Utilities.getUuid()}` : m.id;
      if (fates.has(id) || unique.some((u) => u.id === id)) continue;
      if (m.to.length === 0) fates.set(id, 'sent');
      else unique.push({ ...m, id });
    }
    return unique;
  }

  send(messages: readonly Outgoing[]): Map<string, Fate> {
    const fates = new Map<string, Fate>();
    const unique = this.distinct(messages, fates);
    if (!this.upgraded) {
      for (const m of unique) fates.set(m.id, legacySendOrQueue(this.ctx, m));
      return fates;
    }
    for (let at = 0; at < unique.length; at += BATCH) {
      const chunk = unique.slice(at, at + BATCH);
      if (!this.timeLeft()) {
        // Nothing written for these: their source asks again in a later run.
        for (const m of chunk) fates.set(m.id, 'not yet');
        continue;
      }
      const claims = this.critical(() => this.claimMessages(chunk, fates));
      this.deliver(claims, fates);
    }
    return fates;
  }

  /** Inside the critical section: settle what the ledger already holds, write rows for the rest, hold the ones this run sends. */
  private claimMessages(chunk: readonly Outgoing[], fates: Map<string, Fate>): Claim[] {
    const table = this.reopen();
    const nowMs = Date.now();
    const entries = ledgerEntries(
      table,
      chunk.map((m) => m.id),
      this.ctx.timeZone,
    );
    let quota = this.quotaOut ? 0 : MailApp.getRemainingDailyQuota();
    const claims: Claim[] = [];
    const swept = this.sweep(table, entries, nowMs, quota);
    if (swept.claim) {
      claims.push(swept.claim);
      quota -= swept.claim.message.to.length;
    }
    const byId = new Map<string, Entry>();
    for (const e of entries) if (e.id && !byId.has(e.id)) byId.set(e.id, e);
    const appended: Array<{ message: Outgoing; record: Record<string, CellValue>; held: boolean }> = [];
    for (const m of chunk) {
      const e = byId.get(m.id);
      const hold = quota >= m.to.length;
      if (e) {
        const fate = fateOf(e, nowMs);
        if (fate) {
          fates.set(m.id, fate);
          continue;
        }
        // Queued and held by no one (its text may not have fitted): this run's copy of the same message replaces it.
        if (hold) quota -= m.to.length;
        const record = { ...rowFor(m, nowMs, hold), attempts: e.attempts };
        table.writeCells(e.row, { ...record, queuedAt: undefined }, record);
        if (hold) claims.push({ row: e.row, message: m, attempts: e.attempts, base: record, kept: kept(record) });
        else fates.set(m.id, kept(record) ? 'queued' : 'not yet');
        continue;
      }
      if (hold) quota -= m.to.length;
      appended.push({ message: m, record: rowFor(m, nowMs, hold), held: hold });
    }
    if (appended.length) {
      const first = table.append(appended.map((a) => a.record));
      appended.forEach((a, i) => {
        if (a.held) claims.push({ row: first + i, message: a.message, attempts: 0, base: a.record, kept: kept(a.record) });
        else fates.set(a.message.id, kept(a.record) ? 'queued' : 'not yet');
      });
    }
    return claims;
  }

  /**
   * Inside the critical section: rows a stopped run left Sending (their claim
   * has run out) become Unknown, and the managers get one report listing
   * them. The report's row is written before the rows are marked, so a run
   * that stops in between reports them again rather than never.
   */
  private sweep(table: TrackerTable<'mail'>, entries: Entry[], nowMs: number, quota: number): { swept: number; reported: boolean; claim: Claim | null } {
    const stale = entries.filter((e) => e.status === 'Sending' && e.claimedUntil <= nowMs);
    if (stale.length === 0) return { swept: 0, reported: false, claim: null };
    const rows = new Map<number, Record<string, CellValue>>();
    for (const group of contiguous(stale.map((e) => e.row))) {
      table.readRows(group[0], group[group.length - 1]).forEach((r, i) => rows.set(group[0] + i, r));
    }
    // A report that may not have gone is not itself reported (a report that cannot reach the managers would breed one an hour).
    const reportable = stale.filter((e) => !e.id.startsWith(REPORT_PREFIX));
    const items: UndeliveredMail[] = reportable.map((e) => {
      const r = rows.get(e.row) ?? {};
      return { id: e.id, to: readText(r.to), subject: readText(r.subject), since: sinceText(r.sentAt, this.ctx.timeZone), state: 'unknown', reason: 'a run stopped while sending it' };
    });
    const report = items.length ? this.report(table, items, nowMs, quota, entries) : { id: '', written: false, claim: null };
    for (const e of stale) {
      table.writeCells(e.row, {
        status: 'Unknown',
        attempts: e.attempts,
        lastError:
          report.id && !e.id.startsWith(REPORT_PREFIX)
            ? `A run stopped while sending this email: it may or may not have gone out, so it is not sent again. Reported to the managers (${report.id}); check with the recipient.`
            : 'A run stopped while sending this report: it may or may not have gone out, so it is not sent again. The emails it lists are Unknown or Failed here.',
      });
      e.status = 'Unknown';
    }
    return { swept: stale.length, reported: report.written, claim: report.claim };
  }

  /** Writes the managers' report of undelivered mail as a message of its own; held by this run when the quota allows. */
  private report(table: TrackerTable<'mail'>, items: UndeliveredMail[], nowMs: number, quota: number, entries: Entry[] | null): { id: string; written: boolean; claim: Claim | null } {
    const settings = readSettings(this.ctx.ss).settings;
    const sheet = table.sheet;
    const url = `${this.ctx.ss.getUrl()}#gid=${sheet.getSheetId()}`;
    const id = `${REPORT_PREFIX}${fingerprint(items.map((i) => i.id || `${i.subject}|${i.to}|${i.since}`))}`;
    // Written already by a run that stopped before it marked the rows: they are reported once.
    if (entries && (entries.some((e) => e.id === id) || ledgerHas(table, id))) return { id, written: false, claim: null };
    const to = holders(rosterOf(this.ctx), 'Manager');
    const message: Outgoing = { ...undeliveredReport(settings.programmeName, items, url), id, to, purpose: 'undelivered mail report', senderName: settings.programmeName };
    const hold = quota >= to.length;
    const record = rowFor(message, nowMs, hold);
    const row = table.append([record]);
    return { id, written: true, claim: hold ? { row, message, attempts: 0, base: record, kept: kept(record), report: true } : null };
  }

  /** Sends what this run holds: stamped Sending before, Sent after; no lock held. */
  private deliver(claims: readonly Claim[], fates: Map<string, Fate>): void {
    if (claims.length === 0) return;
    const { release, retry, troubles } = sendHeld(this.table, claims, fates, this);
    if (release.length === 0 && retry.length === 0 && troubles.length === 0) return;
    const report = this.critical(() => {
      const fresh = this.reopen();
      for (const w of retry) fresh.writeCells(w.row, w.values, w.base);
      for (const c of release) fresh.writeCells(c.row, { claimedUntil: '' });
      const reportable = troubles.filter((t) => !t.claim.report);
      let claim: Claim | null = null;
      if (reportable.length) {
        const nowMs = Date.now();
        const items: UndeliveredMail[] = reportable.map((t) => ({
          id: t.claim.message.id,
          to: t.claim.message.to.join(', '),
          subject: t.claim.message.subject,
          since: utcDateTimeCell(new Date(nowMs)),
          state: t.state,
          reason: t.error,
        }));
        const quota = this.quotaOut ? 0 : MailApp.getRemainingDailyQuota();
        const written = this.report(fresh, items, nowMs, quota, null);
        claim = written.claim;
        for (const t of reportable) {
          fresh.writeCells(t.claim.row, {
            status: t.state === 'failed' ? 'Failed' : 'Unknown',
            attempts: t.claim.attempts,
            lastError: textCell(
              t.state === 'failed'
                ? `Google refused it: ${t.error}. Reported to the managers (${written.id}).`
                : `Sending ended in an unclear error (${t.error}): it may or may not have gone out, so it is not sent again. Reported to the managers (${written.id}).`,
            ),
          });
        }
      }
      return claim;
    });
    if (report) this.deliver([report], new Map());
  }

  retry(result: QueueResult): void {
    if (this.table.rowCount() === 0) return;
    // A look first, outside the critical section: most runs find nothing to send or to report.
    const nowMs = Date.now();
    const work = ledgerEntries(this.table, [], this.ctx.timeZone).filter((e) => e.claimedUntil <= nowMs && (e.status === 'Queued' || e.status === 'Sending'));
    if (work.length === 0) return;
    let left = 0;
    while (this.timeLeft() && !this.quotaOut) {
      const { report, sends, unclaimed } = this.critical(() => this.claimQueued(result));
      left = unclaimed;
      if (!report && sends.length === 0) break;
      const fates = new Map<string, Fate>();
      this.deliver(report ? [report, ...sends] : sends, fates);
      for (const c of sends) {
        const fate = fates.get(c.message.id);
        if (fate === 'sent') result.sent++;
        else if (fate === 'unknown') result.unknown++;
        else if (fate === 'failed') result.undeliverable++;
        else result.waiting++;
      }
      if (sends.length < BATCH) break;
    }
    // Rows this run did not get to (quota, time, too many): still Queued for the next run.
    result.waiting += left;
  }

  /** Inside the critical section: the oldest Queued rows no run holds, checked against their seals and held for this run. */
  private claimQueued(result: QueueResult): { report: Claim | null; sends: Claim[]; unclaimed: number } {
    const table = this.reopen();
    const nowMs = Date.now();
    const entries = ledgerEntries(table, [], this.ctx.timeZone);
    let quota = MailApp.getRemainingDailyQuota();
    const swept = this.sweep(table, entries, nowMs, quota);
    result.unknown += swept.swept;
    if (swept.reported) result.reported++;
    if (swept.claim) quota -= swept.claim.message.to.length;
    const free = entries.filter((e) => e.status === 'Queued' && e.claimedUntil <= nowMs);
    const candidates = free.slice(0, READ_CAP);
    const sealKeys = table.sealKeys();
    const sends: Claim[] = [];
    let refused = 0;
    for (const group of contiguous(candidates.map((e) => e.row))) {
      if (sends.length >= BATCH || quota <= 0) break;
      const rows = table.readRows(group[0], group[group.length - 1]);
      rows.forEach((r, i) => {
        const row = group[0] + i;
        const entry = candidates.find((e) => e.row === row) as Entry;
        const why = table.heldReason(Object.fromEntries(sealKeys.map((k) => [k, r[k]])));
        if (why) {
          table.writeCells(row, { status: 'Refused', attempts: entry.attempts, lastError: textCell(`Not sent: ${why}. Only the tracker queues mail.`) });
          result.refused++;
          refused++;
          return;
        }
        const body = String(r.body ?? '');
        const htmlBody = String(r.htmlBody ?? '');
        // A message too large to keep waits for the code that made it to build it again.
        if (!body && !htmlBody) return;
        const to = readText(r.to)
          .split(/[,;]\s*/)
          .filter(Boolean);
        if (to.length === 0 || quota < to.length || sends.length >= BATCH) return;
        quota -= to.length;
        const purpose = readText(r.purpose);
        const from = purpose.lastIndexOf(' · from ');
        sends.push({
          row,
          attempts: entry.attempts,
          kept: true,
          base: Object.fromEntries(sealKeys.filter((k) => k !== 'check').map((k) => [k, r[k]])),
          message: {
            id: entry.id || `row:${row}`,
            to,
            subject: readText(r.subject),
            body,
            htmlBody,
            purpose: from >= 0 ? purpose.slice(0, from) : purpose,
            senderName: from >= 0 ? purpose.slice(from + 8) : '',
          },
        });
      });
    }
    for (const group of contiguous(sends.map((c) => c.row))) {
      table.writeColumn(
        'claimedUntil',
        group[0],
        group.map(() => utcDateTimeCell(new Date(nowMs + CLAIM_MS))),
      );
    }
    return { report: swept.claim, sends, unclaimed: free.length - sends.length - refused };
  }
}

/** When the run started, for its time budget: the hourly run passes its start; other runs started when their context was made. */
export interface MailOptions {
  startedAtMs?: number;
}

/**
 * Sends each message at most once (see above) and says what became of it.
 * `critical` is the caller's critical section; the owner's runs only.
 */
export function sendMessages(ctx: TrackerContext, critical: Critical, messages: readonly Outgoing[], options: MailOptions = {}): Map<string, Fate> {
  if (messages.length === 0) return new Map();
  return new MailLedger(ctx, critical, options.startedAtMs).send(messages);
}

/**
 * Claims messages inside the caller's critical section, together with the
 * change they tell of (a registration and its confirmation), held by this run
 * when the quota allows; the function it returns sends them once the section
 * is over. One critical section instead of queueMessages' and sendMessages'
 * two. A run that dies before sending leaves the rows Queued, and a later run
 * sends them once this run's claim has run out.
 */
export function claimMessages(ctx: TrackerContext, critical: Critical, messages: readonly Outgoing[]): () => Map<string, Fate> {
  if (messages.length === 0 || !runsAsOwner(ctx)) return () => new Map();
  const ledger = new MailLedger(ctx, critical);
  if (!ledger.upgraded) return () => ledger.send(messages);
  const { claims, fates } = ledger.hold(messages);
  return () => ledger.deliverHeld(claims, fates);
}

/**
 * Records messages in the ledger as Queued, inside the caller's critical
 * section, together with the change they tell of (a registration and its
 * confirmation): a run that dies before sending leaves them for the next run
 * instead of losing them. sendMessages then sends them now.
 */
export function queueMessages(ctx: TrackerContext, messages: readonly Outgoing[]): void {
  if (messages.length && runsAsOwner(ctx)) new MailLedger(ctx, (task) => task()).enqueue(messages);
}

/**
 * A mailer for one run, for code that sends in steps (payout statements): it
 * looks IDs up first, so messages settled already are not even built, and
 * says when the run's time budget is spent.
 */
export function openMailer(
  ctx: TrackerContext,
  critical: Critical,
  options: MailOptions = {},
): {
  lookup(ids: readonly string[]): Map<string, string>;
  send(messages: readonly Outgoing[]): Map<string, Fate>;
  timeLeft(): boolean;
} {
  const ledger = new MailLedger(ctx, critical, options.startedAtMs);
  return { lookup: (ids) => ledger.lookup(ids), send: (m) => ledger.send(m), timeLeft: () => ledger.timeLeft() };
}

/**
 * Sends queued mail while the quota and the time budget last, oldest first,
 * and reports rows a stopped run left Sending. The owner's runs only; fixed
 * calls per batch whatever the queue's length.
 */
export function retryQueuedMail(ctx: TrackerContext, critical: Critical, startedAtMs?: number): QueueResult {
  const result: QueueResult = { sent: 0, waiting: 0, refused: 0, unknown: 0, undeliverable: 0, reported: 0 };
  if (!runsAsOwner(ctx)) return result;
  const ledger = new MailLedger(ctx, critical, startedAtMs);
  if (!ledger.upgraded) return legacyRetryQueuedMail(ctx, critical);
  ledger.retry(result);
  return result;
}

export { CLAIM_MS, MAIL_BUDGET_MS, messageIds, settled } from './mail-types';
export type { Critical, Fate, Outgoing, QueueResult } from './mail-types';
