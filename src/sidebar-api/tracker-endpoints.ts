import { setupNextSteps } from '../setup/next-steps';
import { runSetup } from '../setup/run-setup';
import { trackerContext } from '../tracker/context';
import { endpoint, NO_ARGUMENTS, writeEndpoint } from './endpoint';
import { trackerOverview } from './overview';

/** The sidebar's home view: the tracker at a glance, and setting it up. */
export const apiGetOverview = /* @__PURE__ */ endpoint(NO_ARGUMENTS, () => trackerOverview());

/** Setup, and (for the owner) the next three steps once it is done. */
export const apiRunSetup = /* @__PURE__ */ writeEndpoint(NO_ARGUMENTS, () => {
  const ctx = trackerContext('setup');
  const outcome = runSetup(ctx);
  return { ...outcome, nextSteps: outcome.ranAsOwner ? setupNextSteps(ctx).map((step) => step.text) : [] };
});
