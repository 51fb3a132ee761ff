import { runMaintenance } from './hourly';

/** Installable time-driven trigger (the owner's), hourly: see hourly.ts. */
export function onTrackerMaintenance(e?: GoogleAppsScript.Events.TimeDriven) {
  const outcome = runMaintenance(e?.triggerUid, Date.now());
  if (outcome.ran) console.log(`maintenance: ${JSON.stringify(outcome.steps)}`);
  else console.warn(`maintenance skipped: ${outcome.why}`);
}

/** The daily trigger of trackers set up before schema 6: runs the same steps until setup replaces it. */
export function onDailyMaintenance(e?: GoogleAppsScript.Events.TimeDriven) {
  onTrackerMaintenance(e);
}
