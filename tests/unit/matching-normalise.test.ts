import { COMPANY_SIMILARITY_THRESHOLD, companySimilarity, emailDomain, isFreeMailDomain, normaliseCompanyName, registrableDomain } from '../../src/domain/matching';

describe('registrableDomain', () => {
  test.each<[string, string | null]>([
    ['https://www.Acme.co.uk/path?q', 'acme.co.uk'],
    ['https://www.Acme.co.uk/path?q=1#top', 'acme.co.uk'],
    ['sub.acme.com', 'acme.com'],
    ['a.b.c.acme.com', 'acme.com'],
    ['ACME.COM:8080', 'acme.com'],
    ['http://user:pw@acme.com:8080/a#b', 'acme.com'],
    ['HTTPS://WWW.ACME.COM', 'acme.com'],
    ['www.acme.com', 'acme.com'],
    ['acme.com/contact', 'acme.com'],
    ['//acme.com/x', 'acme.com'],
    ['  acme.com  ', 'acme.com'],
    ['ftp://files.acme.de', 'acme.de'],
    ['acme.com.au', 'acme.com.au'],
    ['www.shop.acme.com.au', 'acme.com.au'],
    ['acme.co.jp', 'acme.co.jp'],
    // Private suffixes: a company on a platform's domain is its own registrable domain.
    ['foo.blogspot.com', 'foo.blogspot.com'],
    ['https://acme.github.io/docs', 'acme.github.io'],
    ['www.acme.myshopify.com', 'acme.myshopify.com'],
    ['github.io', null],
    ['github.com', 'github.com'],
    // Nothing registrable
    ['', null],
    ['   ', null],
    ['not a domain', null],
    ['Acme Inc.', null],
    ['acme', null],
    ['localhost', null],
    ['co.uk', null],
    ['com', null],
    ['192.168.0.1', null],
    ['10.0.0.1:8080', null],
    ['http://[::1]:80/', null],
    ['2001:db8::1', null],
    ['a..b.com', null],
    ['-acme.com', null],
    // Odd but recoverable input
    ['mailto:bob@acme.com', 'acme.com'],
    ['acme.com.', 'acme.com'],
    ['https://acme.com./x', 'acme.com'],
    ['ａｃｍｅ.com', 'acme.com'],
    ['acme。com', 'acme.com'],
    // Internationalised domains are kept as typed (lower-cased), Unicode or punycode.
    ['www.MÜNCHEN.de', 'münchen.de'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
  ])('%j → %j', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });
});

describe('emailDomain', () => {
  test.each<[string, string | null]>([
    ['John@Sales.Acme.co.uk', 'acme.co.uk'],
    ['ann@acme.com', 'acme.com'],
    ['  ann@ACME.com ', 'acme.com'],
    ['mailto:ann@acme.com', 'acme.com'],
    ['Ann Lee <ann@mail.acme.de>', 'acme.de'],
    ['ann@acme.com.', 'acme.com'],
    ['"odd@local"@acme.com', 'acme.com'],
    ['ann@gmail.com', 'gmail.com'],
    ['ann@acme.github.io', 'acme.github.io'],
    ['ann@münchen.de', 'münchen.de'],
    ['', null],
    ['ann', null],
    ['ann@', null],
    ['@acme.com', null],
    ['ann@acme', null],
    ['ann@co.uk', null],
    ['ann lee@acme.com', null],
    ['ann@acme..com', null],
    ['ann@-acme.com', null],
    ['ann@acme.com/x', null],
    ['ann@1.2.3.4', null],
    ['ann@[1.2.3.4]', null],
  ])('%j → %j', (input, expected) => {
    expect(emailDomain(input)).toBe(expected);
  });
});

describe('isFreeMailDomain', () => {
  test.each<[string, boolean]>([
    ['gmail.com', true],
    ['GMAIL.COM', true],
    ['googlemail.com', true],
    ['outlook.com', true],
    ['hotmail.co.uk', true],
    ['hotmail.fr', true],
    ['live.com.au', true],
    ['yahoo.com', true],
    ['yahoo.co.jp', true],
    ['mail.yahoo.com', true],
    ['ymail.com', true],
    ['aol.com', true],
    ['icloud.com', true],
    ['me.com', true],
    ['proton.me', true],
    ['protonmail.com', true],
    ['gmx.de', true],
    ['gmx.es', true],
    ['web.de', true],
    ['mail.ru', true],
    ['yandex.ru', true],
    ['qq.com', true],
    ['163.com', true],
    ['fastmail.com', true],
    ['@gmail.com', true],
    ['acme.com', false],
    ['acme.co.uk', false],
    ['yahoo.github.io', false],
    ['gmail.acme.com', false],
    ['', false],
  ])('%j → %j', (input, expected) => {
    expect(isFreeMailDomain(input)).toBe(expected);
  });
});

