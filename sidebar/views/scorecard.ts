import type { PeriodRequest, ScorecardView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { formatMoney, plural } from '../format';
import { callServer } from '../server';
import { PeriodPicker, periodLoader } from '../ui/period-picker';
import { barChart } from '../ui/svg-chart';
import { funnelChart, headlineList, leadsTrend, revenueTrend } from './insights-parts';
import { takeScorecardRequest } from './scorecard-request';

/**
 * A partner's scorecard: their headline figures against the previous period, funnel, 12-month
 * trend, deals in the period, commissions (earned, approved, paid, pending) and tier history,
 * drawn from the server's Scorecard (src/domain/metrics). Opened from Insights (a leaderboard
 * row, a dormant partner, the picker) or the partner editor; the period can be changed here.
 */
const DEALS_SHOWN = 20;

export function createScorecardView(app: App): View {
  const headingId = uid('scorecard-title');
  const heading = h('h1', { id: headingId, tabindex: -1 }, 'Partner scorecard');
  const back = h('button', { type: 'button', class: 'link' }, '← Insights');
  back.addEventListener('click', () => app.go('insights', true));
  const refresh = h('button', { type: 'button', class: 'secondary small' }, 'Refresh');
  const picker = new PeriodPicker((period) => void load(period));
  const status = h('div');
  const body = h('div', { class: 'scorecard-body', 'aria-live': 'polite' });
  const el = h('section', { class: 'view scorecard-view', 'aria-labelledby': headingId }, h('p', null, back), h('div', { class: 'view-head' }, heading, refresh), picker.el, status, body);

  let partnerId = '';
  const loader = periodLoader<ScorecardView>({
    status,
    body,
    refresh,
    working: () => 'Working out the scorecard…',
    fetch: (period) => (period ? callServer('apiGetScorecard', partnerId, period) : callServer('apiGetScorecard', partnerId)),
    show: (view) => render(view),
  });
  function load(period?: PeriodRequest): Promise<void> {
    if (!partnerId) {
      fill(status, h('p', { class: 'muted' }, 'Choose a partner in Insights (Top partners, Gone quiet or Partner scorecard) or open one from the Partners view.'));
      return Promise.resolve();
    }
    return loader.load(period);
  }

  function render(view: ScorecardView): void {
    const { scorecard: card, currency } = view;
    picker.setToday(view.today);
    picker.setPeriod(card.period);
    const money = (cents: number | null) => (cents === null ? '—' : formatMoney(cents / 100, currency));
    const p = card.partner;
    fill(heading, p.name || p.id);
    const facts = [p.id, p.tier && `${p.tier} tier`, p.type, p.region, p.status].filter(Boolean).join(' · ');
    const c = card.commissions;
    fill(
      body,
      h('p', { class: 'muted scorecard-facts' }, facts),
      h('p', { class: 'muted insights-period' }, `${card.period.label}, against ${card.previous.label}`),
      headlineList(card.headline, currency),
      funnelChart(card.funnel, `Funnel: leads registered in ${card.period.label}`),
      revenueTrend(card.trend, currency, 'Won revenue by month'),
      leadsTrend(card.trend, 'Leads and wins by month'),
      h('h2', null, 'Commissions'),
      barChart({
        // Earned and paid are the period's; approved and pending are what stands today (src/domain/metrics/types.ts).
        title: `Commissions: earned and paid in ${card.period.label}; approved and pending today`,
        columns: ['', 'Amount'],
        items: [
          { label: 'Earned', value: c.earnedCents / 100, valueText: money(c.earnedCents) },
          { label: 'Paid', value: c.paidCents / 100, valueText: money(c.paidCents) },
          { label: 'Approved, not yet paid', value: c.approvedCents / 100, valueText: money(c.approvedCents) },
          { label: 'Pending', value: c.pendingCents / 100, valueText: money(c.pendingCents) },
        ],
      }),
      h('h2', null, 'Deals'),
      card.deals.length
        ? h(
            'ul',
            { class: 'scorecard-deals' },
            card.deals
              .slice(0, DEALS_SHOWN)
              .map((d) =>
                h(
                  'li',
                  { 'data-lead': d.leadId },
                  h('span', { class: 'lead-company' }, d.company || d.leadId),
                  ' ',
                  h('span', { class: `chip s-${d.status.toLowerCase().replace(/\s+/g, '-')}` }, d.status),
                  h(
                    'span',
                    { class: 'lead-meta' },
                    [d.leadId, d.amountCents === null ? '' : money(d.amountCents), d.closedOn ? `closed ${d.closedOn}` : `registered ${d.registeredOn}`].filter(Boolean).join(' · '),
                  ),
                ),
              ),
          )
        : h('p', { class: 'muted' }, 'No deals registered or closed in this period.'),
      card.deals.length > DEALS_SHOWN ? h('p', { class: 'hint' }, `The ${DEALS_SHOWN} newest of ${plural(card.deals.length, 'deal')}; the Leads view lists them all.`) : null,
      h('h2', null, 'Tier history'),
      card.tierHistory.length
        ? h(
            'ol',
            { class: 'tier-history' },
            card.tierHistory.map((t) =>
              h(
                'li',
                null,
                h('span', null, `${t.effectiveOn}: ${t.fromTier || '(none)'} → ${t.toTier}`),
                h(
                  'span',
                  { class: 'lead-meta' },
                  [t.reason, t.wonRevenueCents === null ? '' : `${money(t.wonRevenueCents)} won`, t.wonDeals === null ? '' : plural(t.wonDeals, 'deal'), t.by && `by ${t.by}`]
                    .filter(Boolean)
                    .join(' · '),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, `No tier changes recorded; ${p.tier ? `the tier is ${p.tier}` : 'no tier is set'}.`),
    );
  }

  refresh.addEventListener('click', () => void load(loader.asked()));

  return {
    el,
    show() {
      const requested = takeScorecardRequest();
      if (requested) {
        partnerId = requested.partnerId;
        // Another partner: nothing of the last one's stays on screen while theirs loads.
        fill(heading, 'Partner scorecard');
        fill(body);
        void load(requested.period);
      } else void load(loader.asked());
    },
  };
}
