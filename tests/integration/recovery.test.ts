import { LeadView } from '../../src/sidebar-api/contract';
import { Tracker, trackerOnBundle } from '../support/tracker';

/**
 * Nothing lost, nothing doubled: a write that dies half way is retried or
 * reconciled, through the built bundle with a fault injected at each step.
 */
let t: Tracker;
const ANA = 'ana@example.com';

beforeEach(() => {
  t = trackerOnBundle({ now: '2026-03-02T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addPartner({ name: 'Acme', code: 'ACME', contactEmail: 'pat@acme.example' });
});

const lead = { partnerId: 'P-000001', company: 'Initech', contactEmail: 'ceo@initech.example' };
type Reply = { ok: boolean; data?: { lead: LeadView }; error?: { message: string } };

describe('sidebar writes carry a request ID: a retry returns the first outcome', () => {
  test('a registration that dies after its row was written, retried with the same ID, is the same lead, not a second one in conflict with itself', () => {
    // The row is written, then the run dies writing its audit row (the sidebar sees an error).
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Audit Log', fatal: true });
    expect(() => t.emu.run('apiRegisterLead', [lead, { requestId: 'req-aaaaaaaa01' }], { user: ANA })).toThrow(/timed out/);
    expect(t.rows('Leads')).toHaveLength(1);
    const retry = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-aaaaaaaa01' }], { user: ANA }) as Reply;
    expect(retry).toMatchObject({ ok: true, data: { lead: { id: 'L-000001', status: 'New' } } });
    expect(t.rows('Leads').map((r) => r['Lead ID'])).toEqual(['L-000001']);
  });

  test('a retry after success returns the stored outcome; the same registration sent again with a new ID is a new request', () => {
    const first = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-bbbbbbbb01' }], { user: ANA }) as Reply;
    const again = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-bbbbbbbb01' }], { user: ANA }) as Reply;
    expect(again).toEqual(first);
    expect(t.rows('Leads')).toHaveLength(1);
    const fresh = t.emu.run('apiRegisterLead', [lead, { requestId: 'req-bbbbbbbb02' }], { user: ANA }) as Reply;
    expect(fresh.data?.lead).toMatchObject({ id: 'L-000002', status: 'Conflict' });
  });

  test('a move retried with its request ID is not refused as "already moved"', () => {
    t.okAs(ANA, 'apiRegisterLead', lead);
    const move = () => t.emu.run('apiMoveLead', ['L-000001', { to: 'Accepted' }, { requestId: 'req-cccccccc01' }], { user: ANA }) as Reply;
    expect(move()).toMatchObject({ ok: true });
    expect(move()).toMatchObject({ ok: true, data: { status: 'Accepted' } });
    expect(t.rows('Audit Log').filter((r) => r['Record ID'] === 'L-000001' && r.Field === 'status')).toHaveLength(0); // Ana's entries wait for the owner
  });
});
