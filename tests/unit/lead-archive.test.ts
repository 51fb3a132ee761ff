import { LeadFacts, nextLeadBatch, whyLeadStays } from '../../src/domain/lead-archive';

/** Which closed leads may leave the Leads tab (domain/lead-archive.ts). */
const rules = {
  afterDays: 90,
  today: '2025-07-15',
  payoutStatus: new Map([
    ['PO-1', 'Paid'],
    ['PO-2', 'Approved'],
  ]),
  pendingWork: new Set<string>(),
};
const lead = (over: Partial<LeadFacts> = {}): LeadFacts => ({ id: 'L-000001', status: 'Closed Lost', closedOn: '2025-01-10', updatedOn: '2025-01-10', held: false, ...over });

test('a closed lead past the age with no lines goes; the age counts from its last change', () => {
  expect(whyLeadStays(lead(), [], rules)).toBeNull();
  expect(whyLeadStays(lead({ updatedOn: '2025-05-01' }), [], rules)).toBe('it changed less than 90 days ago');
  expect(whyLeadStays(lead({ closedOn: '', updatedOn: '2025-04-16' }), [], rules)).toBeNull();
  expect(whyLeadStays(lead({ closedOn: '', updatedOn: '2025-04-17' }), [], rules)).toMatch(/less than 90 days/);
});

test('open, conflicting, held leads stay; archiving off keeps everything', () => {
  for (const status of ['New', 'Accepted', 'Qualified', 'Conflict']) expect(whyLeadStays(lead({ status }), [], rules)).toBe(`it is ${status}`);
  expect(whyLeadStays(lead({ held: true }), [], rules)).toBe('its row was changed by hand');
  expect(whyLeadStays(lead(), [], { ...rules, afterDays: 0 })).toBe('archiving is off');
});

test('commissions must be settled: Void, or Paid in a paid payout; no waiting work; a won deal from a past quarter', () => {
  const won = lead({ status: 'Closed Won' });
  expect(
    whyLeadStays(
      won,
      [
        { leadId: won.id, status: 'Paid', payoutId: 'PO-1' },
        { leadId: won.id, status: 'Void', payoutId: '' },
      ],
      rules,
    ),
  ).toBeNull();
  expect(whyLeadStays(won, [{ leadId: won.id, status: 'Approved', payoutId: '' }], rules)).toBe('a commission line is Approved');
  expect(whyLeadStays(won, [{ leadId: won.id, status: 'Paid', payoutId: 'PO-2' }], rules)).toBe('its payout PO-2 is not paid');
  expect(whyLeadStays(won, [], { ...rules, pendingWork: new Set([won.id]) })).toBe('commission work waits for it');
  expect(whyLeadStays(lead({ status: 'Closed Won', closedOn: '2025-07-01', updatedOn: '2025-01-01' }), [], { ...rules, afterDays: 1 })).toMatch(/this quarter/);
});

test('a batch is the oldest year of eligible leads, oldest first, bounded', () => {
  const leads = [lead({ id: 'L-3', closedOn: '2025-02-01', updatedOn: '' }), lead({ id: 'L-1', closedOn: '2024-11-01', updatedOn: '' }), lead({ id: 'L-2', closedOn: '2024-10-01', updatedOn: '' })];
  expect(nextLeadBatch(leads, () => [], rules)).toEqual({ year: 2024, ids: ['L-2', 'L-1'] });
  expect(nextLeadBatch(leads, () => [], rules, 1)).toEqual({ year: 2024, ids: ['L-2'] });
  expect(nextLeadBatch(leads, () => [], { ...rules, afterDays: 0 })).toBeNull();
});
