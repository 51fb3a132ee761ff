import { EmulatorContext } from '../core/context';
import { AppsScriptException } from '../core/errors';
import { AuthModeName } from '../core/execution';
import { ServiceObject } from '../core/facade';
import { zonedParts } from '../core/timezone';
import { blobOf } from './blob';

/**
 * MailApp (developers.google.com/apps-script/reference/mail/mail-app and
 * guides/services/quotas): recipients per day 100 (consumer) / 1,500 (Workspace),
 * counted per recipient over to, cc and bcc; 50 recipients per message; body
 * 200 KB / 400 KB. The quota day is Pacific time. Every sent message lands in the outbox.
 */
export const MAIL_QUOTA_MESSAGE = 'Service invoked too many times for one day: email.';
export const MAX_RECIPIENTS_PER_MESSAGE = 50;

export interface MailQuotaLimits {
  recipientsPerDay: number;
  bodyBytes: number;
}

export function mailLimits(accountType: 'consumer' | 'workspace'): MailQuotaLimits {
  return accountType === 'workspace' ? { recipientsPerDay: 1500, bodyBytes: 400 * 1024 } : { recipientsPerDay: 100, bodyBytes: 200 * 1024 };
}

export interface SentAttachment {
  name: string | null;
  contentType: string | null;
  size: number;
  base64: string;
}

export interface SentMail {
  /** The effective user (the sender). With noReply on Workspace: noreply@<domain>. */
  from: string;
  name: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string | null;
  noReply: boolean;
  subject: string;
  body: string;
  htmlBody: string | null;
  attachments: SentAttachment[];
  inlineImages: string[];
  sentAt: string;
  executionId: number;
  origin: string;
}

export interface MailState {
  outbox: SentMail[];
  /** By user: the Pacific quota day and the recipients used that day. */
  quota: Record<string, { day: string; used: number }>;
}

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** Splits "a@x.com, B <b@y.com>" into addresses; throws `Invalid email: …` on a bad one. */
export function parseRecipients(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const out: string[] = [];
  for (const raw of String(value).split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const angle = /<([^>]*)>\s*$/.exec(part);
    const address = (angle ? angle[1] : part).trim();
    if (!EMAIL.test(address)) throw new AppsScriptException(`Invalid email: ${part}`);
    out.push(address);
  }
  return out;
}

export class MailStore {
  outbox: SentMail[] = [];
  private quota = new Map<string, { day: string; used: number }>();

  constructor(private readonly ctx: EmulatorContext) {}

  /** Google's quota day: the calendar day in Pacific time. */
  quotaDay(at: Date = this.ctx.clock.now()): string {
    const p = zonedParts(at, 'America/Los_Angeles');
    return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  }

  used(user: string): number {
    const q = this.quota.get(user);
    return q && q.day === this.quotaDay() ? q.used : 0;
  }

  remaining(user: string): number {
    return Math.max(0, mailLimits(this.ctx.options.accountType).recipientsPerDay - this.used(user));
  }

  /** Counts `n` recipients against `user`'s quota of the current day. */
  consume(user: string, n: number): void {
    const day = this.quotaDay();
    const q = this.quota.get(user);
    this.quota.set(user, { day, used: (q && q.day === day ? q.used : 0) + n });
  }

  /** Test helper: messages sent to an address (to, cc or bcc). */
  sentTo(address: string): SentMail[] {
    const a = address.toLowerCase();
    return this.outbox.filter((m) => [...m.to, ...m.cc, ...m.bcc].some((x) => x.toLowerCase() === a));
  }

  clear(): void {
    this.outbox = [];
    this.quota.clear();
  }

  save(): MailState {
    return { outbox: JSON.parse(JSON.stringify(this.outbox)) as SentMail[], quota: Object.fromEntries(this.quota) };
  }

  load(state: unknown): void {
    const s = (state ?? {}) as Partial<MailState>;
    this.outbox = Array.isArray(s.outbox) ? (JSON.parse(JSON.stringify(s.outbox)) as SentMail[]) : [];
    this.quota = new Map(Object.entries(s.quota ?? {}).map(([k, v]) => [k, { day: String(v.day), used: Number(v.used) }]));
  }
}

