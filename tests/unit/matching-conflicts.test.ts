import { COMPANY_SIMILARITY_THRESHOLD, ConflictIndex, describeConflict, emailDomain, normaliseCompanyName, registrableDomain } from '../../src/domain/matching';
import type { Conflict, MatchableLead, RegistrationToMatch } from '../../src/domain/matching';

let nextId = 1;
function lead(fields: Omit<Partial<MatchableLead>, 'registeredAt'> & { registeredAt?: Date | string }): MatchableLead {
  const id = fields.id ?? `L-${String(nextId++).padStart(6, '0')}`;
  const registeredAt = fields.registeredAt instanceof Date ? fields.registeredAt : new Date(fields.registeredAt ?? '2026-01-01T00:00:00Z');
  return {
    id,
    partnerId: fields.partnerId ?? 'P-0001',
    partnerName: fields.partnerName ?? 'Partner X',
    company: fields.company ?? '',
    domain: fields.domain ?? '',
    contactEmail: fields.contactEmail ?? '',
    registeredAt,
  };
}
function reg(fields: Partial<RegistrationToMatch>): RegistrationToMatch {
  return { company: fields.company ?? '', website: fields.website ?? '', contactEmail: fields.contactEmail ?? '' };
}

describe('ConflictIndex', () => {
  test('no leads, or nothing in common: no conflict', () => {
    expect(new ConflictIndex([]).findConflict(reg({ company: 'Acme', website: 'acme.com', contactEmail: 'a@acme.com' }))).toBeNull();
    const index = new ConflictIndex([lead({ company: 'Globex', domain: 'globex.com', contactEmail: 'hank@globex.com' })]);
    expect(index.findConflict(reg({ company: 'Acme', website: 'acme.com', contactEmail: 'a@acme.com' }))).toBeNull();
  });

  test('website domain equals a lead domain, whatever the subdomain, scheme or path', () => {
    const acme = lead({ company: 'Acme Holdings', domain: 'acme.co.uk' });
    const conflict = new ConflictIndex([acme]).findConflict(reg({ company: 'Something Else', website: 'https://shop.ACME.co.uk/basket?x=1' }));
    expect(conflict).toEqual({ lead: acme, basis: 'domain', detail: 'acme.co.uk' });
  });

  test('a stored domain that is still a URL is canonicalised', () => {
    const acme = lead({ domain: 'https://www.Acme.com/' });
    expect(new ConflictIndex([acme]).findConflict(reg({ website: 'acme.com' }))?.lead).toBe(acme);
  });

  test("a lead without a domain is matched on the website by its contact email's domain", () => {
    const acme = lead({ contactEmail: 'ann@sales.acme.com' });
    expect(new ConflictIndex([acme]).findConflict(reg({ website: 'www.acme.com' }))).toEqual({ lead: acme, basis: 'domain', detail: 'acme.com' });
  });

  test("the candidate's email domain equals a lead's domain or a lead's email domain", () => {
    const byDomain = lead({ domain: 'acme.com' });
    expect(new ConflictIndex([byDomain]).findConflict(reg({ contactEmail: 'bob@eu.acme.com' }))).toEqual({ lead: byDomain, basis: 'email-domain', detail: 'acme.com' });
    const byEmail = lead({ domain: 'acme-widgets.com', contactEmail: 'ann@acme.com' });
    expect(new ConflictIndex([byEmail]).findConflict(reg({ website: 'other.com', contactEmail: 'bob@acme.com' }))).toEqual({ lead: byEmail, basis: 'email-domain', detail: 'acme.com' });
  });

  test('free-mail addresses never collide', () => {
    const leads = [lead({ company: 'Acme', contactEmail: 'ann@gmail.com' }), lead({ company: 'Globex', contactEmail: 'hank@yahoo.co.uk' })];
    const index = new ConflictIndex(leads);
    expect(index.findConflict(reg({ company: 'Initech', contactEmail: 'bill@gmail.com' }))).toBeNull();
    expect(index.findConflict(reg({ company: 'Initech', contactEmail: 'peter@yahoo.co.uk' }))).toBeNull();
    expect(index.findConflict(reg({ company: 'Initech', website: 'gmail.com' }))).toBeNull();
    // A free-mail domain typed as a website says nothing either.
    expect(new ConflictIndex([lead({ domain: 'gmail.com' })]).findConflict(reg({ website: 'gmail.com' }))).toBeNull();
  });

  test('blank fields never match anything', () => {
    const blank = lead({ company: '', domain: '', contactEmail: '' });
    const punctuation = lead({ company: ' - ', domain: '  ', contactEmail: 'not an email' });
    const index = new ConflictIndex([blank, punctuation]);
    expect(index.findConflict(reg({}))).toBeNull();
    expect(index.findConflict(reg({ company: '.', website: 'not a domain', contactEmail: 'nobody' }))).toBeNull();
    expect(index.findConflict(reg({ company: '', website: '', contactEmail: '' }))).toBeNull();
  });

  test('private suffixes separate companies on the same platform', () => {
    const index = new ConflictIndex([lead({ domain: 'acme.github.io' }), lead({ domain: 'acme.myshopify.com' })]);
    expect(index.findConflict(reg({ website: 'https://other.github.io' }))).toBeNull();
    expect(index.findConflict(reg({ website: 'other.myshopify.com' }))).toBeNull();
    expect(index.findConflict(reg({ website: 'www.acme.github.io/about' }))?.detail).toBe('acme.github.io');
  });

  test('company names: equal after normalisation, or similar enough', () => {
    const acme = lead({ company: 'Acme Corp' });
    const northwind = lead({ company: 'Northwind Traders' });
    const index = new ConflictIndex([acme, northwind]);
    expect(index.findConflict(reg({ company: 'ACME Corporation, Inc.' }))).toEqual({ lead: acme, basis: 'company-name', detail: 'Acme Corp', similarity: 1 });
    const fuzzy = index.findConflict(reg({ company: 'Northwind Trader LLC' }));
    expect(fuzzy).toMatchObject({ lead: northwind, basis: 'company-name', detail: 'Northwind Traders' });
    expect(fuzzy?.similarity).toBeCloseTo(1 - 1 / 17, 10);
    expect(index.findConflict(reg({ company: 'Acme Analytics' }))).toBeNull();
    expect(new ConflictIndex([lead({ company: 'Initech' })]).findConflict(reg({ company: 'Initrode' }))).toBeNull();
  });

  test('the earliest registration wins, whatever the order of the leads', () => {
    const later = lead({ domain: 'acme.com', registeredAt: '2026-03-02T00:00:00Z' });
    const earlier = lead({ domain: 'acme.com', registeredAt: '2026-03-01T00:00:00Z' });
    const latest = lead({ domain: 'acme.com', registeredAt: '2026-04-01T00:00:00Z' });
    for (const order of [
      [later, earlier, latest],
      [earlier, latest, later],
      [latest, later, earlier],
    ]) {
      expect(new ConflictIndex(order).findConflict(reg({ website: 'acme.com' }))?.lead).toBe(earlier);
    }
  });

  test('the earliest registration wins across bases, reported on its own basis', () => {
    const nameOnly = lead({ company: 'Acme Corporation', domain: 'acme-group.com', registeredAt: '2026-01-01T00:00:00Z' });
    const emailOnly = lead({ company: 'Zeta', contactEmail: 'ann@acme.com', domain: 'zeta.com', registeredAt: '2026-02-01T00:00:00Z' });
    const domainOnly = lead({ company: 'Omega', domain: 'acme.com', registeredAt: '2026-03-01T00:00:00Z' });
    const candidate = reg({ company: 'Acme Inc', website: 'acme.com', contactEmail: 'bob@acme.com' });
    expect(new ConflictIndex([domainOnly, emailOnly, nameOnly]).findConflict(candidate)).toEqual({ lead: nameOnly, basis: 'company-name', detail: 'Acme Corporation', similarity: 1 });
    expect(new ConflictIndex([domainOnly, emailOnly]).findConflict(candidate)).toEqual({ lead: emailOnly, basis: 'email-domain', detail: 'acme.com' });
    // A fuzzy name match registered earlier also wins over a later exact one.
    const fuzzyEarly = lead({ company: 'Northwind Trader', registeredAt: '2025-12-01T00:00:00Z' });
    const exactLate = lead({ company: 'Northwind Traders', registeredAt: '2026-01-01T00:00:00Z' });
    expect(new ConflictIndex([exactLate, fuzzyEarly]).findConflict(reg({ company: 'Northwind Traders' }))?.lead).toBe(fuzzyEarly);
  });

  test('one lead colliding on several bases is reported on the strongest: domain > email-domain > company-name', () => {
    const acme = lead({ company: 'Acme', domain: 'acme.com', contactEmail: 'ann@acme.com' });
    const index = new ConflictIndex([acme]);
    expect(index.findConflict(reg({ company: 'Acme', website: 'acme.com', contactEmail: 'bob@acme.com' }))?.basis).toBe('domain');
    expect(index.findConflict(reg({ company: 'Acme', website: 'other.com', contactEmail: 'bob@acme.com' }))?.basis).toBe('email-domain');
    expect(index.findConflict(reg({ company: 'Acme', website: 'other.com', contactEmail: 'bob@gmail.com' }))?.basis).toBe('company-name');
  });

  test('equal timestamps: the lower ID wins (numerically, however many digits)', () => {
    const at = '2026-03-01T10:00:00Z';
    const a = lead({ id: 'L-000010', domain: 'acme.com', registeredAt: at });
    const b = lead({ id: 'L-000009', domain: 'acme.com', registeredAt: at });
    expect(new ConflictIndex([a, b]).findConflict(reg({ website: 'acme.com' }))?.lead).toBe(b);
    const big = lead({ id: 'L-1000000', domain: 'acme.com', registeredAt: at });
    const small = lead({ id: 'L-999999', domain: 'acme.com', registeredAt: at });
    expect(new ConflictIndex([big, small]).findConflict(reg({ website: 'acme.com' }))?.lead).toBe(small);
  });

  test('a lead with an invalid registration time never beats a dated one', () => {
    const undated = lead({ domain: 'acme.com', registeredAt: new Date(NaN) });
    const dated = lead({ domain: 'acme.com', registeredAt: '2030-01-01T00:00:00Z' });
    expect(new ConflictIndex([undated, dated]).findConflict(reg({ website: 'acme.com' }))?.lead).toBe(dated);
    expect(new ConflictIndex([undated]).findConflict(reg({ website: 'acme.com' }))?.lead).toBe(undated);
  });

  test('100,000 leads: a match on the last lead is found', () => {
    // Deterministic pseudo-random company names from syllables, so the fuzzy search has real work.
    let seed = 42;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const syllables = ['ka', 'lo', 'mer', 'vin', 'tra', 'sol', 'dex', 'ri', 'on', 'bel', 'gor', 'qui', 'zan', 'pe', 'tus', 'ly'];
    const word = (): string => {
      let w = '';
      for (let k = 2 + random(3); k > 0; k--) w += syllables[random(syllables.length)];
      return w;
    };
    const suffixes = ['Inc', 'Ltd', 'GmbH', 'LLC', 'S.A.', ''];
    const leads: MatchableLead[] = [];
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 100000; i++) {
      const n = String(i).padStart(6, '0');
      leads.push({
        id: `L-${n}`,
        partnerId: `P-${String(i % 500).padStart(4, '0')}`,
        partnerName: `Partner ${i % 500}`,
        registeredAt: new Date(start + i * 60000),
        company: `${word()} ${word()} ${suffixes[i % suffixes.length]}`,
        domain: i % 3 === 0 ? '' : `c${n}-example.co.uk`,
        contactEmail: i % 4 === 0 ? `p${n}@gmail.com` : `buyer@c${n}-example.co.uk`,
      });
    }
    const last = leads[leads.length - 1];
    last.company = 'Xylophonic Quantum Fabrication Partners Ltd';
    last.domain = 'xylophonic.com.au';
    last.contactEmail = 'ceo@mail.xylophonic-group.com';

    const index = new ConflictIndex(leads);
    expect(index.findConflict(reg({ website: 'https://www.Xylophonic.com.au/en' }))).toEqual({ lead: last, basis: 'domain', detail: 'xylophonic.com.au' });
    expect(index.findConflict(reg({ contactEmail: 'Jo@xylophonic-group.com' }))).toEqual({ lead: last, basis: 'email-domain', detail: 'xylophonic-group.com' });
    const byName = index.findConflict(reg({ company: 'Xylophonic Quantum Fabrication Partner Inc.', contactEmail: 'jo@gmail.com' }));
    expect(byName).toMatchObject({ lead: last, basis: 'company-name', detail: 'Xylophonic Quantum Fabrication Partners Ltd' });
    expect(byName?.similarity).toBeGreaterThanOrEqual(COMPANY_SIMILARITY_THRESHOLD);
    expect(byName?.similarity).toBeLessThan(1);
    // An ordinary lead in the middle, by its email domain (its stored domain is blank).
    expect(index.findConflict(reg({ website: 'c050001-example.co.uk' }))?.lead).toBe(leads[50001]);
    expect(index.findConflict(reg({ company: 'Nothing Like Any Other', contactEmail: 'x@gmail.com' }))).toBeNull();
  });
});

