import { OWNER, Tracker, restoredFixture, trackerOnBundle } from '../support/tracker';

/**
 * Announcements through the built add-on: one email per partner (to that partner's contacts
 * only), the segment's partners only, each recorded on the Partner Updates tab; a retried send
 * sends nothing twice; an exhausted quota leaves the rest Queued for a later run; a teammate's
 * announcement is sent by the owner's hourly run; only managers and the partner team may send.
 */
const BOSS = 'boss@example.com';
const TEAMMATE = 'pat@example.com';
const FINANCE = 'fin@example.com';

const fixture = restoredFixture(() => {
  const t = trackerOnBundle({ now: '2026-03-01T15:00:00Z' });
  t.addTeam(BOSS, 'Manager');
  t.addTeam(TEAMMATE, 'Partner team');
  t.addTeam(FINANCE, 'Finance');
  t.setSetting('Payout day', '28');
  // P-000001 Gold EMEA reseller with two contacts and a recent lead; P-000002 Gold APAC referral, no leads, joined long ago;
  // P-000003 Silver EMEA, joined recently; P-000004 Gold EMEA but Paused; P-000005 Gold EMEA with no usable email (set below).
  t.addPartner({
    name: 'Acme Partners',
    code: 'ACME',
    contactName: 'Ann',
    contactEmail: 'ann@acme.example',
    tier: 'Gold',
    region: 'EMEA',
    type: 'Reseller',
    productFocus: 'Core Platform',
    joinedOn: '2025-01-10',
  });
  t.addPartner({ name: 'Bolt Referrals', code: 'BOLT', contactEmail: 'bo@bolt.example', tier: 'Gold', region: 'APAC', type: 'Referral', productFocus: 'Analytics Add-on', joinedOn: '2025-02-01' });
  t.addPartner({ name: 'Cogs Ltd', code: 'COGS', contactEmail: 'cy@cogs.example', tier: 'Silver', region: 'EMEA', type: 'Reseller', joinedOn: '2026-02-20' });
  t.addPartner({ name: 'Dormant Co', code: 'DORM', contactEmail: 'di@dorm.example', tier: 'Gold', region: 'EMEA', type: 'Reseller', status: 'Paused', joinedOn: '2025-01-01' });
  t.addPartner({ name: 'Echo Inc', code: 'ECHO', contactEmail: 'ed@echo.example', tier: 'Gold', region: 'EMEA', type: 'Affiliate', joinedOn: '2025-01-01' });
  t.ok('apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', website: 'initech.co.uk', contactEmail: 'bill@initech.co.uk' });
  // More Contact Emails for Acme; Echo's Contact Email cleared (typed by hand: no edit trigger in the emulator's script writes).
  const partners = t.rows('Partners');
  const col = (header: string) => Object.keys(partners[0]).indexOf(header) + 1;
  t.sheet('Partners').getRange(2, col('More Contact Emails')).setValue('ops@acme.example, Ann@acme.example');
  t.sheet('Partners').getRange(6, col('Contact Email')).setValue('');
  t.emu.services.mail.clear();
  return { t };
});

let t: Tracker;
beforeEach(() => ({ t } = fixture()));

const ALL = { tiers: [], regions: [], types: [], products: [], activity: 'all', days: 90 };
const draft = (segment: Record<string, unknown> = {}, subject = 'New price list', body = 'Hello all,\n\nOur <b>new</b> prices start in April.\nSee the sheet.') => ({
  subject,
  body,
  segment: { ...ALL, ...segment },
});
const announcements = () => t.emu.services.mail.outbox.filter((m) => m.subject === 'New price list');
const history = () => t.rows('Partner Updates').filter((r) => r.Event === 'announcement');
const send = (d = draft(), requestId = 'req-announce-1') =>
  t.emu.run('apiSendAnnouncement', [d, { requestId }]) as {
    ok: boolean;
    data: { sentNow: number; queued: number; skipped: Array<{ partner: string; reason: string }>; message: string; announcementId: string; outcome: string };
    error?: { message: string };
  };

describe('matching a segment', () => {
  test('the preview lists Active partners the filters match, and the email as the first of them receives it', () => {
    const preview = t.ok<{ matched: number; inactive: number; recipients: Array<{ id: string; contacts: number; skipped: string }>; preview: { partnerName: string; body: string } }>(
      'apiPreviewAnnouncement',
      draft({ tiers: ['Gold'], regions: ['EMEA'] }),
    );
    expect(preview.recipients.map((r) => r.id)).toEqual(['P-000001', 'P-000005']);
    expect(preview.inactive).toBe(1);
    expect(preview.recipients[0].contacts).toBe(2);
    expect(preview.recipients[1]).toMatchObject({ contacts: 0, skipped: expect.stringContaining('no contact email') });
    expect(preview.preview.partnerName).toBe('Acme Partners');
    expect(preview.preview.body).toContain('Hello Ann,');
    expect(preview.preview.body).toContain('Our <b>new</b> prices start in April.');
  });

  test('active, dormant and new', () => {
    const ids = (segment: Record<string, unknown>) => t.ok<{ recipients: Array<{ id: string }> }>('apiPreviewAnnouncement', draft(segment)).recipients.map((r) => r.id);
    expect(ids({ activity: 'active', days: 90 })).toEqual(['P-000001']);
    expect(ids({ activity: 'dormant', days: 90 })).toEqual(['P-000002', 'P-000003', 'P-000005']);
    expect(ids({ activity: 'new', days: 30 })).toEqual(['P-000003']);
    expect(ids({ types: ['Referral', 'Affiliate'] })).toEqual(['P-000002', 'P-000005']);
    expect(ids({ products: ['analytics add-on'] })).toEqual(['P-000002']);
  });

  test('a draft without a subject is refused per field', () => {
    const result = t.api('apiPreviewAnnouncement', draft({}, '  '));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.fieldErrors).toMatchObject({ subject: expect.stringContaining('required') });
  });
});

