import { applicationDeclined, welcomeEmail } from '../domain/emails/application-emails';
import { receivedMessage } from './received-mail';
import { Settings } from '../domain/settings';
import { Critical, Outgoing, messageIds, sendMessages, settled } from '../mail/mailer';
import { findPartner } from '../partners/partner-store';
import { isContactOf } from '../domain/respondent';
import { runsAsOwner } from '../team/access';
import { CellValue, readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { findRows } from '../tracker/lookup';
import { readSettings } from '../tracker/settings-tab';
import { KeyStore } from '../tracker/state';
import { TabRecord } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';

/**
 * The applicant's emails: "received" (the form run), the welcome on approval and the reason on
 * rejection. Only the tracker's account sends mail (the owner's runs), and a manager approves in
 * their own sidebar run, so each email is first noted as owed here ("welcome:A-000001"), in the
 * same critical section as the Applications row and before it is written; the owner's next run
 * (the form run, or the hourly one) builds it from the row as written and sends it through the
 * Mail Queue, whose message ID ("welcome:A-000001") makes it go once however often the note is
 * seen. A note whose row never got its decision (the run died in between) sends nothing.
 */
export const OWED_APPLICATION_MAIL_KEY = 'partnershipTracker.applicationMailOwed';

export type ApplicationMailKind = 'received' | 'welcome' | 'declined';
type ApplicationRecord = TabRecord<'applications', CellValue>;

export class OwedApplicationMail {
  private readonly store: KeyStore;

  constructor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    this.store = new KeyStore(ss);
  }

  list(): string[] {
    try {
      const parsed = JSON.parse(this.store.read(OWED_APPLICATION_MAIL_KEY) || '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
    } catch {
      return [];
    }
  }

  add(kind: ApplicationMailKind, applicationId: string): void {
    const keys = this.list();
    const key = `${kind}:${applicationId}`;
    if (!keys.includes(key)) this.store.write(OWED_APPLICATION_MAIL_KEY, JSON.stringify([...keys, key]));
  }

  remove(keys: readonly string[]): void {
    const all = this.list();
    const left = all.filter((k) => !keys.includes(k));
    if (left.length !== all.length) this.store.write(OWED_APPLICATION_MAIL_KEY, left.length ? JSON.stringify(left) : '');
  }
}

/** The email a row calls for, or null (the row's status does not call for it, or there is no address). */
export function applicationMessage(ctx: TrackerContext, settings: Settings, kind: ApplicationMailKind, record: ApplicationRecord): Outgoing | null {
  const id = readText(record.id);
  const to = readText(record.contactEmail).toLowerCase();
  if (!id || !to) return null;
  const status = readText(record.status);
  const programme = settings.programmeName;
  const base = { programme, applicationId: id, contactName: readText(record.contactName) || 'there', company: readText(record.company) };
  const out = (mail: { subject: string; body: string; htmlBody: string }, messageId: string, purpose: string): Outgoing => ({
    ...mail,
    id: messageId,
    to: [to],
    purpose,
    senderName: programme,
  });
  if (kind === 'received') return receivedMessage(settings, record);
  if (kind === 'declined') {
    // A Decision Note cleared in the grid since: nothing to tell the applicant (the row stays owed until it says why).
    if (status !== 'Rejected' || !readText(record.decisionNote)) return null;
    return out(applicationDeclined({ ...base, reason: readText(record.decisionNote) }), messageIds.applicationDeclined(id), `application declined ${id}`);
  }
  if (status !== 'Approved') return null;
  const partner = findPartner(ctx.ss, ctx.timeZone, readText(record.partnerId));
  // The applicant is welcomed to the partner made for them only: a Partner ID changed in the grid since never sends another partner's code.
  if (!partner || !isContactOf(partner, readText(record.contactEmail))) return null;
  return out(
    welcomeEmail({
      ...base,
      partnerCode: partner.code,
      formUrl: settings.partnerFormUrl,
      partnerSheetUrl: partner.partnerSheet ?? '',
      termsVersion: readText(record.termsVersion) || settings.partnerTermsVersion || '1',
      termsUrl: settings.partnerTermsUrl,
    }),
    messageIds.welcome(id),
    `welcome ${id} (${partner.id})`,
  );
}

/**
 * The owner's runs: sends the applicant emails owed (see above), then takes their notes off.
 * One read when none are owed. The number of messages it handed to the Mail Queue.
 */
export function settleApplicationMail(ctx: TrackerContext, critical: Critical, startedAtMs?: number): number {
  if (!runsAsOwner(ctx)) return 0;
  const owed = new OwedApplicationMail(ctx.ss);
  if (owed.list().length === 0) return 0;
  const { keys, messages } = critical(() => {
    const noted = owed.list();
    const settings = readSettings(ctx.ss).settings;
    const table = TrackerTable.open(ctx.ss, 'applications');
    const built: Array<{ key: string; message: Outgoing | null }> = [];
    for (const key of noted) {
      const at = key.indexOf(':');
      const kind = key.slice(0, at) as ApplicationMailKind;
      const [found] = findRows(table, 'id', key.slice(at + 1));
      built.push({ key, message: found ? applicationMessage(ctx, settings, kind, found.record as ApplicationRecord) : null });
    }
    return { keys: built, messages: built.flatMap((b) => b.message ?? []) };
  });
  const fates = sendMessages(ctx, critical, messages, startedAtMs === undefined ? {} : { startedAtMs });
  // A message the run had no time for stays owed (nothing of it was written); the others are in the ledger or need nothing.
  const done = keys.filter((k) => !k.message || settled(fates.get(k.message.id))).map((k) => k.key);
  critical(() => owed.remove(done));
  return messages.length;
}
