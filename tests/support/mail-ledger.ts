import { PayoutRunView } from '../../src/sidebar-api/contract';
import { Tracker, restoredFixture, restoredTracker } from './tracker';

/**
 * Shared by the mail-ledger tests (tests/integration/mail-ledger-*.test.ts): the
 * tracker under test (`t`, set by startTracker), payouts to send, and what the
 * ledger and the mailboxes hold.
 */
export let t: Tracker;

/** A fresh tracker on the bundle at `now`; `t` from here on. */
export function startTracker(now: string): Tracker {
  t = restoredTracker({ now });
  return t;
}

export const ANA = 'ana@example.com';
export const BOSS = 'boss@example.com';
/** In name order, as the run numbers their payouts (PO-000001 is Acme's). */
export const PARTNERS = ['Acme', 'Beta', 'Delta', 'Epsilon', 'Gamma', 'Zeta'];
export const emailOf = (name: string) => `pay@${name.toLowerCase()}.example`;

function wonAndApproved(partnerId: string, company: string, amount: number): void {
  const domain = `${company.toLowerCase().replace(/\W/g, '')}.example`;
  const reg = t.emu.run('apiRegisterLead', [{ partnerId, company, website: domain, contactEmail: `ceo@${domain}` }], { user: ANA }) as { data: { lead: { id: string } } };
  const id = reg.data.lead.id;
  t.ok('apiMoveLead', id, { to: 'Accepted' });
  t.ok('apiMoveLead', id, { to: 'Qualified' });
  t.ok('apiMoveLead', id, { to: 'Closed Won', dealAmount: amount, closedOn: '2026-02-10' });
}

/** Per `n`, built once for the test file; each call gets a copy restored from its snapshot. */
const withPayouts = new Map<number, () => { t: Tracker }>();

/** A tracker with `n` partners, each with one approved February commission of 1,000.00 (10% of 10,000); `t` from here on. */
export function trackerWithPayouts(n: number): void {
  let fixture = withPayouts.get(n);
  if (!fixture) {
    fixture = restoredFixture(() => buildWithPayouts(n));
    withPayouts.set(n, fixture);
  }
  ({ t } = fixture());
}

function buildWithPayouts(n: number): { t: Tracker } {
  startTracker('2026-02-10T15:00:00Z');
  t.addTeam(ANA, 'Partner team');
  t.addTeam(BOSS, 'Manager');
  t.setSetting('Minimum payout', '100');
  t.setSetting('Payout day', '28');
  t.sheet('Commission Rules')
    .getRange(2, 1, 1, 13)
    .setValues([['R-000001', 'Standard', 'Base', '', '', '', 'Percentage', 0.1, '', '', '', '', 0]]);
  PARTNERS.slice(0, n).forEach((name, i) => {
    t.addPartner({ name: `${name} Partners`, code: name.toUpperCase(), contactEmail: emailOf(name) });
    wonAndApproved(`P-00000${i + 1}`, `${name} Customer`, 10000);
  });
  t.emu.clock.set('2026-03-02T15:00:00Z');
  t.hourly();
  const payable = t
    .rows('Commissions')
    .filter((c) => c.Status === 'Payable')
    .map((c) => c['Commission ID']);
  t.emu.run('apiApproveCommissions', [payable], { user: BOSS });
  return { t };
}

/** A manager runs payouts and approves the Drafts (a statement goes out once its payout is Approved): the owner's next hourly run mails them. */
export const runAsBoss = () => {
  const run = t.emu.run('apiRunPayouts', [], { user: BOSS }) as { ok: boolean; data: { run: PayoutRunView } };
  approveAsBoss();
  return run;
};
/** A manager approves every Draft payout (no mail: only the tracker's account sends). */
export function approveAsBoss(): void {
  const drafts = t
    .rows('Payouts')
    .filter((p) => p.Status === 'Draft')
    .map((p) => p['Payout ID']);
  if (drafts.length) t.emu.run('apiApprovePayouts', [drafts], { user: BOSS });
}
export const summaries = (to = BOSS) => t.emu.services.mail.sentTo(to).filter((m) => /payouts for February 2026/.test(m.subject));
export const reports = (to = BOSS) => t.emu.services.mail.sentTo(to).filter((m) => /possibly not delivered|not sent/.test(m.subject));
export const statements = (name: string) => t.emu.services.mail.sentTo(emailOf(name)).filter((m) => /commission statement/.test(m.subject));
export const ledger = () => t.rows('Mail Queue');
export const ledgerRow = (id: string) => ledger().find((r) => r['Message ID'] === id);

/** Arms `arm` the moment the add-on calls MailApp.sendEmail for the `nth` time from now (1-based). */
export function onSend(nth: number, arm: () => void): void {
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
