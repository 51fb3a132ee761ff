import { createHmac } from 'node:crypto';
import { ROLES, Roster, holders, parseTeamRows, refusal, rolesOf, rosterChanges } from '../../src/domain/roles';
import { newSealKeyHex, openSeal, sealCell, sealKeyBytes } from '../../src/domain/seal';

const roster: Roster = {
  owner: 'owner@example.com',
  members: [
    { email: 'boss@example.com', role: 'Manager', name: '' },
    { email: 'ana@example.com', role: 'Partner team', name: '' },
    { email: 'ana@example.com', role: 'Finance', name: '' },
  ],
};

describe('roles', () => {
  test('the owner holds every role; others what the Team tab gives them; an unknown person none', () => {
    expect(rolesOf(roster, 'OWNER@example.com')).toEqual([...ROLES]);
    expect(rolesOf(roster, 'ana@example.com')).toEqual(['Finance', 'Partner team']);
    expect(rolesOf(roster, '')).toEqual([]);
    expect(holders(roster, 'Manager')).toEqual(['boss@example.com', 'owner@example.com']);
  });

  test('a refusal names the role it needs, what the person has, and who can grant it', () => {
    expect(refusal(roster, 'boss@example.com', 'approveCommissions')).toBeNull();
    expect(refusal(roster, 'ana@example.com', 'approveCommissions')).toBe(
      'Approving commissions needs the Manager role; you (ana@example.com) have the Finance, Partner team roles. The owner (owner@example.com) or a manager can add it on the Team tab.',
    );
    expect(refusal(roster, '', 'markPaid')).toBe('Marking payouts paid needs the Finance role. Google did not tell the tracker who you are, so it cannot check your roles.');
    expect(refusal({ owner: '', members: [] }, 'x@example.com', 'runPayouts')).toContain('Set up the tracker first.');
  });

  test('Team rows: bad emails and unknown roles are reported by row; an Owner row that is not the owner is refused; duplicates collapse', () => {
    const parsed = parseTeamRows(
      [
        { row: 2, email: 'owner@example.com', role: 'Owner', name: '' },
        { row: 3, email: 'Bo@Example.com', role: 'manager', name: 'Bo' },
        { row: 4, email: 'bo@example.com', role: 'Manager', name: '' },
        { row: 5, email: 'not an email', role: 'Manager', name: '' },
        { row: 6, email: 'cy@example.com', role: 'Boss', name: '' },
        { row: 7, email: 'dee@example.com', role: 'Owner', name: '' },
        { row: 8, email: '', role: '', name: 'a note' },
      ],
      'owner@example.com',
    );
    expect(parsed.members).toEqual([{ email: 'bo@example.com', role: 'Manager', name: 'Bo' }]);
    expect(parsed.problems.map((p) => p.row)).toEqual([5, 6, 7]);
    expect(parsed.problems[2].message).toContain('a manager becomes owner by taking over the automation');
  });

  test('roster changes read as audit lines', () => {
    const after: Roster = { owner: 'boss@example.com', members: [{ email: 'fin@example.com', role: 'Finance', name: '' }] };
    expect(rosterChanges(roster, after)).toEqual([
      'owner owner@example.com → boss@example.com',
      '+ fin@example.com Finance',
      '− boss@example.com Manager',
      '− ana@example.com Partner team',
      '− ana@example.com Finance',
    ]);
  });
});

describe('row seals', () => {
  const key = sealKeyBytes(newSealKeyHex(['a', 'b']));

  test('a seal holds the confirmed values and an HMAC-SHA256 (checked against node:crypto)', () => {
    const cell = sealCell(key, 'Leads', ['L-000001', 'P-000001', 'New', 'ana@example.com']);
    const [body, mac] = cell.split('#');
    expect(JSON.parse(body)).toEqual(['L-000001', 'P-000001', 'New', 'ana@example.com']);
    const expected = createHmac('sha256', Buffer.from(key))
      .update(JSON.stringify(['Leads', 'L-000001', 'P-000001', 'New', 'ana@example.com']))
      .digest('hex')
      .slice(0, 24);
    expect(mac).toBe(expected);
    expect(openSeal(key, 'Leads', cell, 4, [])).toEqual({ kind: 'sealed', confirmed: ['L-000001', 'P-000001', 'New', 'ana@example.com'] });
  });

  test('an altered copy, a seal copied from another tab, another key, a malformed cell, or none: never confirmed', () => {
    const cell = sealCell(key, 'Leads', ['L-000001', 'New']);
    expect(openSeal(key, 'Leads', cell.replace('New', 'Closed Won'), 2, [])).toEqual({ kind: 'forged' });
    expect(openSeal(key, 'Payouts', cell, 2, [])).toEqual({ kind: 'forged' });
    expect(openSeal(sealKeyBytes(newSealKeyHex(['c'])), 'Leads', cell, 2, [])).toEqual({ kind: 'forged' });
    expect(openSeal(key, 'Leads', '{nope}#123', 2, [])).toEqual({ kind: 'forged' });
    expect(openSeal(key, 'Leads', cell, 3, [])).toEqual({ kind: 'forged' });
    expect(openSeal(key, 'Leads', '  ', 2, [])).toEqual({ kind: 'unsealed' });
  });

  test('a seal without its copy vouches for the visible values only', () => {
    const cell = sealCell(key, 'Mail Queue', ['to@x', 'Subject', 'body'], false);
    expect(cell.startsWith('#')).toBe(true);
    expect(openSeal(key, 'Mail Queue', cell, 3, ['to@x', 'Subject', 'body'])).toEqual({ kind: 'sealed', confirmed: null });
    expect(openSeal(key, 'Mail Queue', cell, 3, ['victim@x', 'Subject', 'body'])).toEqual({ kind: 'forged' });
  });

  test('a damaged key is refused with what to do', () => {
    expect(() => sealKeyBytes('abc')).toThrow('Run "Set up tracker" as the owner');
  });
});