describe("sending from the owner's sidebar", () => {
  test('one email per partner, to its own contacts only; history rows; the HTML escapes the message', () => {
    const result = send();
    expect(result.ok).toBe(true);
    expect(result.data).toMatchObject({ outcome: 'sent', sentNow: 3, queued: 0 });
    expect(result.data.skipped).toEqual([{ partnerId: 'P-000005', partner: 'Echo Inc', reason: expect.stringContaining('no contact email') }]);
    const mails = announcements();
    expect(mails).toHaveLength(3);
    const domains = mails.map((m) => new Set([...m.to, ...m.cc, ...m.bcc].map((a) => a.split('@')[1])));
    // No email lists two partners' addresses.
    for (const d of domains) expect(d.size).toBe(1);
    expect(mails.find((m) => m.to.includes('ann@acme.example'))?.to.sort()).toEqual(['ann@acme.example', 'ops@acme.example']);
    expect(t.emu.services.mail.sentTo('di@dorm.example')).toHaveLength(0);
    const acme = mails.find((m) => m.to.includes('ann@acme.example'))!;
    expect(acme.htmlBody).toContain('Our &lt;b&gt;new&lt;/b&gt; prices start in April.<br>See the sheet.');
    for (const m of mails.filter((x) => x !== acme)) expect(`${m.body}${m.htmlBody}`).not.toMatch(/Acme|ann@|ops@acme/);
    const rows = history();
    expect(rows.map((r) => [r['Partner ID'], r.Status])).toEqual([
      ['P-000001', 'Sent'],
      ['P-000002', 'Sent'],
      ['P-000003', 'Sent'],
      ['P-000005', 'Not sent'],
    ]);
    expect(rows[0]).toMatchObject({ 'Record ID': result.data.announcementId, Summary: 'New price list', 'Message ID': `announcement:${result.data.announcementId}:P-000001` });
    expect(rows[0]['Sent At (UTC)']).not.toBe('');
    expect(rows[3].Note).toContain('no contact email');
    expect(t.rows('Audit Log').filter((r) => r['Record ID'] === result.data.announcementId)).toHaveLength(1);
    expect(t.verify()).toMatch(/^Intact/);
  });

  test('a retry with the same request ID sends nothing twice, even once the outcome cache is gone and the day has changed', () => {
    const first = send();
    send();
    t.emu.services.cache.clear();
    // After midnight, in UTC and in the spreadsheet's zone: the retry is still the same announcement.
    t.emu.clock.set('2026-03-02T12:00:00Z');
    const again = send();
    expect(again.ok).toBe(true);
    expect(again.data.announcementId).toBe(first.data.announcementId);
    expect(announcements()).toHaveLength(3);
    expect(history()).toHaveLength(4);
  });

  test('a send that dies half way is finished by a retry, without sending a copy twice', () => {
    // The run dies right after its second copy went, before stamping it Sent: one Sent, one Sending, one Queued.
    let seen = 0;
    t.emu.calls.onRecord((name) => {
      if (name === 'MailApp.sendEmail' && ++seen === 2) t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', fatal: true });
    });
    expect(() => send()).toThrow();
    const firstTry = announcements().length;
    expect(firstTry).toBe(2);
    t.emu.clock.set('2026-03-01T15:30:00Z');
    t.emu.services.cache.clear();
    send();
    t.emu.clock.set('2026-03-01T16:30:00Z');
    t.hourly();
    const byPartner = new Map<string, number>();
    for (const m of announcements()) byPartner.set(m.to[0], (byPartner.get(m.to[0]) ?? 0) + 1);
    for (const n of byPartner.values()) expect(n).toBe(1);
    // Every partner got it once; the copy whose stamp was lost is Unknown (reported, never re-sent) and says so on its history row.
    expect(announcements()).toHaveLength(3);
    expect(history().map((r) => r.Status)).toEqual(['Sent', 'Not sent', 'Sent', 'Not sent']);
    expect(history()[1].Note).toContain('may have reached the partner');
  });

  test('the quota runs out mid-send: the rest stay Queued and a later run sends them and marks them Sent', () => {
    const left = t.emu.services.mail.remaining(OWNER);
    // Room for the first partner's two contacts only.
    t.emu.services.mail.consume(OWNER, left - 2);
    const result = send();
    expect(result.data).toMatchObject({ sentNow: 1, queued: 2 });
    expect(announcements()).toHaveLength(1);
    expect(history().map((r) => r.Status)).toEqual(['Sent', 'Pending', 'Pending', 'Not sent']);
    t.emu.clock.set('2026-03-02T15:00:00Z');
    t.hourly();
    expect(announcements()).toHaveLength(3);
    expect(history().map((r) => r.Status)).toEqual(['Sent', 'Sent', 'Sent', 'Not sent']);
  });
});

