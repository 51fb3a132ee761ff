import { BOSS, emailOf, ledger, ledgerRow, onSend, reports, startTracker, summaries, t, trackerWithPayouts } from '../support/mail-ledger';
import { OWNER } from '../support/tracker';

/**
 * The queue, an old tracker's upgrade, a long ledger and receipts (payout runs:
 * mail-ledger-runs.test.ts). Mail exactly once, or reported, through the built add-on: the Mail Queue is
 * the ledger of every email the tracker sends. A crash between sending and
 * stamping, a run stopped by its time budget or killed at 6 minutes, a send
 * that ends in an unclear error: no message goes twice, and one whose fate is
 * unknown is reported to the managers.
 */

describe('a queue retry never re-sends a confirmation', () => {
  const GOOD = { 'Partner code': 'ACME', Company: 'Initech Ltd', 'Company website': 'initech.co.uk', 'Contact name': 'Bill', 'Contact email': 'bill@initech.co.uk' };
  const confirmations = () => t.emu.services.mail.sentTo(emailOf('Acme')).filter((m) => /registered/.test(m.subject));

  beforeEach(() => {
    startTracker('2026-03-01T15:00:00Z');
    t.addTeam(BOSS, 'Manager');
    // No scheduled payout run in these days: the only mail is the partner's.
    t.setSetting('Payout day', '28');
    t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: emailOf('Acme') });
    t.unverifiedForm();
  });
  const submit = () => t.emu.submitForm(t.emu.services.forms.list()[0].id, GOOD);

  test('a crash right after the confirmation went out: later runs and retries do not send it again', () => {
    onSend(1, () => t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', fatal: true }));
    submit();
    expect(confirmations()).toHaveLength(1);
    expect(ledgerRow('confirmation:L-000001')).toMatchObject({ Status: 'Sending' });
    // Another response and the hourly runs retry the queue: the confirmation is reported, never sent again.
    t.emu.clock.set('2026-03-01T16:00:00Z');
    t.emu.submitForm(t.emu.services.forms.list()[0].id, { ...GOOD, Company: 'Hooli', 'Company website': 'hooli.example', 'Contact email': 'x@hooli.example' });
    t.hourly();
    t.emu.clock.set('2026-03-02T16:00:00Z');
    t.hourly();
    expect(confirmations().filter((m) => m.subject.includes('L-000001'))).toHaveLength(1);
    expect(confirmations().filter((m) => m.subject.includes('L-000002'))).toHaveLength(1);
    expect(ledgerRow('confirmation:L-000001')).toMatchObject({ Status: 'Unknown' });
    expect(reports()).toHaveLength(1);
    expect(reports()[0].body).toContain('confirmation:L-000001');
  });

  test('a queued confirmation is sent once by the retry; a crash after that send does not send it again', () => {
    t.emu.services.mail.consume(OWNER, 100);
    submit();
    expect(confirmations()).toHaveLength(0);
    expect(ledgerRow('confirmation:L-000001')).toMatchObject({ Status: 'Queued', 'Last Error': expect.stringContaining('quota') });
    // The next Pacific day: the retry sends it and dies before stamping it.
    t.emu.clock.set('2026-03-02T15:00:00Z');
    onSend(1, () => t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', fatal: true }));
    t.hourly();
    expect(confirmations()).toHaveLength(1);
    t.emu.clock.set('2026-03-02T16:00:00Z');
    t.hourly();
    t.emu.clock.set('2026-03-03T16:00:00Z');
    t.hourly();
    expect(confirmations()).toHaveLength(1);
    expect(ledgerRow('confirmation:L-000001')).toMatchObject({ Status: 'Unknown' });
    expect(reports()).toHaveLength(1);
  });

  test('a form run that dies after registering, before its email goes: the confirmation was queued with the lead, and the next run sends it once', () => {
    // The Mail Queue's first write is the confirmation's row, with the lead; the second stamps it Sending, after the lock.
    t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', after: 1, fatal: true });
    submit();
    expect(t.emu.faults.fired()).toHaveLength(1);
    expect(t.rows('Leads')).toHaveLength(1);
    expect(confirmations()).toHaveLength(0);
    // Held by the run that died: no one sends it until that run's claim has run out.
    expect(ledgerRow('confirmation:L-000001')).toMatchObject({ Status: 'Queued', 'Claimed Until (UTC)': expect.stringMatching(/^2026-03-01 15:/) });
    t.hourly();
    expect(confirmations()).toHaveLength(0);
    // The dead run's lock flag outlives it by up to 6 minutes.
    t.emu.clock.set('2026-03-01T16:00:00Z');
    t.hourly();
    t.hourly();
    expect(confirmations()).toHaveLength(1);
    expect(ledgerRow('confirmation:L-000001')).toMatchObject({ Status: 'Sent' });
  });

  test('a duplicate firing of the form trigger and the retries send one confirmation', () => {
    submit();
    const [response] = t.emu.services.forms.list();
    expect(response).toBeDefined();
    t.hourly();
    t.emu.clock.set('2026-03-02T16:00:00Z');
    t.hourly();
    expect(confirmations()).toHaveLength(1);
    expect(ledgerRow('confirmation:L-000001')).toMatchObject({ Status: 'Sent', Body: '', 'HTML Body': '' });
  });
});

