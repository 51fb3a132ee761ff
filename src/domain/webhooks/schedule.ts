/**
 * When a delivery is tried (pure). The Standard Webhooks specification 1.0.0
 * (github.com/standard-webhooks/standard-webhooks, spec/standard-webhooks.md, "Deliverability and
 * reliability", its example retry schedule): immediately, then 5 seconds, 5 minutes, 30 minutes,
 * 2 hours, 5 hours, 10 hours, 14 hours, 20 hours and 24 hours, each counted from the attempt before
 * (75 h 35 min 5 s in all); 10 attempts. (Svix's own schedule, docs.svix.com/retries, stops after
 * the first 10 hours with a second 10 hours: 8 attempts. The specification's is followed.)
 *
 * The tracker sends only from the owner's hourly run (an add-on gets one time-driven trigger per
 * document, at most hourly), so "immediately" is the first run after the change (within the hour),
 * a 5-second retry is made in the same run after a 5-second wait, and each later retry waits for the
 * first run at or after its due time (a 5-minute retry: the next run).
 */
const HOUR = 3600_000;
export const RETRY_DELAYS_MS: readonly number[] = [5_000, 5 * 60_000, 30 * 60_000, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** Retries due this soon are waited for inside the run (Utilities.sleep) rather than left for the next. */
export const IN_RUN_WAIT_MS = 5_000;

export const DELIVERY_STATUSES = ['Pending', 'Delivered', 'Failed – retrying', 'Gave up', 'Endpoint disabled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** The statuses a run still sends. */
export const OPEN_STATUSES: readonly DeliveryStatus[] = ['Pending', 'Failed – retrying'];

/**
 * What an answer means (the specification's "Delivery success and failure"): 2xx (200-299) is
 * delivered; 410 Gone means the receiver wants no more, so the endpoint is disabled; anything else
 * is a failure and retried: a 3xx too (the spec: "Failure", update the URL instead; redirects are
 * therefore not followed), and no answer at all (code 0: a timeout, DNS, a refused connection).
 * 429, 502 and 504 ask the sender to slow down: the schedule already does, and a Retry-After of
 * seconds longer than the schedule's wait is honoured (retryAfterMs).
 */
export type AnswerKind = 'delivered' | 'gone' | 'retry';
export function answerKind(code: number): AnswerKind {
  if (code >= 200 && code < 300) return 'delivered';
  if (code === 410) return 'gone';
  return 'retry';
}

export interface AttemptResult {
  status: DeliveryStatus;
  /** When to try next (ms), for Failed – retrying. */
  nextAtMs: number | null;
}

/** After attempt number `attempts` (1-based) failed at `atMs`: the next due time (no sooner than a Retry-After asks), or Gave up after the last. */
export function afterFailure(attempts: number, atMs: number, retryAfterMs = 0): AttemptResult {
  if (attempts >= MAX_ATTEMPTS) return { status: 'Gave up', nextAtMs: null };
  return { status: 'Failed – retrying', nextAtMs: atMs + Math.max(RETRY_DELAYS_MS[Math.max(0, attempts - 1)], retryAfterMs) };
}

/** A Retry-After header of whole seconds, in ms (an HTTP date, or nothing, is 0: the schedule decides). */
export function retryAfterMs(header: string | undefined): number {
  const seconds = /^\s*(\d{1,7})\s*$/.exec(header ?? '');
  return seconds ? Number(seconds[1]) * 1000 : 0;
}

/** Whether a delivery is due in a run at `nowMs` (Pending always; a retry at or after its time). */
export function isDue(status: string, nextAtMs: number | null, nowMs: number): boolean {
  if (status === 'Pending') return true;
  return status === 'Failed – retrying' && (nextAtMs === null || nextAtMs <= nowMs);
}

/** Whether a retry's due time is near enough to wait for inside this run. */
export const waitsInRun = (nextAtMs: number, nowMs: number) => nextAtMs - nowMs <= IN_RUN_WAIT_MS;
