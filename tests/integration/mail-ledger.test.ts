import { PayoutRunView } from '../../src/sidebar-api/contract';
import { OWNER, Tracker, trackerOnBundle } from '../support/tracker';

/**
 * Mail exactly once, or reported, through the built add-on: the Mail Queue is
 * the ledger of every email the tracker sends. A crash between sending and
 * stamping, a run stopped by its time budget or killed at 6 minutes, a send
 * that ends in an unclear error: no message goes twice, and one whose fate is
 * unknown is reported to the managers.
 */
let t: Tracker;
const ANA = 'ana@example.com';
const BOSS = 'boss@example.com';
/** In name order, as the run numbers their payouts (PO-000001 is Acme's). */
const PARTNERS = ['Acme', 'Beta', 'Delta', 'Epsilon', 'Gamma', 'Zeta'];
const emailOf = (name: string) => `pay@${name.toLowerCase()}.example`;

function wonAndApproved(partnerId: string, company: string, amount: number): void {
  const domain = `${company.toLowerCase().replace(/\W/g, '')}.example`;
  const reg = t.emu.run('apiRegisterLead', [{ partnerId, company, website: domain, contactEmail: `ceo@${domain}` }], { user: ANA }) as { data: { lead: { id: string } } };
  const id = reg.data.lead.id;
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: amount, closedOn: '2026-02-10' });
}

/** A tracker with `n` partners, each with one approved February commission of 1,000.00 (10% of 10,000). */
function trackerWithPayouts(n: number): void {
  t = trackerOnBundle({ now: '2026-02-10T15:00:00Z' });
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.setSetting('Minimum payout', '100');
  t.setSetting('Payout day', '28');
  t.sheet('Commission Rules').getRange(2, 1, 1, 13).setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  PARTNERS.slice(0, n).forEach((name, i) => {
    t.addPartner({ name: `${name} Partners`, code: name.toUpperCase(), contactEmail: emailOf(name) });
    wonAndApproved(`P-00000${i + 1}`, `${name} Customer`, 10000);
  });
  t.emu.clock.set('2026-03-02T15:00:00Z');
  t.hourly();
  const payable = t.rows('Commissions').filter((c) => c.Status === 'Payable').map((c) => c['Commission ID']);
  t.emu.run('apiApproveCommissions', [payable], { user: BOSS });
}

const runAsBoss = () => t.emu.run('apiRunPayouts', [], { user: BOSS }) as { ok: boolean; data: { run: PayoutRunView } };
const summaries = (to = BOSS) => t.emu.services.mail.sentTo(to).filter((m) => /payouts for February 2026/.test(m.subject));
const reports = (to = BOSS) => t.emu.services.mail.sentTo(to).filter((m) => /possibly not delivered|not sent/.test(m.subject));
const statements = (name: string) => t.emu.services.mail.sentTo(emailOf(name)).filter((m) => /commission statement/.test(m.subject));
const ledger = () => t.rows('Mail Queue');
const ledgerRow = (id: string) => ledger().find((r) => r['Message ID'] === id);

/** Arms `arm` the moment the add-on calls MailApp.sendEmail for the `nth` time from now (1-based). */
function onSend(nth: number, arm: () => void): void {
  let seen = 0;
  let done = false;
  t.emu.calls.onRecord((name) => {
    if (done || name !== 'MailApp.sendEmail') return;
    seen++;
    if (seen === nth) {
      done = true;
      arm();
    }
  });
}

