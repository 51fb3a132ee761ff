import type { Funnel, Headline, TrendPoint } from '../../src/sidebar-api/contract';
import { h } from '../dom';
import { formatMoney } from '../format';
import { changeText, figureText, funnelItems, monthShort } from '../insights-format';
import { barChart, trendChart } from '../ui/svg-chart';

/** What Insights and the scorecard both draw: headline figures against the previous period, the funnel, the 12-month trend. */

/** Each headline figure: its value, the change and the previous period's value (the period line above names that period). */
export function headlineList(headlines: readonly Headline[], currency: string): HTMLElement {
  return h(
    'dl',
    { class: 'insight-figures' },
    headlines.map((figure) => {
      const change = changeText(figure, currency);
      return h(
        'div',
        { class: 'insight-figure', 'data-key': figure.key },
        h('dt', null, figure.label),
        h('dd', { class: 'insight-value' }, figureText(figure.current, figure.format, currency)),
        h(
          'dd',
          { class: 'insight-change' },
          change ? h('span', { class: `change-${change.direction}` }, change.text) : null,
          change ? ' · ' : null,
          `was ${figureText(figure.previous, figure.format, currency)}`,
        ),
      );
    }),
  );
}

export function funnelChart(funnel: Funnel, title: string): HTMLElement {
  return barChart({ title, items: funnelItems(funnel), columns: ['Stage', 'Leads'], empty: 'No leads in this period.' });
}

/** Won revenue by month as columns, commissions earned as a line on the same scale. */
export function revenueTrend(trend: readonly TrendPoint[], currency: string, title: string): HTMLElement {
  return trendChart({
    title,
    series: 'Won revenue',
    lineSeries: 'Commissions earned',
    format: (amount) => formatMoney(amount, currency),
    items: trend.map((p) => ({ label: monthShort(p.month), title: p.label, value: p.wonRevenueCents / 100, line: p.commissionsEarnedCents / 100 })),
  });
}

/** Leads registered by month as columns, deals won as a line on the same scale. */
export function leadsTrend(trend: readonly TrendPoint[], title: string): HTMLElement {
  return trendChart({
    title,
    series: 'Leads registered',
    lineSeries: 'Deals won',
    items: trend.map((p) => ({ label: monthShort(p.month), title: p.label, value: p.leadsRegistered, line: p.dealsWon })),
  });
}
