import { CONFLICT_FOR_PARTNER, REDACTED, partnerFacingReason, withoutOtherPartners } from '../../src/domain/partner-facing';

const rival = { id: 'P-000002', name: 'Northwind Traders', code: 'NORTH', contactName: 'Nadia Kerr', contactEmail: 'nadia@northwind.example', otherEmails: ['ops@northwind.example'] };

describe('partner-facing text', () => {
  test('a conflict is one fixed sentence: never the earlier partner, lead or date', () => {
    const reason = 'same domain acme.com as L-000123, registered by Northwind Traders on 2026-03-01';
    expect(partnerFacingReason({ id: 'L-000200', status: 'Conflict', statusReason: reason }, [rival])).toBe(CONFLICT_FOR_PARTNER);
  });

  test("another partner's name, code, people, emails and leads are taken out of a team's reason; the partner's own lead stays", () => {
    const text = 'Rejected: Northwind traders (NORTH, Nadia Kerr, ops@northwind.example) has L-000123; see L-000200. P-000002 agreed.';
    const out = partnerFacingReason({ id: 'L-000200', status: 'Rejected', statusReason: text }, [rival]);
    expect(out).toBe(`Rejected: ${REDACTED} (${REDACTED}, ${REDACTED}, ${REDACTED}) has ${REDACTED}; see L-000200. ${REDACTED} agreed.`);
    for (const t of ['Northwind', 'NORTH', 'Nadia', 'northwind.example', 'L-000123', 'P-000002']) expect(out.toLowerCase()).not.toContain(t.toLowerCase());
  });

  test('whole words only, and short codes are left alone', () => {
    expect(withoutOtherPartners('Northbound is not NORTH', [rival])).toBe(`Northbound is not ${REDACTED}`);
    expect(withoutOtherPartners('A deal', [{ ...rival, code: 'A', name: 'Zed' }])).toBe('A deal');
  });
});