describe('a slow send', () => {
  test("the owner's sidebar sends for about a minute and leaves the rest Queued; the hourly run sends them, each once", () => {
    const started = t.emu.clock.now().getTime();
    // Each email takes 40 s of the run's time: sends start at 0 s and 40 s; the third would start past the sidebar's minute.
    t.emu.calls.onRecord((name) => {
      if (name === 'MailApp.sendEmail') t.emu.clock.advance(40_000);
    });
    const result = send();
    expect(result.data).toMatchObject({ sentNow: 2, queued: 1 });
    expect(result.data.message).toContain('the hourly run sends them');
    expect(t.emu.clock.now().getTime() - started).toBeLessThan(2 * 60_000);
    expect(history().map((r) => r.Status)).toEqual(['Sent', 'Sent', 'Pending', 'Not sent']);
    t.emu.clock.set('2026-03-01T16:30:00Z');
    t.hourly();
    t.emu.clock.set('2026-03-01T17:30:00Z');
    t.hourly();
    expect(announcements()).toHaveLength(3);
    expect(history().map((r) => r.Status)).toEqual(['Sent', 'Sent', 'Sent', 'Not sent']);
  });
});

describe("a teammate's announcement", () => {
  test("a Partner team member's announcement is sent by the owner's hourly run, once", () => {
    const result = t.emu.run('apiSendAnnouncement', [draft({ tiers: ['Gold'] }), { requestId: 'req-teammate-1' }], { user: TEAMMATE }) as {
      ok: boolean;
      data: { outcome: string; matched: number; message: string };
    };
    expect(result.ok).toBe(true);
    expect(result.data).toMatchObject({ outcome: 'left for the automation', matched: 3 });
    expect(announcements()).toHaveLength(0);
    t.hourly();
    expect(
      announcements()
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['ann@acme.example', 'bo@bolt.example']);
    t.emu.clock.set('2026-03-01T17:00:00Z');
    t.hourly();
    expect(announcements()).toHaveLength(2);
    expect(history().map((r) => r.Status)).toEqual(['Sent', 'Sent', 'Not sent']);
  });

  test('a waiting announcement whose sender no longer holds the role on the Team tab is dropped, with why, and sends nothing', () => {
    const result = t.emu.run('apiSendAnnouncement', [draft({ tiers: ['Gold'] }), { requestId: 'req-teammate-gone' }], { user: TEAMMATE }) as { ok: boolean };
    expect(result.ok).toBe(true);
    t.ok('apiRemoveTeamMember', { email: TEAMMATE, role: 'Partner team' });
    t.hourly();
    expect(announcements()).toHaveLength(0);
    expect(history()).toHaveLength(0);
    expect(JSON.stringify(t.emu.services.log.entries.map((e) => e.message))).toMatch(/dropped: [^"]*Partner team/);
  });

  test('waiting announcements have a bounded room: past it, the teammate is told why and nothing is kept', () => {
    const long = (n: number) => draft({}, `Long news ${n}`, `${'word '.repeat(990)}`);
    const results = [1, 2, 3].map((n) => t.emu.run('apiSendAnnouncement', [long(n), { requestId: `req-long-${n}` }], { user: TEAMMATE }) as { ok: boolean; error?: { message: string } });
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(results[2].error?.message).toMatch(/already wait for the tracker's automation.*Send it after the next hourly run/);
    t.hourly();
    expect(t.emu.services.mail.outbox.filter((m) => m.subject.startsWith('Long news'))).toHaveLength(6);
  });

  test('a subject that looks like a formula is kept as text on the history rows', () => {
    t.ok('apiSendAnnouncement', draft({ tiers: ['Silver'] }, '=HYPERLINK("http://evil.example","x")'));
    const row = history()[0];
    expect(row.Summary).toBe('=HYPERLINK("http://evil.example","x")');
    expect(t.sheet('Partner Updates').getRange(2, 5).getFormula()).toBe('');
  });

  test('Finance may not send, and is told why', () => {
    const result = t.emu.run('apiSendAnnouncement', [draft(), { requestId: 'req-finance-1' }], { user: FINANCE }) as { ok: boolean; error: { message: string } };
    expect(result.ok).toBe(false);
    expect(result.error.message).toMatch(/Manager|Partner team/);
    const preview = t.apiAs(FINANCE, 'apiPreviewAnnouncement', draft());
    expect(preview.ok).toBe(false);
    expect(t.apiAs('stranger@else.example', 'apiSendAnnouncement', draft()).ok).toBe(false);
    t.hourly();
    expect(announcements()).toHaveLength(0);
  });
});
