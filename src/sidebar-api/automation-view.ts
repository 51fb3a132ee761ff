import { AutomationState, automationStatus } from '../team/automation';
import { TrackerContext } from '../tracker/context';
import { AutomationStatus } from './contract';

/** The automation's state as the sidebar shows it (Home and Team). */
export function automationView(ctx: TrackerContext): AutomationStatus {
  const a: AutomationState = automationStatus(ctx);
  return {
    owner: a.owner,
    youAreOwner: a.youAreOwner,
    lastRunAt: a.lastRunAt,
    lastRunOk: a.lastRunOk,
    note: a.note,
    state: a.state,
    message: a.message,
    canTakeOver: a.canTakeOver,
    whyNotTakeOver: a.whyNotTakeOver,
  };
}