interface MessageSpec {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  replyTo?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  name?: unknown;
  noReply?: unknown;
  attachments?: unknown;
  inlineImages?: unknown;
}

export class MailAppImpl extends ServiceObject implements Partial<GoogleAppsScript.Mail.MailApp> {
  constructor(
    private readonly _ctx: EmulatorContext,
    private readonly _store: MailStore,
  ) {
    super('MailApp', _ctx);
  }

  override _requiredAuth(): AuthModeName {
    return 'FULL';
  }

  getRemainingDailyQuota(): number {
    return this._store.remaining(this._ctx.executions.current().user);
  }

  sendEmail(...args: unknown[]): void {
    let spec: MessageSpec;
    if (args.length === 1 && args[0] && typeof args[0] === 'object') spec = args[0] as MessageSpec;
    else if (args.length === 4 && typeof args[3] === 'string') spec = { to: args[0], replyTo: args[1], subject: args[2], body: args[3] };
    else {
      const options = (args[3] && typeof args[3] === 'object' ? args[3] : {}) as MessageSpec;
      spec = { ...options, to: args[0], subject: args[1], body: args[2] };
    }
    this._send(spec);
  }

  private _send(spec: MessageSpec): void {
    const to = parseRecipients(spec.to);
    const cc = parseRecipients(spec.cc);
    const bcc = parseRecipients(spec.bcc);
    const count = to.length + cc.length + bcc.length;
    if (count === 0) throw new AppsScriptException('Failed to send email: no recipient');
    const replyTo = spec.replyTo === undefined || spec.replyTo === null || spec.replyTo === '' ? null : parseRecipients(spec.replyTo).join(',');
    if (count > MAX_RECIPIENTS_PER_MESSAGE) throw new AppsScriptException('Limit Exceeded: Email Recipients Per Message.');
    const limits = mailLimits(this._ctx.options.accountType);
    const body = spec.body === undefined || spec.body === null ? '' : String(spec.body);
    const htmlBody = spec.htmlBody === undefined || spec.htmlBody === null ? null : String(spec.htmlBody);
    if (Buffer.byteLength(body, 'utf8') > limits.bodyBytes || (htmlBody !== null && Buffer.byteLength(htmlBody, 'utf8') > limits.bodyBytes)) {
      throw new AppsScriptException('Limit Exceeded: Email Body Size.');
    }
    const execution = this._ctx.executions.current();
    const user = execution.user;
    if (this._store.remaining(user) < count) throw new AppsScriptException(MAIL_QUOTA_MESSAGE);

    const attachments: SentAttachment[] = [];
    if (spec.attachments !== undefined && spec.attachments !== null) {
      if (!Array.isArray(spec.attachments)) throw new AppsScriptException('Invalid argument: attachments');
      for (const a of spec.attachments) {
        const blob = blobOf(a);
        if (!blob) throw new AppsScriptException('Invalid argument: attachments');
        const info = blob._info();
        attachments.push({ ...info, base64: blob._bytes().toString('base64') });
      }
    }
    const noReply = Boolean(spec.noReply) && this._ctx.options.accountType === 'workspace';
    const domain = user.includes('@') ? user.slice(user.indexOf('@') + 1) : 'example.com';
    this._store.consume(user, count);
    this._store.outbox.push({
      from: noReply ? `noreply@${domain}` : user,
      name: spec.name === undefined || spec.name === null ? null : String(spec.name),
      to,
      cc,
      bcc,
      replyTo,
      noReply,
      subject: spec.subject === undefined || spec.subject === null ? '' : String(spec.subject),
      body,
      htmlBody,
      attachments,
      inlineImages: spec.inlineImages && typeof spec.inlineImages === 'object' ? Object.keys(spec.inlineImages) : [],
      sentAt: this._ctx.clock.now().toISOString(),
      executionId: execution.id,
      origin: execution.origin,
    });
  }
}
