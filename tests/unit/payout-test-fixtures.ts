/** Shared by the payout unit tests (payout-schedule, payout-plan, payout-emails, payouts-csv): a period, commission lines, partners. */
import { PartnerInfo, PayoutLine, Period } from '../../src/domain/payouts';

export const FEB_2026: Period = { start: '2026-02-01', end: '2026-02-28', label: 'February 2026' };

let nextLine = 1;
export function line(overrides: Partial<PayoutLine> = {}): PayoutLine {
  return {
    id: `C-${String(nextLine++).padStart(6, '0')}`,
    leadId: 'L-000001',
    company: 'Acme Corp',
    partnerId: 'P-000001',
    kind: 'Base',
    ruleId: 'R-000001',
    rate: 0.2,
    dealAmountCents: 1_000_000,
    amountCents: 200_000,
    payableOn: '2026-02-10',
    status: 'Approved',
    payoutId: '',
    ...overrides,
  };
}

export function partnersOf(...list: Array<[string, string, string?]>): Map<string, PartnerInfo> {
  return new Map(list.map(([id, name, email]) => [id, { id, name, email: email ?? `${id.toLowerCase()}@example.com` }]));
}

export function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// ---------------------------------------------------------------------------------------------
