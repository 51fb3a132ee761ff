import type { PeriodRequest } from '../../src/sidebar-api/contract';
import type { App } from '../app';

/**
 * Opening a partner's scorecard from another view (a leaderboard row in Insights, the partner
 * editor): the shell's go() takes no arguments, so the request waits here until the scorecard
 * view is shown and takes it. Both sides are in the deferred views' bundle, so they share it.
 */
export interface ScorecardRequest {
  partnerId: string;
  period?: PeriodRequest;
}

let pending: ScorecardRequest | null = null;

export function openScorecard(app: App, request: ScorecardRequest): void {
  pending = request;
  app.go('scorecard', true);
}

/** The request made since the scorecard was last shown, once. */
export function takeScorecardRequest(): ScorecardRequest | null {
  const request = pending;
  pending = null;
  return request;
}
