import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { exportSimulation, runSimulation, simulatorOptions } from '../simulator/plan-simulator';
import { deleteScenario, saveScenario } from '../simulator/scenarios';
import { trackerContext } from '../tracker/context';
import { Scenario, SimulationExportFile, SimulationView, SimulatorOptions } from './contract';
import { endpoint, NO_ARGUMENTS, writeEndpoint } from './endpoint';

/**
 * The Plan simulator (src/simulator/plan-simulator.ts): its options, a run (reads only) and the
 * export (a file in the person's Drive, audited). zod checks the shape; what the period and the
 * rules mean is checked by the simulator, which says why it refuses.
 */
const SOURCE = 'sidebar';

const PERIOD = /* @__PURE__ */ lazy(() =>
  z.object({
    kind: z.enum(['month', 'quarter', 'year', 'custom'], { error: 'Choose a month, a quarter, a year or a custom period' }),
    start: z.string({ error: 'The period needs a first day' }).check(z.trim(), z.maxLength(10, { error: 'The period needs a first day written YYYY-MM-DD' })),
    end: z._default(z.string().check(z.trim(), z.maxLength(10, { error: 'The last day must be written YYYY-MM-DD' })), ''),
  }),
);
const RULE_IDS = /* @__PURE__ */ lazy(() =>
  z
    .array(z.string().check(z.regex(/^R-\d{6,}$/, { error: 'Rule IDs look like R-000001' })))
    .check(z.minLength(1, { error: 'Tick at least one rule for the plan' }), z.maxLength(1000, { error: 'At most 1,000 rules in a plan' })),
);

export const apiGetSimulatorOptions = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): SimulatorOptions => simulatorOptions(trackerContext(SOURCE)));

export const apiSimulatePlan = /* @__PURE__ */ endpoint(
  () => z.tuple([PERIOD, RULE_IDS]),
  (period, ruleIds): SimulationView => runSimulation(trackerContext(SOURCE), period, ruleIds),
);

export const apiExportSimulation = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([PERIOD, RULE_IDS]),
  (period, ruleIds): SimulationExportFile => exportSimulation(trackerContext(SOURCE), period, ruleIds),
);

const NAME = /* @__PURE__ */ lazy(() => z.string({ error: 'Give the plan a name' }).check(z.maxLength(200, { error: 'The name is too long' })));

export const apiSaveSimulatorScenario = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([NAME, RULE_IDS]),
  (name, ruleIds): Scenario[] => saveScenario(trackerContext(SOURCE), name, ruleIds),
);

export const apiDeleteSimulatorScenario = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([NAME]),
  (name): Scenario[] => deleteScenario(trackerContext(SOURCE), name),
);
