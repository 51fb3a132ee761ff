import { expiryDigest } from '../../src/domain/emails/lead-emails';
import { RECEIPT_NOTE, UNDELIVERED_MAX_LISTED, UndeliveredMail, receiptFooter, undeliveredReport } from '../../src/domain/emails/mail-emails';
import { payoutSummaryEmail } from '../../src/domain/emails/payout-emails';
import { planPayouts } from '../../src/domain/payouts';

const RECEIPT = 'Audit receipt: 1,234 rows · 9f86d081884c7d65';

describe('the audit receipt that ends the digest and the payout summary', () => {
  test('the receipt line and what it is for, last in the text and in the HTML; nothing when there is no receipt', () => {
    expect(receiptFooter(RECEIPT).text).toEqual(['', RECEIPT, "Keep this email: 'Verify audit log' can check this receipt later."]);
    expect(receiptFooter(RECEIPT).html).toContain(`${RECEIPT}<br>Keep this email: &#39;Verify audit log&#39; can check this receipt later.`);
    expect(receiptFooter('')).toEqual({ text: [], html: '' });
    expect(receiptFooter('  ')).toEqual({ text: [], html: '' });
  });

  test('the receipt is escaped and kept on one line', () => {
    const footer = receiptFooter('Audit receipt: <b>1</b> rows\n· "x"');
    expect(footer.html).toContain('Audit receipt: &lt;b&gt;1&lt;/b&gt; rows · &quot;x&quot;');
    expect(footer.html).not.toContain('<b>');
    expect(footer.text[1]).toBe('Audit receipt: <b>1</b> rows · "x"');
  });

  test('the digest ends with it', () => {
    const mail = expiryDigest('P', '2026-05-30', 7, [{ id: 'L-1', company: 'Initech', partnerName: 'Acme', status: 'New', protectedUntil: '2026-05-31' }], [], 0, RECEIPT);
    expect(mail.body.endsWith(`${RECEIPT}\n${RECEIPT_NOTE}`)).toBe(true);
    expect(mail.htmlBody).toMatch(new RegExp(`${RECEIPT}<br>Keep this email: &#39;Verify audit log&#39; can check this receipt later\\.</p></div>$`));
    expect(expiryDigest('P', '2026-05-30', 7, [], [], 1).body).not.toContain('Audit receipt');
  });

  test('the payout summary ends with it', () => {
    const period = { start: '2026-02-01', end: '2026-02-28', label: 'February 2026' };
    const plan = planPayouts([], new Map(), 10_000, period);
    const mail = payoutSummaryEmail({
      programme: 'P',
      currency: 'USD',
      plan,
      payoutIds: new Map(),
      pendingApproval: { lines: 0, cents: 0 },
      previousTotalCents: null,
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit',
      payoutsUrl: 'https://docs.google.com/spreadsheets/d/abc/edit#gid=1',
      receipt: RECEIPT,
    });
    expect(mail.body.endsWith(`— P\n\n${RECEIPT}\n${RECEIPT_NOTE}`)).toBe(true);
    expect(mail.htmlBody).toContain(RECEIPT);
  });
});

describe("the managers' report of undelivered mail", () => {
  const item = (n: number, state: UndeliveredMail['state'] = 'unknown'): UndeliveredMail => ({
    id: `statement:PO-${String(n).padStart(6, '0')}`,
    to: `p${n}@x.example`,
    subject: `Statement ${n}`,
    since: '2026-03-02 15:00:00',
    state,
    reason: state === 'failed' ? 'Invalid email: p@' : '',
  });

  test('says what may not have been delivered, that it is not sent again, and what to do', () => {
    const mail = undeliveredReport('Partner Programme', [item(1), item(2, 'failed')], 'https://docs.google.com/spreadsheets/d/abc/edit#gid=7');
    expect(mail.subject).toBe('Partner Programme: 1 email possibly not delivered, 1 email not sent');
    expect(mail.body).toContain('- Statement 1 — to p1@x.example (statement:PO-000001), sending since 2026-03-02 15:00:00 UTC');
    expect(mail.body).toContain('never sends them again on its own');
    expect(mail.body).toContain('- Statement 2 — to p2@x.example (statement:PO-000002), tried at 2026-03-02 15:00:00 UTC: Invalid email: p@');
    expect(mail.htmlBody).toContain('href="https://docs.google.com/spreadsheets/d/abc/edit#gid=7"');
  });

  test('escapes what it lists, and never links anything but http(s)', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const mail = undeliveredReport(evil, [{ ...item(1), subject: evil, to: evil }], 'javascript:alert(1)');
    expect(mail.htmlBody).not.toContain('<img');
    expect(mail.htmlBody).not.toContain('href="javascript');
    expect(mail.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  test('lists at most UNDELIVERED_MAX_LISTED and counts the rest', () => {
    const items = Array.from({ length: UNDELIVERED_MAX_LISTED + 7 }, (_, i) => item(i + 1));
    const mail = undeliveredReport('P', items, 'https://x.example/');
    expect(mail.subject).toBe(`P: ${UNDELIVERED_MAX_LISTED + 7} emails possibly not delivered`);
    expect(mail.body).toContain('…and 7 more: see the Mail Queue tab (Status Unknown or Failed).');
    expect(mail.body.split('\n').filter((l) => l.startsWith('- Statement'))).toHaveLength(UNDELIVERED_MAX_LISTED);
    expect(mail.htmlBody.length).toBeLessThan(50_000);
  });
});