describe('a tracker not yet upgraded to schema 7, and its upgrade', () => {
  test("without the ledger's columns mail still goes (as before); after setup, a row queued before keeps working and goes once", () => {
    startTracker('2026-03-01T15:00:00Z');
    t.setSetting('Payout day', '28');
    t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: emailOf('Acme') });
    t.unverifiedForm();
    // A Mail Queue of schema 6: no Message ID, no Claimed Until.
    const mail = t.sheet('Mail Queue');
    const header = mail.getRange(1, 1, 1, mail.getLastColumn()).getValues()[0];
    for (const h of ['Claimed Until (UTC)', 'Message ID']) mail.deleteColumn(header.indexOf(h) + 1);
    // A schema-6 tracker has no cached schema-7 header positions (tracker/reference.ts keys them by schema version).
    t.emu.services.cache.clear();
    const confirmations = () => t.emu.services.mail.sentTo(emailOf('Acme')).filter((m) => /registered/.test(m.subject));
    const form = t.emu.services.forms.list()[0].id;
    t.emu.submitForm(form, { 'Partner code': 'ACME', Company: 'Initech Ltd', 'Company website': 'initech.co.uk', 'Contact email': 'bill@initech.co.uk' });
    expect(confirmations()).toHaveLength(1);
    t.emu.services.mail.consume(OWNER, 100);
    t.emu.submitForm(form, { 'Partner code': 'ACME', Company: 'Hooli', 'Company website': 'hooli.example', 'Contact email': 'x@hooli.example' });
    expect(ledger()).toEqual([expect.objectContaining({ Status: 'Queued', Subject: 'Lead L-000002 (Hooli) registered' })]);
    expect(ledger()[0]['Message ID']).toBeUndefined();

    // The owner runs setup: the columns come back (on the right); the old row, with no ID, is still the tracker's.
    t.emu.run('menuSetUpTracker');
    expect(ledger()[0]).toMatchObject({ Status: 'Queued', 'Message ID': '' });
    t.emu.clock.set('2026-03-02T15:00:00Z');
    t.hourly();
    t.emu.clock.set('2026-03-02T16:00:00Z');
    t.hourly();
    expect(confirmations().map((m) => m.subject)).toEqual(['Lead L-000001 (Initech Ltd) registered', 'Lead L-000002 (Hooli) registered']);
    expect(ledger()[0]).toMatchObject({ Status: 'Sent', Attempts: '1' });
  });
});