describe('a crash between sending and stamping', () => {
  test('right after the summary goes out (before its Sent stamp): the next run does not send it again, and the managers get one "possibly not delivered" report', () => {
    trackerWithPayouts(1);
    expect(runAsBoss()).toMatchObject({ ok: true, data: { run: { status: 'complete', summary: 'not yet' } } });
    // The owner's hourly run sends the summary first; it dies on the very next write to the Mail Queue (the Sent stamp).
    onSend(1, () => t.emu.faults.failOn({ call: 'Range.setValues', sheetName: 'Mail Queue', fatal: true, message: 'Exceeded maximum execution time' }));
    const [crashed] = t.hourly();
    expect(crashed).toMatchObject({ ok: false });
    expect(summaries()).toHaveLength(1);
    expect(statements('Acme')).toHaveLength(0);
    expect(ledgerRow('summary:2026-02-01..2026-02-28')).toMatchObject({ Status: 'Sending' });
    expect(t.rows('Payout Runs')[0]['Summary Sent (UTC)']).toBe('');

    t.emu.clock.set('2026-03-02T16:00:00Z');
    t.hourly();
    expect(summaries()).toHaveLength(1);
    expect(statements('Acme')).toHaveLength(1);
    const [report] = reports();
    expect(reports()).toHaveLength(1);
    expect(report.subject).toBe('Partner Programme: 1 email possibly not delivered');
    expect(report.body).toContain('summary:2026-02-01..2026-02-28');
    expect(report.body).toContain('never sends them again on its own');
    expect(reports(OWNER)).toHaveLength(1);
    expect(ledgerRow('summary:2026-02-01..2026-02-28')).toMatchObject({ Status: 'Unknown', 'Last Error': expect.stringContaining('Reported to the managers (undelivered:') });
    expect(t.rows('Payout Runs')[0]['Summary Sent (UTC)']).not.toBe('');

    // Later runs: nothing more, and no second report.
    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    t.emu.clock.set('2026-03-03T17:00:00Z');
    t.hourly();
    expect(summaries()).toHaveLength(1);
    expect(reports()).toHaveLength(1);
    expect(statements('Acme')).toHaveLength(1);
    expect(ledger().filter((r) => r.Status === 'Sending')).toEqual([]);
  });

  test('an unclear error from Google while sending (a timeout) is reported at once and never retried', () => {
    trackerWithPayouts(1);
    runAsBoss();
    t.emu.faults.failOn({ call: 'MailApp.sendEmail', after: 1 });
    t.hourly();
    expect(summaries()).toHaveLength(1);
    expect(statements('Acme')).toHaveLength(0);
    expect(ledgerRow('statement:PO-000001')).toMatchObject({ Status: 'Unknown', 'Last Error': expect.stringContaining('unclear error') });
    expect(reports()).toHaveLength(1);
    expect(reports()[0].body).toContain('statement:PO-000001');
    for (const hour of ['16', '17', '18']) {
      t.emu.clock.set(`2026-03-02T${hour}:00:00Z`);
      t.hourly();
    }
    expect(statements('Acme')).toHaveLength(0);
    expect(reports()).toHaveLength(1);
    expect(t.rows('Payouts')[0]['Statement Sent (UTC)']).not.toBe('');
  });
});

describe('the time budget', () => {
  test('a run whose time budget ends in the middle of statements sends each statement exactly once across runs', () => {
    trackerWithPayouts(6);
    runAsBoss();
    // Each email takes a minute of the run's time: the hourly run starts no send after 4.5 minutes.
    t.emu.calls.onRecord((name) => {
      if (name === 'MailApp.sendEmail') t.emu.clock.advance(60_000);
    });
    const [first] = t.hourly();
    expect(first).toMatchObject({ ok: true });
    const counts = () => PARTNERS.map((p) => statements(p).length);
    expect(summaries()).toHaveLength(1);
    // The summary, then 4 statements: 0, 1, 2, 3 and 4 minutes into the run; the fifth would start at 5.
    expect(counts()).toEqual([1, 1, 1, 1, 0, 0]);
    expect(Math.max(...counts())).toBe(1);

    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    expect(counts()).toEqual([1, 1, 1, 1, 1, 1]);
    t.emu.clock.set('2026-03-02T18:00:00Z');
    t.hourly();
    expect(counts()).toEqual([1, 1, 1, 1, 1, 1]);
    expect(summaries()).toHaveLength(1);
    expect(reports()).toEqual([]);
    expect(t.rows('Payouts').map((p) => p['Statement Sent (UTC)'] !== '')).toEqual([true, true, true, true, true, true]);
    expect(ledger().filter((r) => /^statement:/.test(r['Message ID'])).map((r) => r.Status)).toEqual(['Sent', 'Sent', 'Sent', 'Sent', 'Sent', 'Sent']);
  });

  test('a run killed at 6 minutes in the middle of statements sends none twice; the one it was sending is reported', () => {
    trackerWithPayouts(6);
    runAsBoss();
    // The execution dies inside its fourth send (the summary and two statements went out).
    t.emu.faults.failOn({ call: 'MailApp.sendEmail', after: 3, fatal: true, message: 'Exceeded maximum execution time' });
    const [killed] = t.hourly();
    expect(killed).toMatchObject({ ok: false });
    const counts = () => PARTNERS.map((p) => statements(p).length);
    expect(counts()).toEqual([1, 1, 0, 0, 0, 0]);

    t.emu.clock.set('2026-03-02T16:00:00Z');
    t.hourly();
    // Delta's statement (PO-000003) may or may not have gone: it is reported, not sent again; the others go once.
    expect(counts()).toEqual([1, 1, 0, 1, 1, 1]);
    expect(reports()).toHaveLength(1);
    expect(reports()[0].body).toContain('statement:PO-000003');
    t.emu.clock.set('2026-03-02T17:00:00Z');
    t.hourly();
    expect(counts()).toEqual([1, 1, 0, 1, 1, 1]);
    expect(summaries()).toHaveLength(1);
    expect(reports()).toHaveLength(1);
  });
});

