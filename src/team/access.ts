import { InputError } from '../domain/input-error';
import { Action, Roster, refusal } from '../domain/roles';
import { TrackerContext } from '../tracker/context';
import { reference } from '../tracker/reference';
import { TrackerState, lastSectionState, sectionState } from '../tracker/state';

/**
 * Role checks for every sidebar and menu action, on the server: the sidebar
 * shows what a person may do, but only this decides. Roles come from the
 * tracker's record (the Team tab as last confirmed), read once per execution.
 */
const states = new WeakMap<TrackerContext, TrackerState>();

export function trackerState(ctx: TrackerContext): TrackerState {
  // Inside a critical section, the state it read (current: only this execution writes it there).
  const open = sectionState(ctx.ss);
  if (open) return open;
  let state = states.get(ctx);
  // After a section: the state it ended with (no read of its own).
  if (!state) states.set(ctx, (state = lastSectionState(ctx.ss) ?? TrackerState.read(ctx.ss)));
  return state;
}

/** Forget what was read (after this execution wrote the record). */
export function forgetState(ctx: TrackerContext): void {
  states.delete(ctx);
}

export function rosterOf(ctx: TrackerContext): Roster {
  return trackerState(ctx).roster();
}

/** Why the acting person may not do this, or null. */
export function whyNot(ctx: TrackerContext, action: Action): string | null {
  return refusal(rosterOf(ctx), ctx.actor, action);
}

/** For a menu item: whether the acting person may do this; if not, an alert titled `title` says why. */
export function allowedFromMenu(ctx: TrackerContext, action: Action, title: string): boolean {
  const why = whyNot(ctx, action);
  if (!why) return true;
  const ui = SpreadsheetApp.getUi();
  ui.alert(title, why, ui.ButtonSet.OK);
  return false;
}

/** Refuses (as a message the sidebar shows) unless the acting person holds a role the action needs. */
export function requireRole(ctx: TrackerContext, action: Action): void {
  const why = whyNot(ctx, action);
  if (why) throw new InputError(why);
}

/** Whether this run is the tracker's own automation account (it alone may write the owner-only ranges). */
export function runsAsOwner(ctx: TrackerContext): boolean {
  const owner = rosterOf(ctx).owner;
  return !!owner && !!ctx.runsAs && owner.toLowerCase() === ctx.runsAs.toLowerCase();
}

/**
 * Before the document lock: whether this is probably the owner's run, from the cached roster
 * (no read of the state). For planning only — what to read before the lock; inside it,
 * runsAsOwner answers from the state the critical section read.
 */
export function likelyRunsAsOwner(ctx: TrackerContext): boolean {
  if (sectionState(ctx.ss)) return runsAsOwner(ctx);
  const owner = reference(ctx.ss).rosterHint().owner;
  return !!owner && !!ctx.runsAs && owner.toLowerCase() === ctx.runsAs.toLowerCase();
}
