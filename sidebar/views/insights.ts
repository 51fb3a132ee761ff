import type { InsightsView, LeaderboardRow, PeriodRequest } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { formatMoney, plural } from '../format';
import { callServer } from '../server';
import { PartnerPicker } from '../ui/partner-picker';
import { PeriodPicker, periodLoader } from '../ui/period-picker';
import { barChart } from '../ui/svg-chart';
import { funnelChart, headlineList, leadsTrend, revenueTrend } from './insights-parts';
import { openScorecard } from './scorecard-request';

/**
 * Insights: the programme's figures for a period against the one before it (headline figures
 * with their change, the funnel, the 12-month trend), the partners who drive revenue (the
 * leaderboard's top five, each opening its scorecard), and engagement (who has gone quiet).
 * The figures are the server's (src/insights over src/domain/metrics); this view only draws
 * them, as inline SVG with the numbers in a table under each chart. Managers, the partner team
 * and finance may see them; anyone else is told why by the server.
 */
const TOP = 5;
const DORMANT_SHOWN = 10;

export function createInsightsView(app: App): View {
  const headingId = uid('insights-title');
  const heading = h('h1', { id: headingId, tabindex: -1 }, 'Insights');
  const refresh = h('button', { type: 'button', class: 'secondary small' }, 'Refresh');
  const picker = new PeriodPicker((period) => void load(period));
  const status = h('div', { class: 'insights-status' });
  const body = h('div', { class: 'insights-body', 'aria-live': 'polite' });
  const scorecardId = uid('scorecard-partner');
  const partnerPicker = new PartnerPicker(scorecardId);
  const openButton = h('button', { type: 'button', class: 'secondary' }, 'Open scorecard');
  const pickProblem = h('p', { class: 'field-error', hidden: true });
  const scorecardPanel = h(
    'div',
    { class: 'insights-scorecard', hidden: true },
    h('h2', null, 'Partner scorecard'),
    h('div', { class: 'field' }, h('label', { for: scorecardId }, 'Partner'), partnerPicker.el, pickProblem),
    h('div', { class: 'actions' }, openButton),
  );
  const el = h('section', { class: 'view insights-view', 'aria-labelledby': headingId }, h('div', { class: 'view-head' }, heading, refresh), picker.el, status, body, scorecardPanel);

  let data: InsightsView | null = null;
  const { load, asked: lastAsked } = periodLoader<InsightsView>({
    status,
    body,
    refresh,
    working: () => (data ? 'Updating the figures…' : 'Working out the figures…'),
    fetch: (period) => (period ? callServer('apiGetInsights', period) : callServer('apiGetInsights')),
    show: (view) => {
      data = view;
      render(view);
    },
  });

  function render(view: InsightsView): void {
    const { figures, currency } = view;
    picker.setToday(view.today);
    picker.setPeriod(figures.period);
    partnerPicker.setPartners(view.partners);
    scorecardPanel.hidden = false;
    const money = (cents: number) => formatMoney(cents / 100, currency);
    const top = figures.leaderboard.slice(0, TOP);
    fill(
      body,
      h('p', { class: 'muted insights-period' }, `${figures.period.label}, against ${figures.previous.label}`),
      headlineList(figures.headline, currency),
      funnelChart(figures.funnel, `Funnel: leads registered in ${figures.period.label}`),
      revenueTrend(figures.trend, currency, 'Won revenue by month'),
      leadsTrend(figures.trend, 'Leads and wins by month'),
      h('h2', null, 'Top partners'),
      top.length
        ? [
            barChart({
              title: `Won revenue in ${figures.period.label}`,
              items: top.map((row) => ({ label: row.name, value: row.wonRevenueCents / 100, valueText: money(row.wonRevenueCents) })),
              columns: ['Partner', 'Won revenue'],
            }),
            h(
              'ol',
              { class: 'top-partners' },
              top.map((row) => leaderRow(row, money)),
            ),
            figures.leaderboard.length > TOP ? h('p', { class: 'hint' }, `The Dashboard tab ranks all ${figures.leaderboard.length} partners.`) : null,
          ]
        : h('p', { class: 'muted' }, 'No partner had leads or deals in this period.'),
      engagement(view),
    );
  }

  function leaderRow(row: LeaderboardRow, money: (cents: number) => string): HTMLElement {
    const open = h('button', { type: 'button', class: 'link', 'data-partner': row.partnerId, 'aria-label': `Scorecard of ${row.name}` }, row.name);
    open.addEventListener('click', () => openScorecard(app, { partnerId: row.partnerId, period: lastAsked() ?? periodOf() }));
    const winRate = row.winRate === null ? '' : ` · ${Math.round(row.winRate * 100)}% win rate`;
    return h(
      'li',
      { class: 'top-partner' },
      open,
      h('span', { class: 'lead-meta' }, `${money(row.wonRevenueCents)} · ${plural(row.dealsWon, 'deal')} won of ${plural(row.leadsRegistered, 'lead')}${winRate}`),
    );
  }

  function periodOf(): PeriodRequest | undefined {
    return data ? { kind: data.figures.period.kind, start: data.figures.period.start, end: data.figures.period.end } : undefined;
  }

  function engagement(view: InsightsView): HTMLElement {
    const e = view.figures.engagement;
    const dormant = view.dormant;
    return h(
      'div',
      { class: 'engagement' },
      h('h2', null, 'Engagement'),
      h('p', null, `On ${view.figures.period.end}: ${e.active} active, ${e.dormant} dormant, ${e.new} new.`),
      h('p', { class: 'hint' }, e.definition),
      dormant.length
        ? [
            h('h3', { class: 'subhead' }, 'Gone quiet'),
            h(
              'ul',
              { class: 'dormant-partners' },
              dormant.slice(0, DORMANT_SHOWN).map((p) => {
                const open = h('button', { type: 'button', class: 'link', 'data-partner': p.id }, p.name);
                open.addEventListener('click', () => openScorecard(app, { partnerId: p.id, period: lastAsked() ?? periodOf() }));
                return h('li', null, open, h('span', { class: 'lead-meta' }, p.lastActivity ? ` last active ${p.lastActivity}` : ' no activity yet'));
              }),
            ),
            dormant.length > DORMANT_SHOWN ? h('p', { class: 'hint' }, `and ${dormant.length - DORMANT_SHOWN} more.`) : null,
          ]
        : null,
    );
  }

  openButton.addEventListener('click', () => {
    const id = partnerPicker.value();
    const known = data?.partners.some((p) => p.id === id);
    pickProblem.hidden = !!known;
    if (!known) {
      pickProblem.textContent = id ? `No partner is called "${id}": choose one from the list.` : 'Choose a partner first.';
      partnerPicker.input.focus();
      return;
    }
    openScorecard(app, { partnerId: id, period: lastAsked() ?? periodOf() });
  });

  refresh.addEventListener('click', () => void load(lastAsked()));

  return {
    el,
    show() {
      // The figures load after the view shows: the heading and the picker are usable at once.
      void load(lastAsked());
    },
  };
}
