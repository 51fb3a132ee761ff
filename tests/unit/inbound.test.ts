import { InboundInput, fingerprintOf, parseInboundRow, requestKeyOf, resolvePartner, rowState } from '../../src/domain/inbound';
import { Partner } from '../../src/domain/partner';

/** The Inbound tab's pure part (src/domain/inbound.ts): what a row asks for, whether it waits, its key. */
const blank: InboundInput = {
  kind: '',
  externalId: '',
  partner: '',
  company: '',
  website: '',
  contactName: '',
  contactEmail: '',
  product: '',
  dealValue: '',
  leadId: '',
  newStatus: '',
  wonAmount: '',
  closeDate: '',
  note: '',
};
const row = (over: Partial<InboundInput>): InboundInput => ({ ...blank, ...over });
const newLead = row({ kind: 'New lead', externalId: 'zap-1', partner: 'ACME', company: 'Initech', contactEmail: 'bill@initech.example', dealValue: 12000 });
const won = row({ kind: 'Stage change', leadId: 'L-000001', newStatus: 'Closed Won', wonAmount: 20000, closeDate: '2026-03-02' });

const partner = (id: string, code: string, contactEmail: string, otherEmails: string[] = []): Partner => ({
  id,
  name: code,
  code,
  contactName: '',
  contactEmail,
  type: 'Reseller',
  tier: '',
  region: '',
  productFocus: '',
  status: 'Active',
  joinedOn: '',
  notes: '',
  otherEmails,
});
const partners = [
  partner('P-000001', 'ACME', 'pat@acme.example', ['sales@acme.example']),
  partner('P-000002', 'GLOBEX', 'g@globex.example', ['shared@both.example']),
  partner('P-000003', 'INITECH', 'x@i.example', ['shared@both.example']),
];

describe('parsing a row', () => {
  test('a new lead carries its fields for registration (the kind in any case)', () => {
    expect(parseInboundRow({ ...newLead, kind: 'new LEAD' }, 2)).toEqual({
      kind: 'new lead',
      partner: 'ACME',
      fields: { company: 'Initech', website: '', contactName: '', contactEmail: 'bill@initech.example', product: '', estimatedValue: 12000, notes: '' },
    });
  });

  test('a new lead with stage-change cells filled is refused, naming them', () => {
    expect(parseInboundRow({ ...newLead, leadId: 'L-000001', newStatus: 'Qualified' }, 2)).toEqual({
      kind: 'refused',
      problems: ['Kind: a New lead row leaves Lead ID, New Status blank (those are for a Stage change); clear them or make the row a Stage change'],
    });
  });

  test('a Closed Won is checked with the pipeline move rules: amount in cents, close date required', () => {
    expect(parseInboundRow(won, 3)).toEqual({ kind: 'stage change', leadId: 'L-000001', move: { to: 'Closed Won', dealAmount: 2_000_000, closedOn: '2026-03-02', reason: '' } });
    expect(parseInboundRow({ ...won, wonAmount: '20,000.50' }, 3)).toMatchObject({ move: { dealAmount: 2_000_050 } });
    const missing = parseInboundRow({ ...won, wonAmount: '', closeDate: '' }, 3);
    expect(missing.kind).toBe('refused');
    expect((missing as { problems: string[] }).problems).toEqual([expect.stringMatching(/^Won Amount: /), expect.stringMatching(/^Close Date: |^Close date/)]);
  });

  test('a Rejected or Closed Lost without a Note gets the reason a typed status gets; other moves keep none', () => {
    expect(parseInboundRow(row({ kind: 'Stage change', leadId: 'L-000001', newStatus: 'Rejected' }), 7)).toMatchObject({ move: { to: 'Rejected', reason: 'set through the Inbound tab (row 7)' } });
    expect(parseInboundRow(row({ kind: 'Stage change', leadId: 'L-000001', newStatus: 'accepted', note: 'fits' }), 7)).toMatchObject({ move: { to: 'Accepted', reason: 'fits' } });
  });

  test.each([
    [row({ kind: 'Stage change', newStatus: 'Qualified' }), 'Lead ID: a Stage change names the lead to move (its Lead ID, L-000123)'],
    [row({ kind: 'Stage change', leadId: 'L-1', newStatus: 'Refunded' }), 'New Status: a refund claws back commissions, which needs a manager; refund the deal in the sidebar'],
    [
      row({ kind: 'Stage change', leadId: 'L-1', newStatus: 'Paid' }),
      'New Status: "Paid" is not a stage an inbound row can move a lead to; use Accepted, Rejected, Qualified, Closed Won, Closed Lost',
    ],
    [row({ kind: 'Stage change', leadId: 'L-1', newStatus: 'Qualified', wonAmount: 5 }), 'Won Amount: only a move to Closed Won has one; clear it, or make New Status Closed Won'],
    [row({ kind: 'Update', company: 'x' }), 'Kind: "Update" is not a kind of row the tracker takes; use New lead or Stage change'],
    [row({ company: 'x' }), 'Kind: the kind of row is missing; use New lead or Stage change'],
  ])('refused with the reason: %#', (input, problem) => {
    expect(parseInboundRow(input, 2)).toEqual({ kind: 'refused', problems: [problem] });
  });
});