describe('describeConflict', () => {
  const base = lead({ id: 'L-000123', partnerName: 'Partner X', company: 'Acme Corporation', registeredAt: '2026-03-01T12:00:00Z' });

  test.each<[Conflict, string]>([
    [{ lead: base, basis: 'domain', detail: 'acme.co.uk' }, 'same domain acme.co.uk as L-000123, registered by Partner X on 2026-03-01'],
    [{ lead: base, basis: 'email-domain', detail: 'acme.co.uk' }, 'same email domain acme.co.uk as L-000123, registered by Partner X on 2026-03-01'],
    [{ lead: base, basis: 'company-name', detail: 'Acme Corporation', similarity: 0.93 }, 'similar company name "Acme Corporation" (93% similar) as L-000123, registered by Partner X on 2026-03-01'],
    [
      { lead: base, basis: 'company-name', detail: 'Acme Corporation', similarity: 1 - 1 / 17 },
      'similar company name "Acme Corporation" (94% similar) as L-000123, registered by Partner X on 2026-03-01',
    ],
    [{ lead: base, basis: 'company-name', detail: 'Acme Corporation', similarity: 0.999 }, 'similar company name "Acme Corporation" (99% similar) as L-000123, registered by Partner X on 2026-03-01'],
    [{ lead: base, basis: 'company-name', detail: 'Acme Corporation', similarity: 1 }, 'same company name "Acme Corporation" as L-000123, registered by Partner X on 2026-03-01'],
  ])('%#', (conflict, expected) => {
    expect(describeConflict(conflict)).toBe(expected);
  });

  test('the date is the UTC calendar date', () => {
    const lateEvening = { ...base, registeredAt: new Date('2026-03-01T23:30:00-05:00') };
    expect(describeConflict({ lead: lateEvening, basis: 'domain', detail: 'acme.com' })).toBe('same domain acme.com as L-000123, registered by Partner X on 2026-03-02');
  });

  test('a partner without a name is named by ID', () => {
    const noName = { ...base, partnerName: '', partnerId: 'P-0042' };
    expect(describeConflict({ lead: noName, basis: 'domain', detail: 'acme.com' })).toBe('same domain acme.com as L-000123, registered by P-0042 on 2026-03-01');
  });

  test('end to end: the index and the description agree', () => {
    const index = new ConflictIndex([base]);
    const conflict = index.findConflict(reg({ company: 'ACME Corporation, Inc.' }));
    expect(conflict && describeConflict(conflict)).toBe('same company name "Acme Corporation" as L-000123, registered by Partner X on 2026-03-01');
  });
});

