export * from './types';
export * from './period';
export { ACTIVE_DAYS, NEW_DAYS, NONE, NOT_IN_PARTNERS, TREND_MONTHS, dashboardFigures, engagementOn, partnerScorecard } from './figures';
