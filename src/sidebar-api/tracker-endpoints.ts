import { runSetup } from '../setup/run-setup';
import { trackerContext } from '../tracker/context';
import { endpoint, NO_ARGUMENTS, writeEndpoint } from './endpoint';
import { trackerOverview } from './overview';

/** The sidebar's home view: the tracker at a glance, and setting it up. */
export const apiGetOverview = /* @__PURE__ */ endpoint(NO_ARGUMENTS, () => trackerOverview());

export const apiRunSetup = /* @__PURE__ */ writeEndpoint(NO_ARGUMENTS, () => runSetup(trackerContext('setup')));
