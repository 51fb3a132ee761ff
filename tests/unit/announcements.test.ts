import { AnnouncementDraft, Segment, announcementEmail, announcementProblems, daysBefore, describeSegment, matchSegment, paragraphsOf } from '../../src/domain/announcements';
import { Partner } from '../../src/domain/partner';

/** Announcements' pure rules: which partners a segment matches (each filter, the activity boundaries), the email, the draft's limits. */
const partner = (id: string, extra: Partial<Partner> = {}): Partner => ({
  id,
  name: `Partner ${id}`,
  code: id,
  contactName: '',
  contactEmail: `${id.toLowerCase()}@p.example`,
  type: 'Reseller',
  tier: 'Gold',
  region: 'EMEA',
  productFocus: '',
  status: 'Active',
  joinedOn: '2025-01-01',
  notes: '',
  ...extra,
});

const ANY: Segment = { tiers: [], regions: [], types: [], products: [], activity: 'all', days: 90 };
const NOW = new Date('2026-06-01T12:00:00Z');
const clock = { now: NOW, today: '2026-06-01' };
const DAY = 24 * 60 * 60 * 1000;
const ids = (partners: Partner[], segment: Partial<Segment>, leads = new Map<string, Date>()) => matchSegment(partners, leads, { ...ANY, ...segment }, clock).partners.map((p) => p.id);

describe('matching a segment', () => {
  const partners = [
    partner('P1', { tier: 'Gold', region: 'EMEA', type: 'Reseller', productFocus: 'Core Platform, Analytics Add-on' }),
    partner('P2', { tier: 'Silver', region: 'APAC', type: 'Referral', productFocus: 'Analytics Add-on' }),
    partner('P3', { tier: 'Platinum', region: 'emea ', type: 'Affiliate', productFocus: '' }),
  ];

  test('no filter: every Active partner', () => {
    expect(ids(partners, {})).toEqual(['P1', 'P2', 'P3']);
  });

  test('each filter, one or several values, case-insensitive', () => {
    expect(ids(partners, { tiers: ['Gold'] })).toEqual(['P1']);
    expect(ids(partners, { tiers: ['gold', 'Platinum'] })).toEqual(['P1', 'P3']);
    expect(ids(partners, { regions: ['EMEA'] })).toEqual(['P1', 'P3']);
    expect(ids(partners, { types: ['Referral', 'Affiliate'] })).toEqual(['P2', 'P3']);
    expect(ids(partners, { products: ['Analytics Add-on'] })).toEqual(['P1', 'P2']);
    expect(ids(partners, { products: ['core platform'] })).toEqual(['P1']);
    expect(ids(partners, { tiers: ['Gold'], regions: ['APAC'] })).toEqual([]);
  });

  test('partners whose Status is not Active are never included, and are counted', () => {
    const list = [partner('A'), partner('B', { status: 'Paused' }), partner('C', { status: 'Terminated' }), partner('D', { status: '' })];
    const match = matchSegment(list, new Map(), ANY, clock);
    expect(match.partners.map((p) => p.id)).toEqual(['A']);
    expect(match.inactive).toBe(3);
  });

  test('active and dormant: a lead exactly N days ago is within the last N days', () => {
    const list = [partner('EXACT'), partner('OLDER'), partner('RECENT'), partner('NEVER')];
    const leads = new Map([
      ['EXACT', new Date(NOW.getTime() - 90 * DAY)],
      ['OLDER', new Date(NOW.getTime() - 90 * DAY - 1000)],
      ['RECENT', new Date(NOW.getTime() - DAY)],
    ]);
    expect(ids(list, { activity: 'active', days: 90 }, leads)).toEqual(['EXACT', 'RECENT']);
    expect(ids(list, { activity: 'dormant', days: 90 }, leads)).toEqual(['OLDER', 'NEVER']);
    expect(ids(list, { activity: 'active', days: 1 }, leads)).toEqual(['RECENT']);
  });

  test('new: joined exactly N days ago counts; no Joined date is not new', () => {
    const list = [partner('EXACT', { joinedOn: '2026-03-03' }), partner('BEFORE', { joinedOn: '2026-03-02' }), partner('TODAY', { joinedOn: '2026-06-01' }), partner('BLANK', { joinedOn: '' })];
    expect(daysBefore('2026-06-01', 90)).toBe('2026-03-03');
    expect(ids(list, { activity: 'new', days: 90 })).toEqual(['EXACT', 'TODAY']);
  });

  test('the segment in words', () => {
    expect(describeSegment(ANY)).toBe('All Active partners');
    expect(describeSegment({ ...ANY, tiers: ['Gold', 'Platinum'], activity: 'dormant', days: 60 })).toBe('Active partners: tier Gold or Platinum · dormant (no lead in the last 60 days)');
  });
});

