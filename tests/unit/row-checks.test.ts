import { checkPartnerRow, listProblems } from '../../src/domain/row-checks';

/** The checks adoption applies to typed rows (src/domain/row-checks.ts): the sidebar's own rules. */
const LISTS = { regions: ['EMEA'], products: ['Core Platform'], tiers: ['Registered', 'Silver', 'Gold', 'Platinum', 'Strategic'] };
const PARTNER = {
  id: '',
  name: 'Acme',
  code: ' acme ',
  contactName: '',
  contactEmail: 'A@acme.example',
  type: 'Reseller',
  tier: '',
  status: '',
  region: '',
  productFocus: '',
  joinedOn: '',
  notes: '',
};

describe('a typed partner row', () => {
  test('blank status takes the sidebar default, a blank tier is left for the entry tier; the code is normalised; a migration ID is kept', () => {
    expect(checkPartnerRow({ ...PARTNER, id: 'ACME-01' }, LISTS)).toEqual({
      errors: {},
      valid: expect.objectContaining({ id: 'ACME-01', code: 'ACME', tier: '', status: 'Active', contactEmail: 'a@acme.example' }),
    });
  });

  test('every problem is told by field, never empty', () => {
    const { errors, valid } = checkPartnerRow({ ...PARTNER, id: 'bad id!', name: '', type: 'Wholesaler', region: 'Mars', tier: 'Diamond' }, LISTS);
    expect(valid).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['id', 'name', 'region', 'tier', 'type']);
    expect(errors.tier).toBe('Tier "Diamond" is not on the Tiers tab: use Registered, Silver, Gold, Platinum or Strategic');
    // A tier of the team's own (on the Tiers tab) is welcome.
    expect(checkPartnerRow({ ...PARTNER, tier: 'Strategic' }, LISTS).errors).toEqual({});
    expect(Object.values(errors).every((m) => m.trim().length > 0)).toBe(true);
    expect(errors.region).toBe('Region "Mars" is not on the Lists tab (EMEA)');
  });
});

describe('the Lists tab', () => {
  test('a blank between values and a value twice in a column are problems of their rows; a blank at the end is not', () => {
    const found = listProblems([
      { header: 'Products', values: ['A', '', 'B', 'a', ''] },
      { header: 'Regions', values: ['EMEA', 'APAC', '', '', ''] },
    ]);
    expect([...found.entries()]).toEqual([
      [1, ['Products: a blank cell between values; fill it or delete the cell (shift the values up)']],
      [3, ['Products: "a" is already on row 2; each value once']],
    ]);
  });
});
