import { appendAudit } from '../audit/audit-log';
import { InputError } from '../domain/input-error';
import { Roster, sameEmail } from '../domain/roles';
import { STALE_AFTER_HOURS } from '../maintenance/hourly';
import { existingPartnerForm } from '../partner-form/form-setup';
import { existingApplicationForm } from '../applications/form-setup';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { ensureSealKey } from '../tracker/sealer';
import { TrackerTable } from '../tracker/table';
import { ensureTrackerTriggers, myTriggers } from '../triggers/triggers';
import { forgetState, trackerState, whyNot } from './access';
import { reconcileProtections } from './protections';
import { headerPositions, writeTeamTab } from './team';

/** Who runs the automation and how it is doing (the sidebar's endpoints show it as an AutomationStatus). */
export interface AutomationState {
  /** The account the automation runs as; '' before setup. */
  owner: string;
  youAreOwner: boolean;
  /** When the owner's hourly run last finished (ISO), or null. */
  lastRunAt: string | null;
  lastRunOk: boolean;
  note: string;
  state: 'not set up' | 'running' | 'failing' | 'stopped' | 'missing triggers';
  message: string;
  canTakeOver: boolean;
  whyNotTakeOver: string | null;
}

/**
 * Whether the tracker's automation still runs, as the sidebar shows it. No one
 * can see another person's triggers, so the owner's hourly run leaves a
 * heartbeat in the tracker's record; a missing or failing heartbeat is what
 * everyone else sees. The owner also sees their own triggers.
 */
export function automationStatus(ctx: TrackerContext): AutomationState {
  const state = trackerState(ctx);
  const record = state.record();
  const daily = state.daily();
  const owner = record?.owner ?? '';
  const youAreOwner = !!owner && sameEmail(owner, ctx.actor);
  const base = { owner, youAreOwner, lastRunAt: daily.lastRunAt || null, lastRunOk: daily.lastRunOk, note: daily.lastRunNote };
  const takeOverRefusal = whyNot(ctx, 'takeOver');
  const stale = (iso: string) => ctx.now.getTime() - new Date(iso).getTime() > STALE_AFTER_HOURS * 3600 * 1000;
  if (!record || !owner) {
    return { ...base, state: 'not set up', message: 'The tracker is not set up yet: run Set up tracker from the add-on menu.', canTakeOver: false, whyNotTakeOver: 'There is no automation yet.' };
  }
  let state_: AutomationState['state'] = 'running';
  let message = daily.lastRunAt ? `The automation runs as ${owner}; it last ran at ${readable(daily.lastRunAt)}.` : `The automation runs as ${owner}.`;
  if (youAreOwner) {
    const mine = myTriggers(ctx.ss);
    const missing = [!mine.edit && 'edit', !mine.change && 'change', !mine.maintenance && 'hourly'].filter(Boolean);
    if (missing.length) {
      state_ = 'missing triggers';
      message = `Your ${missing.join(' and ')} trigger${missing.length > 1 ? 's are' : ' is'} missing: run Set up tracker from the add-on menu to reinstall ${missing.length > 1 ? 'them' : 'it'}.`;
    }
  }
  if (state_ === 'running') {
    // A new owner's triggers have not run yet: count from when they took over, not from the old owner's last run.
    const since = [daily.lastRunAt, record.ownerSince].filter(Boolean).sort().pop() || ctx.now.toISOString();
    if (stale(since)) {
      state_ = 'stopped';
      message =
        `The automation (it runs as ${owner}) has not run since ${daily.lastRunAt ? readable(daily.lastRunAt) : 'it was set up'}. ${owner} may have lost access to this spreadsheet, removed the add-on, or need to authorise it again. ` +
        (youAreOwner ? 'Run Set up tracker from the add-on menu to repair it.' : 'Ask them to run Set up tracker; or a manager can take the automation over.');
    } else if (daily.lastRunAt && !daily.lastRunOk) {
      state_ = 'failing';
      message = `The automation's last run (${readable(daily.lastRunAt)}) had problems: ${daily.lastRunNote || 'see the execution log'}.`;
    }
  }
  const canTakeOver = !youAreOwner && takeOverRefusal === null && state_ === 'stopped';
  const whyNotTakeOver = youAreOwner
    ? 'You already run the automation.'
    : (takeOverRefusal ?? (state_ === 'stopped' ? null : `The automation (${owner}) is running; only a stopped automation can be taken over.`));
  return { ...base, state: state_, message, canTakeOver, whyNotTakeOver };
}

/**
 * A manager takes the automation over: becomes the recorded owner, gets the
 * triggers and the signing key, and the protections follow (as far as Google
 * lets this person change them; the rest is reported). Audited.
 */
export function takeOverAutomation(ctx: TrackerContext): { status: AutomationState; notices: string[] } {
  const before = automationStatus(ctx);
  if (!before.canTakeOver) throw new InputError(before.whyNotTakeOver ?? 'The automation cannot be taken over now.');
  const properties = ctx.properties;
  if (!properties) throw new Error("Take over the automation from the spreadsheet's sidebar.");
  const notices: string[] = [];
  withDocumentLock(ctx.ss, () => {
    const state = trackerState(ctx);
    const record = state.record();
    if (!record) throw new InputError('The tracker is not set up yet.');
    const previous = record.owner;
    const me = ctx.actor;
    // The previous owner stays on the team as a manager; whoever runs it now can change that on the Team tab.
    const members = [
      ...record.members.filter((m) => !sameEmail(m.email, me)),
      ...(previous && !record.members.some((m) => sameEmail(m.email, previous) && m.role === 'Manager') ? [{ email: previous.toLowerCase(), role: 'Manager' as const, name: '' }] : []),
    ];
    // Triggers first: at Google's trigger limit the automation stays with its owner.
    ensureTrackerTriggers(ctx.ss, Boolean(existingPartnerForm(properties) || existingApplicationForm(properties)));
    state.writeRecord({ ...record, owner: me, ownerSince: ctx.now.toISOString(), members });
    forgetState(ctx);
    ensureSealKey(ctx.ss, properties);
    const roster: Roster = { owner: me, members };
    writeTeamTab(TrackerTable.open(ctx.ss, 'team'), roster);
    const protections = reconcileProtections(ctx.ss, roster, headerPositions(ctx.ss));
    if (protections.couldNot.length) {
      notices.push(
        `Google lets only the spreadsheet's owner (${ctx.ss.getOwner()?.getEmail() ?? 'unknown'}) or a range's editors change these protections, so they still name ${previous}: ${protections.couldNot.join('; ')}. Until the spreadsheet's owner runs Set up tracker once, the tracker's writes there (the Audit Log, the Mail Queue, commission amounts) wait.`,
      );
    }
    appendAudit(ctx, [
      {
        at: ctx.now,
        user: me,
        source: ctx.source,
        tab: 'Team',
        range: '',
        recordId: '',
        field: '(automation taken over)',
        oldValue: previous,
        newValue: `${me} took over the automation (it had not run since ${before.lastRunAt ? readable(before.lastRunAt) : 'setup'}); ${previous} stays a manager`,
      },
    ]);
  });
  return { status: automationStatus(ctx), notices };
}

/** "2026-04-01 16:00 UTC": an instant as people read it in a message. */
function readable(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
