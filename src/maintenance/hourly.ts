import { recoverAuditIntents } from '../audit/audit-intent';
import { archiveClosedLeads } from '../capacity/lead-archive';
import { rolloverAuditLog } from '../capacity/rollover';
import { promotePayable } from '../commissions/decisions';
import { processPendingCommissionWork } from '../commissions/engine';
import { sameEmail } from '../domain/roles';
import { ExpiryResult, expireLeads, sendDigest } from '../leads/expiry';
import { retryQueuedMail } from '../mail/mailer';
import { runPendingAnnouncements } from '../announcements/announce';
import { finishPayoutMail } from '../payouts/payout-mail';
import { partnerUpdates } from '../partner-updates/step';
import { scheduledPayouts } from '../payouts/schedule';
import { putBackAlteredRows } from './repair';
import { checkTracker } from '../adoption/adopt';
import { dailyWork } from './daily-work';
import { reconcileFormResponses } from '../partner-form/reconcile';
import { TrackerContext, scheduledContext } from '../tracker/context';
import { withMaintenanceLock } from '../tracker/lock';
import { TrackerState } from '../tracker/state';
import { spreadsheetIdForTimeTrigger } from '../triggers/triggers';
import { refreshPartnerSheets } from '../partner-sheets/partner-sheets';
import { reconcileApplicationResponses } from '../applications/reconcile';
import { settleApplicationMail } from '../applications/application-mail';
import { refreshDashboardIfDue } from '../dashboard/refresh';
import { reviewTiers } from '../tiers/review';
import { webhooksStep } from '../webhooks/step';

/**
 * The owner's hourly run. An editor add-on's time-driven trigger has no
 * document: it opens the tracker by the ID its trigger was mapped to, and
 * returns at once unless it runs as the tracker's recorded owner (a trigger
 * left by someone else does nothing). Each step's writes are a short critical
 * section; mail goes out between them. The last step records the heartbeat
 * the sidebar checks to tell whether the automation still runs.
 */
export interface MaintenanceOutcome {
  ran: boolean;
  why?: string;
  steps?: Record<string, unknown>;
}

/** Hours after which a missing heartbeat means the automation has stopped (it runs hourly, at a random minute). */
export const STALE_AFTER_HOURS = 3;

export function runMaintenance(triggerUid: string | undefined, startedAtMs: number): MaintenanceOutcome {
  const ssId = spreadsheetIdForTimeTrigger(triggerUid);
  if (!ssId) return { ran: false, why: `trigger ${triggerUid ?? '(none)'} is not mapped to a tracker; the owner should run "Set up tracker" again` };
  const ss = SpreadsheetApp.openById(ssId);
  const me = Session.getEffectiveUser().getEmail();
  const state = TrackerState.read(ss);
  const owner = state.record()?.owner ?? '';
  if (!owner || !sameEmail(owner, me)) return { ran: false, why: `this trigger runs as ${me || 'an unknown account'}, but the tracker's automation is ${owner || 'not set up'}'s` };

  const ctx: TrackerContext = scheduledContext(ss, me, 'hourly');
  const critical = <T>(task: (state: TrackerState) => T): T => withMaintenanceLock(ss, task);
  const steps: Record<string, unknown> = {};
  const problems: string[] = [];
  const step = (name: string, body: () => unknown) => {
    try {
      steps[name] = body();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      steps[name] = { failed: message };
      problems.push(`${name}: ${message}`);
    }
  };
  // First, put back what was changed by hand out of the edit trigger's sight, so every later step reads the rows as the tracker wrote them.
  step('put back', () => critical(() => putBackAlteredRows(ctx)));
  step('interrupted audit', () => critical(() => recoverAuditIntents(ctx)));
  let sweep: ReturnType<typeof expireLeads> | null = null;
  step('expiry', () => {
    sweep = critical(() => expireLeads(ctx));
    return { expired: sweep.expired, expiringSoon: sweep.expiringSoon.length };
  });
  // Lines for deals teammates won come first, so a line with no holding period is payable in this same run.
  step("teammates' deals", () => critical(() => processPendingCommissionWork(ctx)));
  // Form responses a form-submit run died on (it takes its own critical sections).
  step('missed form responses', () => reconcileFormResponses(ctx));
  step('payable', () => critical(() => promotePayable(ctx)));
  step('digest', () => (sweep ? sendDigest(ctx, sweep, critical, startedAtMs) : 'skipped'));
  step('payouts', () => scheduledPayouts(ctx, startedAtMs, critical));
  step('payout mail', () => finishPayoutMail(ctx, critical, startedAtMs));
  // Partner applications: responses a form run missed, and the applicants' emails managers' decisions owe (only this account sends).
  step('applications', () => ({ missed: reconcileApplicationResponses(ctx), mail: settleApplicationMail(ctx, critical, startedAtMs) }));
  // Partners' tiers, once per period of the Settings cadence (tiers/review.ts); before the partner updates, which tell each partner moved.
  step('tier review', () => reviewTiers(ctx, critical, startedAtMs));
  // Partners' status updates: the Audit Log's new rows since the last run, and leads about to expire; after the payout mail, so a statement just sent is recorded as sent.
  step('partner updates', () => partnerUpdates(ctx, critical, startedAtMs, (sweep as ExpiryResult | null)?.expiringSoon ?? []));
  // Signed webhooks: the Audit Log's new rows queued per endpoint, then the due deliveries sent outside any lock (webhooks/step.ts).
  step('webhooks', () => webhooksStep(ctx, critical, startedAtMs));
  step('mail queue', () => retryQueuedMail(ctx, critical, startedAtMs));
  // Announcements teammates composed (only this account sends), and the history rows of copies the queue has sent since.
  step('announcements', () => runPendingAnnouncements(ctx, critical, startedAtMs));
  // Last, so a long copy never delays mail: an unfinished rollover every hour, a new one at most once a day.
  step('audit rollover', () => rolloverAuditLog(ctx, critical, startedAtMs));
  // Closed leads past the Settings age, a bounded batch at a time (lead-archive.ts); off while that setting is blank.
  step('lead archive', () => archiveClosedLeads(ctx, critical, startedAtMs));
  // Rows typed, pasted or appended without an edit event, adopted or explained once a day (a whole read of four tabs).
  step('check tracker', () => critical((state) => dailyCheck(ctx, state)));
  // Partners' private sheets: those whose data changed since the last run (the Audit Log's tail), every partner once a day; the rest of a batch waits for the next run.
  step('partner sheets', () => refreshPartnerSheets(ctx, critical, startedAtMs));
  // The Dashboard's figures: when anything changed since its last refresh (the Audit Log's end moved, or its period was chosen anew), and nightly from the payout hour.
  step('dashboard', () => refreshDashboardIfDue(ctx, (task) => critical(() => task()), startedAtMs));
  // The heartbeat, whatever happened: the sidebar reports a run that failed as well as one that never came.
  const fresh = TrackerState.read(ss);
  fresh.writeDaily({ ...fresh.daily(), lastRunAt: ctx.now.toISOString(), lastRunOk: problems.length === 0, lastRunNote: problems.join(' · ').slice(0, 1000) });
  return { ran: true, steps };
}

/** Check tracker, once a spreadsheet-local day from the Settings daily work hour (daily-work.ts). */
function dailyCheck(ctx: TrackerContext, state: TrackerState): unknown {
  const { due, today } = dailyWork(ctx, state.daily().trackerCheckedOn);
  if (!due) return 'not due: done today, or before the daily work hour';
  const result = checkTracker(ctx);
  state.writeDaily({ ...state.daily(), trackerCheckedOn: today });
  return result;
}
