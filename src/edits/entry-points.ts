import { trackerContext } from '../tracker/context';
import { handleChange } from './on-change';
import { handleEdit } from './on-edit';

/** Installable edit trigger (the owner's): audit every edit and enforce the tracker's rules. */
export function onTrackerEdit(e: GoogleAppsScript.Events.SheetsOnEdit) {
  // The editor is whoever Google names in the event; this run itself is the owner's.
  const outcome = handleEdit(trackerContext('edit', ''), e);
  if (outcome.refused.length || outcome.restored.length || outcome.skipped) console.log(`edit: ${JSON.stringify(outcome)}`);
}

/** Installable change trigger (the owner's): rows, columns and tabs inserted, deleted or renamed are audited. */
export function onTrackerChange(e: GoogleAppsScript.Events.SheetsOnChange) {
  const outcome = handleChange(trackerContext('change', ''), e);
  if (outcome.skipped) console.log(`change: ${outcome.skipped}`);
}