describe('look-alikes, invisible characters and spaced letters do not dodge conflict matching', () => {
  const acme = () => lead({ company: 'Acme', domain: 'acme.com', contactEmail: 'ann@acme.com' });
  const byName = (company: string) => new ConflictIndex([lead({ company: 'Acme' })]).findConflict(reg({ company }));

  test('Cyrillic "Асmе" (Cyrillic А, с, е) collides with "Acme"; so do Greek, all-Cyrillic and fullwidth spellings', () => {
    const cyrillic = '\u0410\u0441m\u0435';
    expect(cyrillic).not.toBe('Acme');
    expect(normaliseCompanyName(cyrillic)).toBe('acme');
    expect(byName(cyrillic)).toMatchObject({ basis: 'company-name', detail: 'Acme', similarity: 1 });
    for (const spelling of ['\u0391cme', '\u0410\u0421\u041c\u0415', '\uff21\uff43\uff4d\uff45', '\u0410\u0441me Corp.']) {
      expect([spelling, byName(spelling)?.basis]).toEqual([spelling, 'company-name']);
    }
    // Capitals whose lower case is no look-alike fold by the capital: Cyrillic Н is H.
    expect(normaliseCompanyName('\u041dooli')).toBe('hooli');
    // Case never matters: two spellings that differ only in case fold alike.
    expect(normaliseCompanyName('\u039d\u0399\u039a\u0397')).toBe(normaliseCompanyName('\u039d\u03b9\u03ba\u03b7'));
  });

  test('a longer look-alike name matches through the similarity threshold as well', () => {
    const index = new ConflictIndex([lead({ company: 'Northwind Traders' })]);
    expect(index.findConflict(reg({ company: 'N\u043erthwind Trad\u0435rs Ltd' }))).toMatchObject({ basis: 'company-name', similarity: 1 });
  });

  test('a right-to-left override, zero-width characters or a soft hyphen in the name are ignored', () => {
    for (const spelling of ['Ac\u200bme', '\u202eAcme', 'A\u200dc\u2060m\ufeffe', 'Ac\u00adme', 'Ac\u0000me', '\u2066Acme\u2069']) {
      expect([JSON.stringify(spelling), normaliseCompanyName(spelling)]).toEqual([JSON.stringify(spelling), 'acme']);
      expect(byName(spelling)?.basis).toBe('company-name');
    }
  });

  test('"A c m e" collides with "Acme": letters typed with spaces between them are one word', () => {
    expect(normaliseCompanyName('A c m e')).toBe('acme');
    expect(byName('A c m e')).toMatchObject({ basis: 'company-name', similarity: 1 });
    for (const spelling of ['A  c  m  e Inc', 'A-c-m-e', 'a_c_m_e', 'A. c. m. e.']) expect([spelling, byName(spelling)?.basis]).toEqual([spelling, 'company-name']);
    expect(normaliseCompanyName('I B M')).toBe(normaliseCompanyName('IBM'));
    expect(normaliseCompanyName('A B Consulting')).toBe(normaliseCompanyName('AB Consulting'));
    expect(normaliseCompanyName('Q 8 Oils')).toBe('q8 oils');
    expect(normaliseCompanyName('Volvo A B')).toBe('volvo');
  });

  test('but only single letters are joined: "AB Consulting" and "Abc Onsulting" stay apart', () => {
    expect(normaliseCompanyName('AB Consulting')).toBe('ab consulting');
    expect(normaliseCompanyName('Abc Onsulting')).toBe('abc onsulting');
    const index = new ConflictIndex([lead({ company: 'AB Consulting' })]);
    expect(index.findConflict(reg({ company: 'Abc Onsulting' }))).toBeNull();
    // A lone letter stays a word of its own.
    expect(normaliseCompanyName('A Plus Tutors')).toBe('a plus tutors');
    expect(normaliseCompanyName('Plan B Events')).toBe('plan b events');
    expect(normaliseCompanyName('B & Q')).toBe('b and q');
  });

  test('Latin spellings are not folded into each other (TR39 would make m and rn the same)', () => {
    expect(new ConflictIndex([lead({ company: 'Modern Systems' })]).findConflict(reg({ company: 'Modem Systems' }))).toBeNull();
    expect(normaliseCompanyName('Initech 1')).not.toBe(normaliseCompanyName('Initech l'));
  });

  test('a Cyrillic look-alike domain collides with the Latin one, and says what it looks like', () => {
    const lead1 = acme();
    const conflict = new ConflictIndex([lead1]).findConflict(reg({ company: 'Other', website: 'https://www.\u0430cme.com' }));
    expect(conflict).toEqual({ lead: lead1, basis: 'domain', detail: '\u0430cme.com (looks like acme.com)' });
    expect(describeConflict(conflict as Conflict)).toMatch(/^same domain \u0430cme\.com \(looks like acme\.com\) as L-/);
    // The email side, and a stored look-alike domain, alike.
    expect(new ConflictIndex([lead1]).findConflict(reg({ contactEmail: 'bob@\u0430cm\u0435.com' }))).toMatchObject({ basis: 'email-domain', detail: '\u0430cm\u0435.com (looks like acme.com)' });
    const stored = lead({ domain: '\u0430cme.com', contactEmail: 'ann@\u0430cme.com' });
    expect(new ConflictIndex([stored]).findConflict(reg({ website: 'acme.com' }))).toEqual({ lead: stored, basis: 'domain', detail: 'acme.com' });
  });

  test('a look-alike free-mail domain is still free mail', () => {
    const index = new ConflictIndex([lead({ company: 'Globex', contactEmail: 'hank@gm\u0430il.com' })]);
    expect(index.findConflict(reg({ company: 'Initech', contactEmail: 'bill@gmail.com' }))).toBeNull();
    expect(index.findConflict(reg({ company: 'Initech', website: 'gm\u0430il.com' }))).toBeNull();
  });

  test('invisible characters and spaces in a website are ignored; two addresses in one field are still no domain', () => {
    expect(registrableDomain('ac\u200bme.com')).toBe('acme.com');
    expect(registrableDomain('\u202eacme.com')).toBe('acme.com');
    expect(registrableDomain('a\u2009c\u2009m\u2009e.com')).toBe('acme.com');
    expect(registrableDomain('a\u3000c\u3000m\u3000e\u3002com')).toBe('acme.com');
    expect(registrableDomain('acme .com')).toBe('acme.com');
    expect(registrableDomain('acme.com other.com')).toBeNull();
    expect(emailDomain('ann@ac\u200bme.com')).toBe('acme.com');
    // Shown as typed: the Leads tab's Company Domain is the domain the partner gave.
    expect(registrableDomain('\u0430cme.com')).toBe('\u0430cme.com');
    expect(new ConflictIndex([acme()]).findConflict(reg({ website: 'a\u2009c\u2009m\u2009e.com' }))?.basis).toBe('domain');
  });
});