describe('with Google\'s latency modelled, the time budget keeps every run under 6 minutes', () => {
  test('each send costs 70 s of virtual time: the hourly run stops sending before Apps Script would end it, and later runs send the rest, each statement once', () => {
    trackerWithPayouts(6);
    runAsBoss();
    // The default costs for every call (tens of ms a read or write), and a slow mail server.
    t.emu.ctx.options.latency = { ...t.emu.ctx.options.latency, enabled: true, scale: 1, costs: { 'MailApp.sendEmail': 70000 } };
    const runs: Array<{ ok: boolean; error?: string }> = [];
    const counts = () => PARTNERS.map((p) => statements(p).length);
    for (let hour = 16; hour <= 19 && counts().some((n) => n === 0); hour++) {
      t.emu.clock.set(`2026-03-02T${hour}:00:00Z`);
      runs.push(...t.hourly());
    }
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.filter((r) => !r.ok)).toEqual([]);
    expect(counts()).toEqual([1, 1, 1, 1, 1, 1]);
    expect(summaries()).toHaveLength(1);
    expect(reports()).toHaveLength(0);
  });
});

describe('a queue retry never re-sends a confirmation', () => {
  const GOOD = { 'Partner code': 'ACME', Company: 'Initech Ltd', 'Company website': 'initech.co.uk', 'Contact name': 'Bill', 'Contact email': 'bill@initech.co.uk' };
  const confirmations = () => t.emu.services.mail.sentTo(emailOf('Acme')).filter((m) => /registered/.test(m.subject));

  beforeEach(() => {
    t = trackerOnBundle({ now: '2026-03-01T15:00:00Z' });
    t.addTeam(BOSS, 'Manager');
    // No scheduled payout run in these days: the only mail is the partner's.
    t.setSetting('Payout day', '28');
    t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: emailOf('Acme') });
    t.emu.run('menuCreatePartnerForm');
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
    t.emu.faults.failOn({ call: 'MailApp.getRemainingDailyQuota', fatal: true });
    submit();
    expect(t.rows('Leads')).toHaveLength(1);
    expect(confirmations()).toHaveLength(0);
    expect(ledgerRow('confirmation:L-000001')).toMatchObject({ Status: 'Queued', 'Claimed Until (UTC)': '' });
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
  test('without the ledger\'s columns mail still goes (as before); after setup, a row queued before keeps working and goes once', () => {
    t = trackerOnBundle({ now: '2026-03-01T15:00:00Z' });
    t.setSetting('Payout day', '28');
    t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: emailOf('Acme') });
    t.emu.run('menuCreatePartnerForm');
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
  test('a form response\'s confirmation and the hourly run make the same calls with a few or 600 more rows in the Mail Queue', () => {
    t = trackerOnBundle({ now: '2026-03-01T15:00:00Z' });
    t.setSetting('Payout day', '28');
    t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: emailOf('Acme') });
    t.emu.run('menuCreatePartnerForm');
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
    const sent = (from: number, count: number) => Array.from({ length: count }, (_, i) => {
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
    t.sheet('Mail Queue').getRange(t.sheet('Mail Queue').getLastRow() + 1, 1, 600, width).setValues(sent(10, 600));
    t.emu.clock.set('2026-03-01T16:00:00Z');
    const long = measure(2);
    expect(long).toEqual(short);
    expect(t.emu.services.mail.sentTo(emailOf('Acme')).filter((m) => /registered/.test(m.subject))).toHaveLength(3);
  });
});

