import { isDueForPayable, newLineStatus } from '../../src/domain/commissions';
import { planTransition } from '../../src/domain/lead-lifecycle';

/** The pure rules behind "no dead ends": when a new line is payable, and a close date against the registration. */
describe('a new commission line', () => {
  test('is Payable when its payable date is today or earlier, Pending after; a line with no date waits', () => {
    expect(newLineStatus('2026-03-02', '2026-03-02')).toBe('Payable');
    expect(newLineStatus('2026-02-28', '2026-03-02')).toBe('Payable');
    expect(newLineStatus('2026-03-03', '2026-03-02')).toBe('Pending');
    expect(newLineStatus('', '2026-03-02')).toBe('Pending');
  });

  test('a Pending line is due once its date has come; other statuses never are', () => {
    expect(isDueForPayable({ status: 'Pending', payableOn: '2026-03-02' }, '2026-03-02')).toBe(true);
    expect(isDueForPayable({ status: 'Pending', payableOn: '2026-03-03' }, '2026-03-02')).toBe(false);
    expect(isDueForPayable({ status: 'Pending', payableOn: '' }, '2026-03-02')).toBe(false);
    for (const status of ['Payable', 'Approved', 'Void', 'Paid']) expect(isDueForPayable({ status, payableOn: '2026-01-01' }, '2026-03-02')).toBe(false);
  });
});

describe('a close date before the registration', () => {
  const lead = { id: 'L-000001', status: 'Qualified' as const, registeredOn: '2026-03-02' };
  const why = (closedOn: string) => `Close date ${closedOn} is before L-000001 was registered (2026-03-02); a deal closes on or after its registration.`;

  test('is refused for Closed Won and Closed Lost, naming the field', () => {
    expect(planTransition(lead, { to: 'Closed Won', dealAmount: 1000, closedOn: '2026-03-01', reason: '' }, '2026-03-05', 90)).toEqual({ ok: false, message: why('2026-03-01'), field: 'closedOn' });
    expect(planTransition(lead, { to: 'Closed Lost', closedOn: '2026-02-01', reason: 'Lost' }, '2026-03-05', 90)).toEqual({ ok: false, message: why('2026-02-01'), field: 'closedOn' });
  });

  test('the registration day is fine, and so is an unknown registration date', () => {
    expect(planTransition(lead, { to: 'Closed Won', dealAmount: 1000, closedOn: '2026-03-02', reason: '' }, '2026-03-05', 90)).toMatchObject({ ok: true });
    expect(planTransition({ ...lead, registeredOn: '' }, { to: 'Closed Won', dealAmount: 1000, closedOn: '2020-01-01', reason: '' }, '2026-03-05', 90)).toMatchObject({ ok: true });
    // Closed Lost without a date closes today.
    expect(planTransition(lead, { to: 'Closed Lost', closedOn: '', reason: 'Lost' }, '2026-03-05', 90)).toEqual({
      ok: true,
      change: { status: 'Closed Lost', statusReason: 'Lost', closedOn: '2026-03-05' },
    });
  });
});
