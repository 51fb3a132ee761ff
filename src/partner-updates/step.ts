import { runsAsOwner } from '../team/access';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { CollectOutcome, collectPartnerUpdates } from './feed';
import { SendOutcome, sendPartnerUpdates } from './send';

/**
 * The hourly run's "partner updates" step (the owner's): the Audit Log's new rows become events on
 * the Partner Updates tab (feed.ts), with the leads the expiry sweep found about to expire, and
 * the Pending ones go out as each partner's Status Updates column says (send.ts).
 */
export function partnerUpdates(ctx: TrackerContext, critical: <T>(task: () => T) => T, startedAtMs: number, expiringSoon: readonly string[]): (CollectOutcome & SendOutcome) | string {
  if (!runsAsOwner(ctx)) return "not the tracker's account";
  const settings = readSettings(ctx.ss).settings;
  const collected = collectPartnerUpdates(ctx, critical, expiringSoon, settings.currency);
  return { ...collected, ...sendPartnerUpdates(ctx, critical, startedAtMs) };
}
