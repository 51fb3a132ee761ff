import type { CapacityView } from '../../src/sidebar-api/contract';
import { h } from '../dom';

/**
 * How full the spreadsheet is against Google's 10-million-cell limit, the biggest tabs, and
 * when the Audit Log rolls over into archive spreadsheets (with links to those made so far).
 * Small enough for 300 px: a meter, two lines, and the details folded away.
 */
export function capacityPanel(c: CapacityView | undefined): HTMLElement | null {
  if (!c) return null;
  const percent = (c.used / c.limit) * 100;
  const threshold = Math.round(c.rolloverShare * 100);
  return h(
    'section',
    { class: 'capacity', 'aria-labelledby': 'capacity-heading' },
    h('h2', { id: 'capacity-heading' }, 'Capacity'),
    h('meter', { min: '0', max: String(c.limit), high: String(c.limit * c.rolloverShare), value: String(c.used), 'aria-label': 'Cells used' }),
    h('p', { class: 'capacity-used' }, `${millions(c.used)} of ${millions(c.limit)} cells (${percent < 1 ? percent.toFixed(1) : Math.round(percent)}%)`),
    h('p', { class: 'hint capacity-forecast' }, forecastLine(c, threshold)),
    h(
      'details',
      null,
      h('summary', null, 'Cells per tab'),
      h(
        'table',
        { 'aria-label': 'Cells per tab' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Tab'), h('th', { scope: 'col', class: 'num' }, 'Cells'))),
        h(
          'tbody',
          null,
          c.tabs.map((t) => h('tr', null, h('td', null, t.name), h('td', { class: 'num' }, t.cells.toLocaleString('en-US')))),
        ),
      ),
    ),
    c.archives.length
      ? h(
          'div',
          { class: 'capacity-archives' },
          h('p', null, 'Archives:'),
          h(
            'ul',
            null,
            c.archives.map((a) => h('li', null, h('a', { href: a.url, target: '_blank', rel: 'noopener' }, a.name), ` · ${a.rows.toLocaleString('en-US')} rows`)),
          ),
        )
      : null,
  );
}

function millions(cells: number): string {
  if (cells >= 1_000_000) return `${(cells / 1_000_000).toFixed(cells >= 10_000_000 ? 0 : 1)}M`;
  if (cells >= 1_000) return `${Math.round(cells / 1_000)}k`;
  return String(cells);
}

function forecastLine(c: CapacityView, threshold: number): string {
  const first = c.oldestYear ? `Rows from ${c.oldestYear} go first, a year at a time.` : 'The oldest Audit Log rows go first.';
  if (c.used >= c.limit * c.rolloverShare) return `Past ${threshold}%: the owner's daily run moves old Audit Log rows to archive spreadsheets. ${first}`;
  const rate = `${c.auditRowsPerDay.toLocaleString('en-US')} audit rows a day`;
  if (!c.rolloverOn) return `At ${rate}, the Audit Log will not reach ${threshold}% within ten years; nothing rolls over before it does.`;
  return `At ${rate}, the Audit Log rolls over to archives around ${c.rolloverOn} (at ${threshold}%). ${first}`;
}
