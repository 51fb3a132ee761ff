/** The Plan simulator's pure part: the period, the replay and comparison, the export. */
export { resolvePeriod, recentPeriods } from './period';
export { startingPlan } from './plan';
export type { PlanChoice } from './plan';
export type { PeriodRequest, PeriodChoice } from './period';
export { simulatePlan, difference } from './simulate';
export type { ActualLine, DealComparison, Difference, PartnerComparison, Simulation, SimulationDeal, SimulationInput, SimulationPartner, SimulationTotals, TierOn, UncoveredReason } from './simulate';
export { simulationCsv, SIMULATION_CSV_COLUMNS, centsText } from './csv';
export { parseScenarios, withScenario, withoutScenario, SCENARIO_LIMITS } from './scenarios';
export type { Scenario, ScenarioChange } from './scenarios';
