import Papa from 'papaparse';
import { payoutDetailsProblem } from '../../src/domain/payouts/payout-method';
import { PayoutFileRow, WISE_COLUMNS, periodKey, planPayoutFiles } from '../../src/domain/payouts/provider-files';
import { PayoutToMatch, amountCentsOf, dateOf, parseResultFile, planResultImport } from '../../src/domain/payouts/result-files';

const NOV = { start: '2026-11-01', end: '2026-11-30', label: 'November 2026' };
const read = (csv: string) => Papa.parse<string[]>(csv, { header: false, skipEmptyLines: true });

let n = 0;
function row(over: Partial<PayoutFileRow> = {}): PayoutFileRow {
  n++;
  return {
    payoutId: `PO-${String(n).padStart(6, '0')}`,
    partnerId: `P-${String(n).padStart(6, '0')}`,
    partnerName: `Partner ${n}`,
    contactEmail: `contact${n}@partner.com`,
    method: 'PayPal',
    account: `pay${n}@partner.com`,
    netCents: 12345,
    currency: 'USD',
    ...over,
  };
}

describe('payout details', () => {
  test.each([
    ['', '', null],
    ['PayPal', 'ana@partner.com', null],
    ['wise', 'ana@partner.com', null],
    ['PayPal', '', null],
    ['Bank transfer', 'Acme Ltd, IBAN GB29 NWBK 6016 1331 9268 19', null],
  ])('%s / %s is accepted', (method, account, expected) => expect(payoutDetailsProblem(method, account)).toBe(expected));

  test('each refusal says why', () => {
    expect(payoutDetailsProblem('PayPal', 'not an email')).toMatch(/PayPal must be the partner's PayPal email address/);
    expect(payoutDetailsProblem('Wise', 'x@y')).toMatch(/Wise must be/);
    expect(payoutDetailsProblem('Cheque', '')).toMatch(/"Cheque" is not one of PayPal, Wise, Bank transfer/);
    expect(payoutDetailsProblem('', 'ana@partner.com')).toMatch(/Payout Method is blank/);
    expect(payoutDetailsProblem('Bank transfer', 'ana@partner.com')).toMatch(/looks like an email address/);
    expect(payoutDetailsProblem('Bank transfer', 'Acme bank')).toMatch(/at least 6 digits/);
  });
});

describe('payout files', () => {
  test('PayPal: no header row; recipient, amount, currency, customer ID (the payout ID), note, wallet', () => {
    const a = row({ partnerName: 'Acme' });
    const plan = planPayoutFiles([a], NOV);
    expect(plan.files).toHaveLength(1);
    const [file] = plan.files;
    expect(file.name).toBe('Payouts 2026-11 PayPal.csv');
    const parsed = read(file.content);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([[a.account, '123.45', 'USD', a.payoutId, 'Commission November 2026', 'PAYPAL']]);
    expect(file.content.endsWith('\r\n')).toBe(true);
  });

  test('PayPal: one currency per file and at most 5,000 rows each, split beyond', () => {
    const usd = Array.from({ length: 5001 }, () => row());
    const eur = [row({ currency: 'EUR' })];
    const plan = planPayoutFiles([...usd, ...eur], NOV);
    expect(plan.files.map((f) => [f.name, f.payoutIds.length, f.currency])).toEqual([
      ['Payouts 2026-11 PayPal USD 1 of 2.csv', 5000, 'USD'],
      ['Payouts 2026-11 PayPal USD 2 of 2.csv', 1, 'USD'],
      ['Payouts 2026-11 PayPal EUR.csv', 1, 'EUR'],
    ]);
    for (const f of plan.files) {
      const data = read(f.content).data;
      expect(new Set(data.map((r) => r[2]))).toEqual(new Set([f.currency]));
      expect(data.length).toBeLessThanOrEqual(5000);
    }
  });

  test("Wise: Wise's column names, at most 1,000 rows a file, the payout ID as paymentReference", () => {
    const rows = Array.from({ length: 1001 }, () => row({ method: 'Wise' }));
    const plan = planPayoutFiles(rows, { start: '2026-11-02', end: '2026-11-08', label: 'Week of 2026-11-02' });
    expect(plan.files.map((f) => [f.name, f.payoutIds.length])).toEqual([
      ['Payouts 2026-11-02 to 2026-11-08 Wise 1 of 2.csv', 1000],
      ['Payouts 2026-11-02 to 2026-11-08 Wise 2 of 2.csv', 1],
    ]);
    const parsed = Papa.parse<Record<string, string>>(plan.files[1].content, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([...WISE_COLUMNS]);
    expect(parsed.data).toEqual([
      {
        name: rows[1000].partnerName,
        recipientEmail: rows[1000].account,
        paymentReference: rows[1000].payoutId,
        receiverType: 'INSTITUTION',
        amountCurrency: 'target',
        amount: '123.45',
        sourceCurrency: 'USD',
        targetCurrency: 'USD',
      },
    ]);
  });

  test('bank transfers and partners without a method share the generic file; missing accounts are listed, not dropped', () => {
    const bank = row({ method: 'Bank transfer', account: 'IBAN DE89 3704 0044 0532 0130 00' });
    const none = row({ method: '', account: '' });
    const noAccount = row({ method: 'Wise', account: '' });
    const bad = row({ method: 'PayPal', account: 'nope' });
    const plan = planPayoutFiles([bank, none, noAccount, bad], NOV);
    expect(plan.files.map((f) => f.name)).toEqual(['Payouts 2026-11 Bank transfer.csv']);
    const data = Papa.parse<Record<string, string>>(plan.files[0].content, { header: true, skipEmptyLines: true }).data;
    expect(data.map((d) => [d.reference, d.payout_method, d.payout_account, d.recipient_email])).toEqual([
      [bank.payoutId, 'Bank transfer', bank.account, bank.contactEmail],
      [none.payoutId, '', '', none.contactEmail],
    ]);
    expect(plan.noMethod).toEqual([none.payoutId]);
    expect(plan.notExported.map((x) => x.payoutId)).toEqual([noAccount.payoutId, bad.payoutId]);
    expect(plan.notExported[0].reason).toMatch(/paid by Wise but has no Payout Account/);
    expect(plan.notExported[1].reason).toMatch(/must be the partner's PayPal email/);
  });

  test('formula-safe: a name or note that starts a formula is neutralised in every format', () => {
    const evil = '=HYPERLINK("http://x","y")';
    const plan = planPayoutFiles([row({ method: 'Wise', partnerName: evil }), row({ method: 'Bank transfer', account: '@SUM(1) 123456789', partnerName: '+1 Corp' })], {
      start: '2026-11-01',
      end: '2026-11-30',
      label: '-cmd',
    });
    for (const f of plan.files) {
      for (const r of read(f.content).data) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
    }
  });

  test('a net that is not whole cents above 0 never reaches a file', () => {
    expect(() => planPayoutFiles([row({ netCents: 0 })], NOV)).toThrow(/whole cents more than 0/);
  });

  test('period keys', () => {
    expect(periodKey(NOV)).toBe('2026-11');
    expect(periodKey({ start: '2028-02-01', end: '2028-02-29' })).toBe('2028-02');
    expect(periodKey({ start: '2026-11-01', end: '2026-11-07' })).toBe('2026-11-01 to 2026-11-07');
  });
});

describe('result files', () => {
  const payouts = new Map<string, PayoutToMatch>([
    ['PO-000001', { id: 'PO-000001', status: 'Approved', netCents: 12345, paymentReference: '' }],
    ['PO-000002', { id: 'PO-000002', status: 'Approved', netCents: 5000, paymentReference: '' }],
    ['PO-000003', { id: 'PO-000003', status: 'Paid', netCents: 700, paymentReference: 'TX-3' }],
    ['PO-000004', { id: 'PO-000004', status: 'Paid', netCents: 800, paymentReference: 'TX-OLD' }],
    ['PO-000005', { id: 'PO-000005', status: 'Draft', netCents: 900, paymentReference: '' }],
    ['PO-000006', { id: 'PO-000006', status: 'Approved', netCents: 900, paymentReference: '' }],
  ]);

  test('a PayPal report: paid rows matched by Customer ID; every other row reported with why', () => {
    const grid = [
      ['Transaction ID', 'Customer ID', 'Recipient', 'Amount', 'Currency', 'Status', 'Date'],
      ['TX-1', 'PO-000001', 'a@x.com', '123.45', 'USD', 'Success', '2026-12-02'],
      ['TX-2', 'PO-000002', 'b@x.com', '50.00', 'USD', 'Unclaimed', '2026-12-02'],
      ['TX-3', 'PO-000003', 'c@x.com', '7.00', 'USD', 'Success', '2026-12-02'],
      ['TX-4', 'PO-000004', 'd@x.com', '8.00', 'USD', 'Success', '2026-12-02'],
      ['TX-5', 'PO-000005', 'e@x.com', '9.00', 'USD', 'Success', '2026-12-02'],
      ['TX-6', 'PO-000006', 'f@x.com', '9.10', 'USD', 'Success', '2026-12-02'],
      ['TX-7', 'PO-999999', 'g@x.com', '1.00', 'USD', 'Success', '2026-12-02'],
      ['TX-8', 'PO-000001', 'a@x.com', '123.45', 'USD', 'Success', '2026-12-02'],
      ['TX-9', '', 'h@x.com', '1.00', 'USD', 'Success', '2026-12-02'],
      ['', '', '', '', '', '', ''],
    ];
    const parsed = parseResultFile(grid);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.provider).toBe('PayPal');
    const plan = planResultImport(parsed.provider, parsed.rows, payouts, 'USD', '2026-12-06');
    expect(plan.pay).toEqual([{ payoutId: 'PO-000001', reference: 'TX-1', paidOn: '2026-12-02', line: 2 }]);
    expect(plan.alreadyPaid).toEqual([{ payoutId: 'PO-000003', line: 4 }]);
    expect(plan.unmatched.map((u) => [u.line, u.reason])).toEqual([
      [3, expect.stringMatching(/PayPal reports "Unclaimed" for PO-000002: not paid/)],
      [5, expect.stringMatching(/already Paid with reference TX-OLD, not TX-4/)],
      [6, expect.stringMatching(/PO-000005 is Draft; only Approved payouts/)],
      [7, expect.stringMatching(/was paid 9.10, but its net is 9.00/)],
      [8, expect.stringMatching(/PO-999999 is not on the Payouts tab/)],
      [9, expect.stringMatching(/also on line 2/)],
      [10, expect.stringMatching(/no payout ID/)],
    ]);
  });

  test('a Wise statement: the payout ID inside the Payment Reference, money out negative, DD-MM-YYYY dates', () => {
    const grid = [
      ['TransferWise ID', 'Date', 'Amount', 'Currency', 'Description', 'Payment Reference', 'Running Balance'],
      ['TRANSFER-123', '03-12-2026', '-50.00', 'USD', 'Sent money to Beta', 'PO-000002', '1000.00'],
      ['TRANSFER-124', '03-12-2026', '-9.00', 'EUR', 'Sent money to Gamma', 'po-000006 November', '1000.00'],
    ];
    const parsed = parseResultFile(grid);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.provider).toBe('Wise');
    const plan = planResultImport(parsed.provider, parsed.rows, payouts, 'USD', '2026-12-06');
    expect(plan.pay).toEqual([{ payoutId: 'PO-000002', reference: 'TRANSFER-123', paidOn: '2026-12-03', line: 2 }]);
    expect(plan.unmatched[0].reason).toMatch(/PO-000006 was paid in EUR; the programme pays in USD/);
  });

  test('a file that is neither is refused with what its header holds', () => {
    const parsed = parseResultFile([['Name', 'Total']]);
    expect(parsed).toEqual({ ok: false, reason: expect.stringMatching(/"Name", "Total".*neither PayPal's columns/) });
  });

  test('amounts and dates as providers write them', () => {
    expect(amountCentsOf('1,234.50')).toBe(123450);
    expect(amountCentsOf('1.234,50')).toBe(123450);
    expect(amountCentsOf('-$12')).toBe(1200);
    expect(amountCentsOf('twelve')).toBeNull();
    expect(dateOf('11/03/2026 10:00')).toBe('2026-11-03');
    expect(dateOf('2026-11-03T10:00:00Z')).toBe('2026-11-03');
    expect(dateOf('soon')).toBe('');
  });
});