describe('a long ledger costs no more calls', () => {
  test("a form response's confirmation and the hourly run make the same calls with a few or 600 more rows in the Mail Queue", () => {
    startTracker('2026-03-01T15:00:00Z');
    t.setSetting('Payout day', '28');
    t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: emailOf('Acme') });
    t.unverifiedForm();
    const form = t.emu.services.forms.list()[0].id;
    // Every counted call but Utilities.formatDate, which converts time zones once per hour of time seen.
    const calls = () => Object.fromEntries(Object.entries(t.emu.calls.snapshot()).filter(([name]) => name !== 'Utilities.formatDate'));
    const measure = (n: number) => {
      t.emu.calls.reset();
      t.emu.submitForm(form, { 'Partner code': 'ACME', Company: `Company ${n}`, 'Company website': `company${n}.example`, 'Contact email': `x@company${n}.example` });
      const submit = calls();
      t.emu.calls.reset();
      t.hourly();
      return { submit, hourly: calls() };
    };
    const sent = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => {
        const row = new Array(t.sheet('Mail Queue').getLastColumn()).fill('');
        const header = t.sheet('Mail Queue').getRange(1, 1, 1, row.length).getValues()[0] as string[];
        row[header.indexOf('Status')] = 'Sent';
        row[header.indexOf('To')] = 'someone@example.com';
        row[header.indexOf('Message ID')] = `confirmation:L-9${String(from + i).padStart(5, '0')}`;
        return row;
      });
    t.sheet('Mail Queue').getRange(2, 1, 2, t.sheet('Mail Queue').getLastColumn()).setValues(sent(0, 2));
    measure(0);
    t.emu.clock.set('2026-03-01T15:30:00Z');
    const short = measure(1);
    const width = t.sheet('Mail Queue').getLastColumn();
    t.sheet('Mail Queue')
      .getRange(t.sheet('Mail Queue').getLastRow() + 1, 1, 600, width)
      .setValues(sent(10, 600));
    t.emu.clock.set('2026-03-01T16:00:00Z');
    const long = measure(2);
    expect(long).toEqual(short);
    expect(t.emu.services.mail.sentTo(emailOf('Acme')).filter((m) => /registered/.test(m.subject))).toHaveLength(3);
  });
});

describe('receipts', () => {
  const RECEIPT = /Audit receipt: [\d,]+ rows · [0-9a-f]{8,}/;
  test('the payout summary ends with the audit receipt and what it is for, in text and HTML', () => {
    trackerWithPayouts(1);
    t.emu.run('apiRunPayouts', []);
    const [summary] = summaries();
    expect(summary.body).toMatch(new RegExp(`${RECEIPT.source}\\nKeep this email: 'Verify audit log' can check this receipt later\\.$`));
    expect(summary.htmlBody).toMatch(RECEIPT);
    expect(summary.htmlBody).toContain('Keep this email: &#39;Verify audit log&#39; can check this receipt later.');
    // The receipt is the Audit Log as it stood: its row count.
    const rows = Number((RECEIPT.exec(summary.body) as RegExpExecArray)[0].match(/([\d,]+) rows/)?.[1].replace(/,/g, ''));
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(t.rows('Audit Log').length);
  });

  test('the daily digest ends with the audit receipt', () => {
    startTracker('2026-03-01T15:00:00Z');
    t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
    t.ok('apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', website: 'initech.example', contactEmail: 'ceo@initech.example' });
    t.emu.clock.set('2026-05-26T12:00:00Z');
    t.hourly();
    const [digest] = t.emu.services.mail.sentTo(OWNER).filter((m) => /expiring within/.test(m.subject));
    expect(digest.body).toMatch(new RegExp(`${RECEIPT.source}\\nKeep this email: 'Verify audit log' can check this receipt later\\.$`));
    expect(digest.htmlBody).toMatch(RECEIPT);
    expect(ledgerRow('digest:2026-05-26')).toMatchObject({ Status: 'Sent' });
    t.hourly();
    expect(t.emu.services.mail.sentTo(OWNER).filter((m) => /expiring within/.test(m.subject))).toHaveLength(1);
  });
});
