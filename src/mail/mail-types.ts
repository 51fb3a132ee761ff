import { EmailContent } from '../domain/emails/lead-emails';
import { CellValue } from '../tracker/cells';

/** The mailer's vocabulary: messages, their fates, the ledger's entries and claims, and its limits (mailer.ts). */
export type Critical = <T>(task: () => T) => T;

export interface Outgoing extends EmailContent {
  /**
   * What the message is, stable across runs (messageIds): a message whose ID
   * the ledger holds is never sent again. An ID ending in ":" names no one
   * message and is made unique.
   */
  id: string;
  to: string[];
  /** What the email is about, in words (e.g. "confirmation L-000012"). */
  purpose: string;
  senderName: string;
}

/** The IDs of the tracker's messages. */
export const messageIds = {
  summary: (period: { start: string; end: string }) => `summary:${period.start}..${period.end}`,
  statement: (payoutId: string) => `statement:${payoutId}`,
  digest: (date: string) => `digest:${date}`,
  confirmation: (leadId: string) => `confirmation:${leadId}`,
  refusal: (responseKey: string) => `refusal:${responseKey}`,
  applicationReceived: (applicationId: string) => `application:${applicationId}`,
  welcome: (applicationId: string) => `welcome:${applicationId}`,
  applicationDeclined: (applicationId: string) => `declined:${applicationId}`,
  announcement: (announcementId: string, partnerId: string) => `announcement:${announcementId}:${partnerId}`,
  partnerSheet: (partnerId: string, email: string) => `partnerSheet:${partnerId}:${email.toLowerCase()}`,
  /** A partner's payment notice, once their payout is Paid. */
  payment: (payoutId: string) => `payment:${payoutId}`,
  /** A partner's status update: `when` is the day, the week ("week of 2026-05-25") or the run (Immediate). */
  updates: (partnerId: string, when: string) => `updates:${partnerId}:${when}`,
  /** The team's list of one tier review's moves (2026-11, 2026-Q4). */
  tierReview: (review: string) => `tierReview:${review}`,
};

/**
 * What became of a message: sent now; queued (kept in the ledger, a later run
 * sends it); already sent; unknown (a run stopped while sending it: reported,
 * never re-sent); failed (Google refused it: reported); refused (the ledger's
 * row for it is not the tracker's); not yet (nothing settled: the time budget
 * ran out, another run is sending it, or it waits for quota and is too large
 * to keep — ask again in a later run).
 */
export type Fate = 'sent' | 'queued' | 'already sent' | 'unknown' | 'failed' | 'refused' | 'not yet';

/** Whether a message needs nothing more from the code that made it. */
export function settled(fate: Fate | undefined): boolean {
  return fate !== undefined && fate !== 'not yet';
}

export interface QueueResult {
  sent: number;
  /** Rows still Queued (quota, time budget). */
  waiting: number;
  /** Rows the tracker did not write (or that were changed): never sent. */
  refused: number;
  /** Rows a stopped run left Sending, or whose send ended in an unclear error: reported, never sent again. */
  unknown: number;
  /** Rows Google refused to send: reported. (Not "failed": the hourly run's step log uses that word for a step that threw.) */
  undeliverable: number;
  /** "Possibly not delivered" reports written. */
  reported: number;
}

/** An execution lives at most 6 minutes; a claim outlives the run that made it, with a margin. */
export const CLAIM_MS = 7 * 60 * 1000;
/** No send starts after this long into a run, so it ends well before Apps Script's 6 minutes. */
export const MAIL_BUDGET_MS = 4.5 * 60 * 1000;
/** Messages claimed per critical section (each section costs a dozen calls or so; the text of a batch is written in one call). */
export const BATCH = 50;
/** Queued rows a retry reads per critical section, looking for ones it can send. */
export const READ_CAP = 3 * BATCH;

/** Google refused the message itself before sending it: it did not go, and trying again will not help. */
export const REFUSED_MESSAGE = /^(?:Exception: )?(?:Invalid email|Invalid argument|Limit Exceeded|Failed to send email)/i;
export const QUOTA_WAIT = 'Daily email quota used up; a later run sends it.';
/** The message ID of a report of undelivered mail starts so. */
export const REPORT_PREFIX = 'undelivered:';
export const TOO_LARGE = 'Too large to keep in a cell; the tracker builds it again when it sends it.';

export interface Entry {
  row: number;
  id: string;
  status: string;
  attempts: number;
  /** ms; 0 when nobody holds the row. */
  claimedUntil: number;
}

export interface Claim {
  row: number;
  message: Outgoing;
  attempts: number;
  /** The row's sealed fields as written: the base its reseal starts from. */
  base: Record<string, CellValue>;
  /** Whether the row keeps the text (a later run can send it from there). */
  kept: boolean;
  /** A report of undelivered mail: its own trouble is left to the next run. */
  report?: boolean;
}

export interface Trouble {
  claim: Claim;
  state: 'unknown' | 'failed';
  error: string;
}