describe('the email', () => {
  test('paragraphs, line breaks, the partner greeted by name, every value escaped', () => {
    const email = announcementEmail({
      programme: 'Acme <Programme>',
      subject: '  Prices & terms ',
      body: 'First line\nsecond <b>line</b>\n\n\nNext "paragraph"',
      partner: { name: 'Bolt & Co', contactName: '', partnerSheet: 'https://docs.google.com/spreadsheets/d/abc' },
    });
    expect(email.subject).toBe('Prices & terms');
    expect(email.body).toBe(
      'Hello Bolt & Co,\n\nFirst line\nsecond <b>line</b>\n\nNext "paragraph"\n\nYour partner sheet (your leads, commissions and payouts): https://docs.google.com/spreadsheets/d/abc\n\n— Acme <Programme>',
    );
    expect(email.htmlBody).toContain('<p>Hello Bolt &amp; Co,</p>');
    expect(email.htmlBody).toContain('<p>First line<br>second &lt;b&gt;line&lt;/b&gt;</p><p>Next &quot;paragraph&quot;</p>');
    expect(email.htmlBody).toContain('Acme &lt;Programme&gt;');
    expect(email.htmlBody).not.toMatch(/<b>|<Programme>/);
  });

  test('no partner sheet line without an https link', () => {
    const email = announcementEmail({ programme: 'P', subject: 's', body: 'b', partner: { name: 'X', contactName: 'Xena', partnerSheet: 'javascript:alert(1)' } });
    expect(email.body).toBe('Hello Xena,\n\nb\n\n— P');
    expect(email.htmlBody).not.toContain('javascript');
  });

  test('paragraphsOf ignores blank paragraphs and Windows line ends', () => {
    expect(paragraphsOf('a\r\nb\r\n\r\n  \r\n\r\nc')).toEqual([['a', 'b'], ['c']]);
  });
});

describe('the draft', () => {
  const draft = (extra: Partial<AnnouncementDraft> = {}, segment: Partial<Segment> = {}): AnnouncementDraft => ({ subject: 'Hi', body: 'Text', ...extra, segment: { ...ANY, ...segment } });
  test('subject and message are required and bounded; days only matter for an activity', () => {
    expect(announcementProblems(draft())).toEqual({});
    expect(announcementProblems(draft({ subject: ' ', body: '' }))).toEqual({ subject: 'A subject is required.', body: 'A message is required.' });
    expect(announcementProblems(draft({ subject: 'x'.repeat(151) })).subject).toContain('at most 150');
    expect(announcementProblems(draft({ subject: 'a\nb' })).subject).toContain('one line');
    expect(announcementProblems(draft({ body: 'x'.repeat(5001) })).body).toContain('at most 5000');
    expect(announcementProblems(draft({}, { activity: 'all', days: 0 }))).toEqual({});
    expect(announcementProblems(draft({}, { activity: 'active', days: 0 })).days).toContain('whole number');
    expect(announcementProblems(draft({}, { activity: 'dormant', days: 1.5 })).days).toContain('whole number');
  });
});
