import * as z from 'zod/mini';
import { lazy } from '../domain/lazy';
import { insightsView, scorecardView } from '../insights/insights';
import { trackerContext } from '../tracker/context';
import { InsightsView, ScorecardView } from './contract';
import { endpoint } from './endpoint';

/** The sidebar's Insights view and partner scorecard (src/insights): reads only. */
const SOURCE = 'sidebar';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const PERIOD = /* @__PURE__ */ lazy(() =>
  z.optional(
    z.object({
      kind: z.enum(['month', 'quarter', 'year', 'custom'], { error: 'The period must be a month, quarter, year or custom' }),
      start: z.string({ error: 'From: a date written YYYY-MM-DD' }).check(z.trim(), z.regex(DAY, { error: 'From: a date written YYYY-MM-DD' })),
      end: z.optional(z.string({ error: 'To: a date written YYYY-MM-DD' }).check(z.trim(), z.maxLength(10, { error: 'To: a date written YYYY-MM-DD' }))),
    }),
  ),
);

const PARTNER_ID = /* @__PURE__ */ lazy(() =>
  z
    .string({ error: 'Which partner: their ID, like P-000001' })
    .check(z.trim(), z.minLength(1, { error: 'Choose a partner first' }), z.maxLength(40, { error: 'Which partner: their ID, like P-000001' })),
);

export const apiGetInsights = /* @__PURE__ */ endpoint(
  () => z.tuple([PERIOD]),
  (period): InsightsView => insightsView(trackerContext(SOURCE), period),
);

export const apiGetScorecard = /* @__PURE__ */ endpoint(
  () => z.tuple([PARTNER_ID, PERIOD]),
  (partnerId, period): ScorecardView => scorecardView(trackerContext(SOURCE), partnerId, period),
);
