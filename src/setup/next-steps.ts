import { nextSteps, NextStep } from '../domain/next-steps';
import { sameEmail } from '../domain/roles';
import { existingPartnerForm } from '../partner-form/form-setup';
import { readText } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { trackerSheets } from '../tracker/identity';
import { TrackerTable } from '../tracker/table';
import { rosterOf } from '../team/access';

/** What to do after setup, read after its lock is released: a row count per tab, the rules' Active column, the form's ID. */
export function setupNextSteps(ctx: TrackerContext): NextStep[] {
  const sheets = trackerSheets(ctx.ss);
  const rows = (key: 'partners' | 'leads') => Math.max(0, (sheets.get(key)?.getLastRow() ?? 1) - 1);
  const rules = TrackerTable.tryOpen(ctx.ss, 'rules');
  const activeColumn = rules ? rules.readColumns(['id', 'active'] as const, ['active']) : { id: [], active: [] };
  const activeRules = activeColumn.id.filter((id, i) => readText(id) !== '' && !['no', 'draft'].includes(readText(activeColumn.active[i]).toLowerCase())).length;
  const roster = rosterOf(ctx);
  const teammates = roster.members.filter((m) => !sameEmail(m.email, roster.owner)).length;
  return nextSteps({
    partners: rows('partners'),
    leads: rows('leads'),
    activeRules,
    hasPartnerForm: !!ctx.properties && existingPartnerForm(ctx.properties as GoogleAppsScript.Properties.Properties) !== null,
    teammates,
  });
}