describe('normaliseCompanyName', () => {
  test.each<[string, string]>([
    ['Société Générale S.A.', 'societe generale'],
    ['The Acme Company, Inc.', 'acme'],
    ['Acme Corp', 'acme'],
    ['ACME Corporation, Inc.', 'acme'],
    ['Acme, Inc. ', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Acme Ltd.', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme PLC', 'acme'],
    ['Acme Pty Ltd', 'acme'],
    ['Acme Pvt. Ltd.', 'acme'],
    ['Acme Private Limited', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme GmbH & Co. KG', 'acme'],
    ['Acme AG', 'acme'],
    ['Acme SAS', 'acme'],
    ['Acme S.A.R.L.', 'acme'],
    ['Acme B.V.', 'acme'],
    ['Acme N.V.', 'acme'],
    ['Acme S.p.A.', 'acme'],
    ['Acme S.r.l.', 'acme'],
    ['Acme S.L.', 'acme'],
    ['Acme S. A. de C.V.', 'acme'],
    ['Acme Sp. z o.o.', 'acme'],
    ['Acme K.K.', 'acme'],
    ['Acme Oy', 'acme'],
    ['Acme AB (publ)', 'acme'],
    ['Acme A/S', 'acme'],
    ['Acme Sdn. Bhd.', 'acme'],
    ['Acme & Co.', 'acme'],
    ['Johnson & Johnson', 'johnson and johnson'],
    ['Johnson and Johnson', 'johnson and johnson'],
    ['AT&T Inc.', 'at and t'],
    ["McDonald's Corporation", 'mcdonalds'],
    ['L’Oréal S.A.', 'loreal'],
    ['Müller & Söhne GmbH', 'muller and sohne'],
    ['Straße AG', 'strasse'],
    ['Ørsted A/S', 'orsted'],
    ['Hewlett-Packard', 'hewlett packard'],
    ['A.G. Barr p.l.c.', 'ag barr'],
    ['A.G.Barr', 'ag barr'],
    ['3.5 Labs', '35 labs'],
    ['  Acme    Widgets  ', 'acme widgets'],
    ['ＡＣＭＥ', 'acme'],
    // Look-alike letters fold even in an all-Cyrillic name (the key is only compared, never
    // shown), so an all-Cyrillic "АСМЕ" is ACME; two Cyrillic names still compare alike.
    ['Яндекс', 'яhдekc'],
    // Never stripped to nothing; "the" only when something follows.
    ['The Limited', 'limited'],
    ['Inc.', 'inc'],
    ['The', 'the'],
    ['Theranos Inc', 'theranos'],
    // Blank
    ['', ''],
    ['   ', ''],
    [' , . - ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseCompanyName(input)).toBe(expected);
  });
});

test('plain-ASCII names take a fast path that normalises exactly like the general one', () => {
  // A trailing combining accent forces the general (Unicode) path and is itself removed.
  let seed = 7;
  const alphabet = "aAbBsS zZ0 1..//&&++''--,,()  ";
  const differing: string[] = [];
  for (let n = 0; n < 5000; n++) {
    let name = '';
    for (let k = 0; k < 1 + (n % 17); k++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      name += alphabet[(seed >>> 8) % alphabet.length];
    }
    if (normaliseCompanyName(`${name}\u0301`) !== normaliseCompanyName(name)) differing.push(name);
  }
  expect(differing).toEqual([]);
});

describe('companySimilarity and the threshold', () => {
  const similarity = (a: string, b: string): number => companySimilarity(normaliseCompanyName(a), normaliseCompanyName(b));

  test.each<[string, string, boolean]>([
    ['Acme Corp', 'ACME Corporation, Inc.', true],
    ['Globex', 'Globex', true],
    ['Northwind Traders', 'Northwind Trader', true],
    ['Hewlett-Packard', 'HewlettPackard', true],
    ['Contoso Pharmaceuticals', 'Contoso Pharmaceutical Ltd', true],
    ['Acme', 'Acme Analytics', false],
    ['Initech', 'Initrode', false],
    ['Acme Labs', 'Acme Tabs', false],
    ['Globex East', 'Globex West', false],
    ['Umbrella', 'Umbrello', false],
  ])('%j vs %j matches: %j', (a, b, matches) => {
    expect(similarity(a, b) >= COMPANY_SIMILARITY_THRESHOLD).toBe(matches);
  });

  test('range, symmetry and identity', () => {
    expect(companySimilarity('acme', 'acme')).toBe(1);
    expect(companySimilarity('northwind traders', 'northwind trader')).toBeCloseTo(1 - 1 / 17, 10);
    expect(companySimilarity('abc', 'xyz')).toBe(0);
    expect(companySimilarity('initech', 'initrode')).toBe(companySimilarity('initrode', 'initech'));
  });

  test('a blank name is similar to nothing, not even another blank one', () => {
    expect(companySimilarity('', '')).toBe(0);
    expect(companySimilarity('', 'acme')).toBe(0);
  });

  test('the threshold is in the agreed band', () => {
    expect(COMPANY_SIMILARITY_THRESHOLD).toBeGreaterThanOrEqual(0.88);
    expect(COMPANY_SIMILARITY_THRESHOLD).toBeLessThanOrEqual(0.92);
  });
});
