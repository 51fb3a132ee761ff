import { makeWorld } from './context-for-tests';

const hex = (bytes: number[]) => bytes.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');

describe('Utilities.formatDate (SimpleDateFormat)', () => {
  const { g } = makeWorld();
  const d = new Date('2024-07-04T15:05:09.007Z');
  const f = (date: Date, tz: string, p: string) => g.Utilities.formatDate(date as unknown as GoogleAppsScript.Base.Date, tz, p);

  test.each([
    ['yyyy-MM-dd HH:mm:ss.SSS', '2024-07-04 11:05:09.007'],
    ["yyyy-MM-dd'T'HH:mm:ssXXX", '2024-07-04T11:05:09-04:00'],
    ['EEE, d MMM yyyy h:mm a z', 'Thu, 4 Jul 2024 11:05 AM EDT'],
    ['EEEE MMMM', 'Thursday July'],
    ['Z|X|XX|XXX', '-0400|-04|-0400|-04:00'],
    ['yy y yyyyy', '24 2024 02024'],
    ['M MM d dd H HH', '7 07 4 04 11 11'],
    ['u D w W F', '4 186 27 1 1'],
    ["h 'o''clock' ''", "11 o'clock '"],
    ['S SS SSSS', '7 07 0007'],
    ['G', 'AD'],
  ])('New York %s', (pattern, expected) => {
    expect(f(d, 'America/New_York', pattern)).toBe(expected);
  });

  test('other zones: UTC, fixed GMT offsets, half-hour zones, unknown zone falls back to GMT', () => {
    expect(f(d, 'Etc/UTC', 'HH:mm z')).toBe('15:05 UTC');
    expect(f(d, 'Etc/UTC', 'zzzz')).toBe('Coordinated Universal Time');
    expect(f(d, 'GMT+2', 'HH:mm Z z')).toBe('17:05 +0200 GMT+02:00');
    expect(f(d, 'GMT-03:30', 'HH:mm XXX')).toBe('11:35 -03:30');
    expect(f(d, 'Asia/Kolkata', 'HH:mm Z')).toBe('20:35 +0530');
    expect(f(d, 'Not/AZone', 'HH:mm z')).toBe('15:05 GMT');
    expect(f(d, 'Etc/UTC', 'X')).toBe('Z');
  });

  test('DST transitions (Europe/Paris, 31 March 2024)', () => {
    expect(f(new Date('2024-03-31T00:30:00Z'), 'Europe/Paris', 'HH:mm Z z')).toBe('01:30 +0100 CET');
    expect(f(new Date('2024-03-31T01:30:00Z'), 'Europe/Paris', 'HH:mm Z z')).toBe('03:30 +0200 CEST');
    // 1:30 happens twice on 3 November 2024 in New York: first EDT, then EST.
    expect(f(new Date('2024-11-03T05:30:00Z'), 'America/New_York', 'h:mm a z')).toBe('1:30 AM EDT');
    expect(f(new Date('2024-11-03T06:30:00Z'), 'America/New_York', 'h:mm a z')).toBe('1:30 AM EST');
  });

  test('12/24-hour fields at midnight', () => {
    const midnight = new Date('2024-01-01T00:15:00Z');
    expect(f(midnight, 'Etc/UTC', 'h K k H a')).toBe('12 0 24 0 AM');
  });

  test('US week-year rolls over in the last days of December', () => {
    expect(f(new Date('2024-12-30T12:00:00Z'), 'Etc/UTC', 'YYYY w yyyy')).toBe('2025 1 2024');
  });

  test('illegal letters and bad dates throw', () => {
    expect(() => f(d, 'Etc/UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
    expect(() => f(new Date(NaN), 'Etc/UTC', 'yyyy')).toThrow('Invalid argument: date');
  });
});

describe('Utilities crypto and encoding', () => {
  const { g } = makeWorld();

  test('computeDigest SHA-256("abc") as signed bytes', () => {
    const bytes = g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.SHA_256, 'abc');
    expect(bytes).toEqual([-70, 120, 22, -65, -113, 1, -49, -22, 65, 65, 64, -34, 93, -82, 34, 35, -80, 3, 97, -93, -106, 23, 122, -100, -76, 16, -1, 97, -14, 0, 21, -83]);
    expect(bytes.every((b) => b >= -128 && b <= 127)).toBe(true);
  });

  test('other digests and byte-array input', () => {
    expect(hex(g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.MD5, ''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex(g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.SHA_1, 'abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.SHA_384, 'abc')).toHaveLength(48);
    expect(g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.SHA_512, 'abc')).toHaveLength(64);
    expect(g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.SHA_256, [97, 98, 99] as unknown as string)).toEqual(g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.SHA_256, 'abc'));
    expect(hex(g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.SHA_256, 'é', g.Utilities.Charset.UTF_8))).toBe(
      hex(g.Utilities.computeDigest(g.Utilities.DigestAlgorithm.SHA_256, [0xc3 - 256, 0xa9 - 256] as unknown as string)),
    );
  });

  test('computeHmacSha256Signature (RFC vector)', () => {
    expect(hex(g.Utilities.computeHmacSha256Signature('The quick brown fox jumps over the lazy dog', 'key'))).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  test('base64 and web-safe base64', () => {
    expect(g.Utilities.base64Encode('héllo?>')).toBe(Buffer.from('héllo?>').toString('base64'));
    expect(g.Utilities.base64EncodeWebSafe([251, 255] as unknown as string)).toBe('-_8=');
    expect(g.Utilities.base64Encode([-5, -1] as unknown as string)).toBe('+/8=');
    expect(g.Utilities.base64Decode('+/8=')).toEqual([-5, -1]);
    expect(g.Utilities.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
    expect(g.Utilities.newBlob(g.Utilities.base64Decode(g.Utilities.base64Encode('round trip'))).getDataAsString()).toBe('round trip');
    expect(() => g.Utilities.base64Decode('not base64!')).toThrow('Could not decode string.');
  });

  test('getUuid is a v4 UUID', () => {
    expect(g.Utilities.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('Utilities blobs, sleep, formatString, parseCsv', () => {
  test('newBlob', () => {
    const { g } = makeWorld();
    const b = g.Utilities.newBlob('héllo', 'text/plain', 'a.txt');
    expect(b.getDataAsString()).toBe('héllo');
    expect(b.getBytes()).toEqual([104, -61, -87, 108, 108, 111]);
    expect(b.getContentType()).toBe('text/plain');
    expect(b.getName()).toBe('a.txt');
    expect(b.setName('b.txt').getName()).toBe('b.txt');
    const bytes = g.Utilities.newBlob([65, 66] as unknown as string);
    expect(bytes.getDataAsString()).toBe('AB');
    expect(bytes.getContentType()).toBeNull();
  });

  test('sleep advances the virtual clock, capped at 5 minutes', () => {
    const w = makeWorld();
    const t0 = w.clock.nowMs();
    w.g.Utilities.sleep(1500);
    expect(w.clock.nowMs() - t0).toBe(1500);
    expect(() => w.g.Utilities.sleep(300001)).toThrow('Argument too large: milliseconds');
  });

  test('formatString follows Java format', () => {
    const { g } = makeWorld();
    expect(g.Utilities.formatString('%s has %d items (%.2f%%)', 'Acme', 3, 12.3456)).toBe('Acme has 3 items (12.35%)');
    expect(g.Utilities.formatString('%05d|%-4s|%x', 42, 'ab', 255)).toBe('00042|ab  |ff');
  });

  test('parseCsv', () => {
    const { g } = makeWorld();
    expect(g.Utilities.parseCsv('a,"b,c"\n"d ""q""",e')).toEqual([
      ['a', 'b,c'],
      ['d "q"', 'e'],
    ]);
    expect(g.Utilities.parseCsv('a;b', ';')).toEqual([['a', 'b']]);
  });

  test('works in every AuthMode, including NONE', () => {
    const w = makeWorld();
    expect(w.run(() => w.g.Utilities.formatDate(new Date(0) as unknown as GoogleAppsScript.Base.Date, 'Etc/UTC', 'yyyy'), { authMode: 'NONE' })).toBe('1970');
  });

  test('enums print as their names and are shared objects', () => {
    const { g } = makeWorld();
    expect(String(g.Utilities.DigestAlgorithm.SHA_256)).toBe('SHA_256');
    expect(g.Utilities.DigestAlgorithm.SHA_256).toBe(g.Utilities.DigestAlgorithm.SHA_256);
    expect((g.Utilities.DigestAlgorithm as unknown as Record<string, unknown>).NOPE).toBeUndefined();
  });

  test('unimplemented Utilities members throw', () => {
    const { g } = makeWorld();
    expect(() => g.Utilities.zip([])).toThrow('not implemented in emulator: Utilities.zip');
  });
});
