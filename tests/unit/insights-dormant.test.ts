import { addDays, engagementOn } from '../../src/domain/metrics';
import type { MetricsInput, MetricsLead, MetricsPartner } from '../../src/domain/metrics';
import { dormantPartners } from '../../src/insights/dormant';

/**
 * Insights lists the partners the engagement figures count as dormant (src/insights/dormant.ts).
 * The list must be exactly the partners engagementOn counts: checked on generated programmes,
 * on days either side of every boundary (new, active, joined later, not Active).
 */
function programme(seed: number): MetricsInput {
  let s = seed;
  const next = (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
  const day = (from: string, span: number) => addDays(from, next(span));
  const statuses = ['Active', 'Active', 'Active', 'Paused', 'Inactive'];
  const partners: MetricsPartner[] = Array.from({ length: 40 }, (_, i) => ({
    id: `P-${String(i + 1).padStart(6, '0')}`,
    name: `Partner ${(i * 7) % 40}`,
    tier: '',
    type: '',
    region: '',
    productFocus: '',
    status: statuses[next(statuses.length)],
    joinedOn: next(6) === 0 ? '' : day('2025-06-01', 400),
  }));
  const leads: MetricsLead[] = Array.from({ length: 120 }, (_, i) => {
    const registeredOn = day('2025-06-01', 400);
    return {
      id: `L-${i}`,
      partnerId: partners[next(partners.length)].id,
      company: '',
      product: '',
      status: 'New',
      registeredOn,
      closedOn: '',
      dealAmountCents: null,
      estimatedValueCents: null,
      updatedOn: next(2) ? addDays(registeredOn, next(120)) : '',
    };
  });
  return { today: '2026-07-01', partners, leads, commissions: [], tierHistory: [] };
}

test('the dormant list is the partners engagementOn counts, on any day', () => {
  let listedInAll = 0;
  for (const seed of [1, 2, 3]) {
    const input = programme(seed);
    for (const day of ['2025-09-30', '2026-01-15', '2026-03-31', '2026-06-30']) {
      const listed = dormantPartners(input, day);
      expect(listed.length).toBe(engagementOn(input, day).dormant);
      // Each listed partner's last activity is before the active window, and the list goes from the most recent.
      for (const p of listed) expect(p.lastActivity < addDays(day, -89)).toBe(true);
      const days = listed.map((p) => p.lastActivity);
      expect(days).toEqual([...days].sort().reverse());
      listedInAll += listed.length;
    }
  }
  expect(listedInAll).toBeGreaterThan(10);
});

test('a lead 89 days before the day (the window is 90 days, the day included) keeps a partner active; one 90 days before does not', () => {
  const partner = (id: string): MetricsPartner => ({ id, name: id, tier: '', type: '', region: '', productFocus: '', status: 'Active', joinedOn: '2025-01-01' });
  const lead = (partnerId: string, registeredOn: string): MetricsLead => ({
    id: `L-${partnerId}`,
    partnerId,
    company: '',
    product: '',
    status: 'New',
    registeredOn,
    closedOn: '',
    dealAmountCents: null,
    estimatedValueCents: null,
    updatedOn: '',
  });
  const day = '2026-03-31';
  const input: MetricsInput = {
    today: day,
    partners: [partner('A'), partner('B'), partner('C')],
    leads: [lead('A', addDays(day, -89)), lead('B', addDays(day, -90))],
    commissions: [],
    tierHistory: [],
  };
  expect(dormantPartners(input, day)).toEqual([
    { id: 'B', name: 'B', lastActivity: addDays(day, -90) },
    { id: 'C', name: 'C', lastActivity: '' },
  ]);
  expect(engagementOn(input, day)).toMatchObject({ active: 1, dormant: 2 });
});