describe('every write step of a payout run can fail once: after a re-run nothing is lost and nothing doubled', () => {
  type Step = { name: string; fault: Parameters<Tracker['emu']['faults']['failOn']>[0] };
  const steps: Step[] = [
    { name: 'writing the run row', fault: { call: 'Range.setValues', sheetName: 'Payout Runs' } },
    { name: 'stamping the lines (payout IDs)', fault: { call: 'Range.setValues', sheetName: 'Commissions' } },
    { name: 'stamping the lines (their seals)', fault: { call: 'Range.setValues', sheetName: 'Commissions', after: 1 } },
    { name: 'writing the payouts', fault: { call: 'Range.setValues', sheetName: 'Payouts' } },
    { name: 'recording the payout IDs issued', fault: { call: 'Properties.setProperty' } },
    { name: 'marking the run complete', fault: { call: 'Range.setValues', sheetName: 'Payout Runs', after: 1 } },
    { name: 'writing the summary to the Mail Queue', fault: { call: 'Range.setValues', sheetName: 'Mail Queue' } },
    { name: 'stamping the summary Sending', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 1 } },
    { name: 'stamping the summary Sent', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 2 } },
    { name: 'stamping Summary Sent on the run', fault: { call: 'Range.setValues', sheetName: 'Payout Runs', after: 2 } },
    { name: 'writing the statement to the Mail Queue', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 3 } },
    { name: 'stamping the statement Sending', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 4 } },
    { name: 'stamping the statement Sent', fault: { call: 'Range.setValues', sheetName: 'Mail Queue', after: 5 } },
    { name: 'stamping Statement Sent on the payout', fault: { call: 'Range.setValues', sheetName: 'Payouts', after: 1 } },
  ];

  const check = () => {
    expect(t.rows('Payouts')).toEqual([expect.objectContaining({ 'Payout ID': 'PO-000001', 'Partner ID': 'P-000001', Net: '1,000.00', Lines: '1', Status: 'Draft' })]);
    expect(t.rows('Commissions').map((c) => [c['Commission ID'], c['Payout ID'], c.Status])).toEqual([['C-000001', 'PO-000001', 'Approved']]);
    expect(t.rows('Payout Runs')).toEqual([expect.objectContaining({ Status: 'Complete', Payouts: '1', Total: '1,000.00' })]);
    const reported = reports().map((m) => m.body).join('\n');
    // Each email went at most once, and one that did not go was reported to the managers: never twice, never silently lost.
    // (A crash between sending and stamping reports one that did go: the tracker cannot know.)
    expect(summaries().length).toBeLessThanOrEqual(1);
    expect(summaries().length === 1 || reported.includes('summary:2026-02-01..2026-02-28')).toBe(true);
    expect(statements('Acme').length).toBeLessThanOrEqual(1);
    expect(statements('Acme').length === 1 || reported.includes('statement:PO-000001')).toBe(true);
    expect(reports().length).toBeLessThanOrEqual(1);
    expect(ledger().filter((r) => r.Status === 'Sending' || r.Status === 'Queued')).toEqual([]);
  };

  for (const fatal of [false, true]) {
    test.each(steps)(`${fatal ? 'the run dies' : 'a call fails'} at $name`, ({ fault }) => {
      trackerWithPayouts(1);
      t.emu.faults.failOn({ ...fault, fatal });
      // The owner runs payouts from the sidebar: the run writes, then mails at once. A run that dies throws.
      try {
        t.emu.run('apiRunPayouts', []);
      } catch {
        expect(fatal).toBe(true);
      }
      expect(t.emu.faults.fired()).toHaveLength(1);
      t.emu.faults.clear();
      // A re-run, and the reconciler (the hourly run) an hour later.
      t.emu.run('apiRunPayouts', []);
      t.emu.clock.set('2026-03-02T16:00:00Z');
      t.hourly();
      t.emu.clock.set('2026-03-02T17:00:00Z');
      t.hourly();
      check();
    });
  }
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
    t = trackerOnBundle({ now: '2026-03-01T15:00:00Z' });
    t.addPartner({ name: 'Acme Partners', code: 'ACME', contactEmail: 'pat@acme.example' });
    t.ok('apiRegisterLead', { partnerId: 'P-000001', company: 'Initech', website: 'initech.example', contactEmail: 'ceo@initech.example' });
    t.emu.clock.set('2026-05-26T05:00:00Z');
    t.hourly();
    const [digest] = t.emu.services.mail.sentTo(OWNER).filter((m) => /expiring within/.test(m.subject));
    expect(digest.body).toMatch(new RegExp(`${RECEIPT.source}\\nKeep this email: 'Verify audit log' can check this receipt later\\.$`));
    expect(digest.htmlBody).toMatch(RECEIPT);
    expect(ledgerRow('digest:2026-05-26')).toMatchObject({ Status: 'Sent' });
    t.hourly();
    expect(t.emu.services.mail.sentTo(OWNER).filter((m) => /expiring within/.test(m.subject))).toHaveLength(1);
  });
});