describe('naming the partner', () => {
  test('by Partner ID, code (any case) or a contact email; an email two partners share names no one', () => {
    expect(resolvePartner(partners, 'P-000002')).toEqual({ partner: partners[1] });
    expect(resolvePartner(partners, ' acme ')).toEqual({ partner: partners[0] });
    expect(resolvePartner(partners, 'Sales@Acme.example')).toEqual({ partner: partners[0] });
    expect(resolvePartner(partners, 'shared@both.example')).toEqual({ problem: 'Partner: shared@both.example is a contact of 2 partners; name the partner by Partner ID or code' });
    expect(resolvePartner(partners, 'nobody@x.example')).toEqual({ problem: 'Partner: no partner has the Partner ID, code or contact email "nobody@x.example"' });
    expect(resolvePartner(partners, '')).toEqual({ problem: 'Partner: a partner is required (their Partner ID, partner code or contact email)' });
  });
});

describe('whether a row waits', () => {
  const out = (result: string, stamp: string) => ({ result, resultLeadId: '', stamp, problems: '' });

  test('new, waiting, or refused and changed since (or its reason cleared): pending; applied or refused unchanged: settled; applied and changed: told, never applied again', () => {
    const stamp = fingerprintOf(newLead);
    expect(rowState(blank, out('', ''))).toBe('blank');
    expect(rowState(newLead, out('', ''))).toBe('pending');
    expect(rowState(newLead, out('Waiting for the hourly run', ''))).toBe('pending');
    expect(rowState(newLead, { ...out('Refused', stamp), problems: 'Partner: …' })).toBe('settled');
    expect(rowState(newLead, out('Refused', stamp))).toBe('pending');
    expect(rowState({ ...newLead, partner: 'GLOBEX' }, { ...out('Refused', stamp), problems: 'Partner: …' })).toBe('pending');
    expect(rowState(newLead, out('Adopted', stamp))).toBe('settled');
    expect(rowState({ ...newLead, company: 'Initech Inc' }, out('Adopted', stamp))).toBe('changed after done');
    // "Adopted" typed by hand (no stamp) does not make a row applied.
    expect(rowState(newLead, out('Adopted', ''))).toBe('pending');
  });

  test('the fingerprint follows every input cell and ignores surrounding spaces', () => {
    expect(fingerprintOf(newLead)).toMatch(/^v1:[0-9a-f]{16}$/);
    expect(fingerprintOf({ ...newLead, company: ' Initech ' })).toBe(fingerprintOf(newLead));
    expect(fingerprintOf({ ...newLead, note: 'x' })).not.toBe(fingerprintOf(newLead));
    expect(fingerprintOf({ ...newLead, dealValue: 12001 })).not.toBe(fingerprintOf(newLead));
  });

  test('the request key is the External ID, else the fingerprint', () => {
    expect(requestKeyOf(newLead)).toBe('inbound:zap-1');
    expect(requestKeyOf({ ...newLead, externalId: '' })).toBe(`inbound:${fingerprintOf({ ...newLead, externalId: '' }).slice(3)}`);
  });
});
