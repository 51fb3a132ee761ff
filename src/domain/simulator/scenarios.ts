/**
 * Named plans ("scenarios"): a set of rules to replay, saved under a name so the team can come
 * back to a proposal without marking its rules Draft on the tab. Kept as one JSON value in the
 * document's properties (shared by everyone using the add-on in this spreadsheet, out of reach
 * of the grid); Google allows 9 KB a value, so the list is bounded and a save that would not fit
 * is refused with the reason.
 */
export interface Scenario {
  name: string;
  ruleIds: string[];
  savedBy: string;
  /** ISO instant. */
  savedAt: string;
}

export const SCENARIO_LIMITS = { name: 60, count: 20, bytes: 8000 } as const;

/** The stored list, or [] when there is none or it is not what the tracker wrote (it is rewritten on the next save). */
export function parseScenarios(raw: string | null): Scenario[] {
  if (!raw) return [];
  try {
    const value = JSON.parse(raw) as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (s): s is Scenario =>
        !!s &&
        typeof s === 'object' &&
        typeof (s as Scenario).name === 'string' &&
        Array.isArray((s as Scenario).ruleIds) &&
        (s as Scenario).ruleIds.every((id) => typeof id === 'string') &&
        typeof (s as Scenario).savedBy === 'string' &&
        typeof (s as Scenario).savedAt === 'string',
    );
  } catch {
    return [];
  }
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export type ScenarioChange = { ok: true; scenarios: Scenario[]; json: string } | { ok: false; field: 'name' | 'rules'; message: string };

/** The list with `scenario` saved (replacing one of the same name, any case), or why not. */
export function withScenario(list: readonly Scenario[], scenario: Scenario): ScenarioChange {
  const name = scenario.name.trim();
  if (!name) return { ok: false, field: 'name', message: 'Give the plan a name' };
  if (name.length > SCENARIO_LIMITS.name) return { ok: false, field: 'name', message: `A plan's name is at most ${SCENARIO_LIMITS.name} characters` };
  if (!scenario.ruleIds.length) return { ok: false, field: 'rules', message: 'Tick at least one rule for the plan' };
  const others = list.filter((s) => !sameName(s.name, name));
  if (others.length >= SCENARIO_LIMITS.count) return { ok: false, field: 'name', message: `At most ${SCENARIO_LIMITS.count} saved plans: delete one first` };
  const scenarios = [...others, { ...scenario, name, ruleIds: [...new Set(scenario.ruleIds)] }].sort((a, b) => a.name.localeCompare(b.name));
  const json = JSON.stringify(scenarios);
  if (json.length > SCENARIO_LIMITS.bytes)
    return { ok: false, field: 'rules', message: 'The saved plans would not fit in the 9 KB Google keeps for them: delete a plan, or save one with fewer rules' };
  return { ok: true, scenarios, json };
}

export function withoutScenario(list: readonly Scenario[], name: string): Scenario[] {
  return list.filter((s) => !sameName(s.name, name));
}
