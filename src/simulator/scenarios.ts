import { appendAudit } from '../audit/audit-log';
import { parseRules } from '../domain/commissions';
import { InputError } from '../domain/input-error';
import { Scenario, parseScenarios, withScenario, withoutScenario } from '../domain/simulator';
import { readRuleRows } from '../commissions/commission-store';
import { requireRole } from '../team/access';
import { TrackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';

/**
 * Saved plans (src/domain/simulator/scenarios.ts) in the document's properties: saved and
 * deleted by Managers under the document lock (read, change, write), each change audited.
 */
const SCENARIOS_PROPERTY = 'tracker.simulatorScenarios';

export function readScenarios(ctx: TrackerContext): Scenario[] {
  return parseScenarios(ctx.properties?.getProperty(SCENARIOS_PROPERTY) ?? null);
}

function properties(ctx: TrackerContext): GoogleAppsScript.Properties.Properties {
  if (!ctx.properties) throw new InputError('Saved plans live in the spreadsheet: open the simulator from the sidebar of the tracker.');
  return ctx.properties;
}

function audit(ctx: TrackerContext, name: string, newValue: string): void {
  appendAudit(ctx, [{ at: ctx.now, user: ctx.actor, source: ctx.source, tab: 'Commission Rules', range: '', recordId: name, field: '(saved plan)', oldValue: '', newValue }]);
}

export function saveScenario(ctx: TrackerContext, name: string, ruleIds: readonly string[]): Scenario[] {
  requireRole(ctx, 'simulatePlans');
  const store = properties(ctx);
  const known = new Set(parseRules(readRuleRows(ctx.ss, ctx.timeZone)).rules.map((r) => r.id));
  const unknown = ruleIds.filter((id) => !known.has(id));
  if (unknown.length) throw InputError.field('rules', `${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a rule on the Commission Rules tab: reload the simulator`);
  return withDocumentLock(ctx.ss, () => {
    const change = withScenario(readScenarios(ctx), { name, ruleIds: [...ruleIds], savedBy: ctx.actor || 'unknown', savedAt: ctx.now.toISOString() });
    if (!change.ok) throw InputError.field(change.field, change.message);
    store.setProperty(SCENARIOS_PROPERTY, change.json);
    audit(ctx, name.trim(), `saved: ${[...new Set(ruleIds)].join(' ')}`);
    return change.scenarios;
  });
}

export function deleteScenario(ctx: TrackerContext, name: string): Scenario[] {
  requireRole(ctx, 'simulatePlans');
  const store = properties(ctx);
  return withDocumentLock(ctx.ss, () => {
    const before = readScenarios(ctx);
    const after = withoutScenario(before, name);
    if (after.length === before.length) throw InputError.field('name', `There is no saved plan named "${name.trim()}": reload the simulator`);
    store.setProperty(SCENARIOS_PROPERTY, JSON.stringify(after));
    audit(ctx, name.trim(), 'deleted');
    return after;
  });
}
