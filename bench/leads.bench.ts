/**
 * Lead registration, the form, listing, a pipeline move and the owner's
 * hourly run (expiry, payable commissions, digest) at 1k, 10k and 100k
 * existing leads, through the built bundle in a bare V8 context. Spreadsheet
 * calls must stay fixed as the Leads tab grows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Emulator } from '../emulator';
import { lineCells } from '../src/commissions/commission-store';
import { amountFormula } from '../src/domain/commissions';
import { addDays } from '../src/domain/fields';
import { formatId } from '../src/tracker/ids';
import { BenchRow, measure, named } from './harness';
import {
  ANA,
  BOSS,
  Role,
  SIZES,
  appendRecords,
  check,
  expectHourlyRan,
  expectOk,
  expectRunsOk,
  hourlyTrigger,
  leadId,
  logFromHere,
  loggedJson,
  newTracker,
  partnerId,
  partnerRecords,
  setSetting,
} from './fixtures';

const PARTNERS = 50;
const WORDS = [
  'Northwind',
  'Contoso',
  'Fabrikam',
  'Tailspin',
  'Wingtip',
  'Adventure',
  'Litware',
  'Proseware',
  'Lucerne',
  'Margie',
  'Alpine',
  'Blue Yonder',
  'Coho',
  'Fourth Coffee',
  'Trey',
  'Woodgrove',
];
const SUFFIXES = ['Inc', 'LLC', 'GmbH', 'Ltd', 'S.A.', 'Holdings', 'Group', 'Labs'];
const STATUSES = ['New', 'Accepted', 'Qualified', 'New', 'Accepted', 'Closed Won', 'Rejected'];
/** Closed Won leads in the fixture: every 7th, from L-000006. */
export const isWon = (i: number) => STATUSES[i % STATUSES.length] === 'Closed Won';
const LINE_STATUSES = ['Pending', 'Pending', 'Payable', 'Approved'] as const;

export const TEAM: Array<[string, Role]> = [
  [ANA, 'Partner team'],
  [BOSS, 'Manager'],
];

/**
 * A tracker with partners and `rows` leads, most of them open and protected
 * (the matching worst case), one commission line per won deal (Pending,
 * Payable or Approved; payable in March), two commission rules, and the
 * payout day moved to the 28th so the hourly runs measured here are not
 * payout runs. Everything in the sealed tabs is written as the tracker writes it.
 */
export function trackerWithLeads(buildDir: string, code: string, rows: number): Emulator {
  const now = '2026-03-01T15:00:00Z';
  const emu = newTracker(code, { buildDir, now, team: TEAM, emulator: { spreadsheetTimeZone: 'America/New_York' } });
  setSetting(emu, 'payoutDay', '28');
  const ss = emu.spreadsheetApp.getActiveSpreadsheet();
  const rules = ss.getSheetByName('Commission Rules') as GoogleAppsScript.Spreadsheet.Sheet;
  rules.getRange(2, 1, 2, 7).setValues([
    ['R-000001', 'Standard', 'Base', '', '', '', 'Percentage'],
    ['R-000002', 'SPIFF', 'Bonus', '', '', '', 'Flat'],
  ]);
  rules.getRange(2, 8, 2, 2).setValues([
    [0.15, ''],
    ['', 250],
  ]);

  const created = new Date(now);
  appendRecords(emu, 'partners', () =>
    partnerRecords(
      PARTNERS,
      (n) => `Partner ${n}`,
      (n) => `p${n}@partner${n}.example`,
      created,
    ),
  );
  appendRecords(emu, 'leads', () =>
    Array.from({ length: rows }, (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const status = STATUSES[i % STATUSES.length];
      const value = 1000 + (i % 100) * 10;
      const registeredAt = `2026-02-${day} 10:00:00`;
      return {
        id: leadId(i + 1),
        registeredAt,
        partnerId: partnerId((i % PARTNERS) + 1),
        company: `${WORDS[i % WORDS.length]} ${Math.floor(i / WORDS.length)} ${SUFFIXES[i % SUFFIXES.length]}`,
        website: `www.company${i}.example`,
        domain: `company${i}.example`,
        contactEmail: `buyer${i}@company${i}.example`,
        estimatedValue: value,
        status,
        statusReason: status === 'Rejected' ? 'Not a fit' : '',
        source: 'import',
        updatedAt: registeredAt,
        protectedUntil: `2026-05-${day}`,
        registeredBy: '',
        ...(status === 'Closed Won' ? { dealAmount: value, closedOn: `2026-02-${day}` } : {}),
      };
    }),
  );
  const won = Array.from({ length: rows }, (_, i) => i).filter(isWon);
  appendRecords(emu, 'commissions', (table, first) =>
    won.map((i, j) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const cents = (1000 + (i % 100) * 10) * 100;
      const status = LINE_STATUSES[j % LINE_STATUSES.length];
      const line = {
        kind: 'Base' as const,
        ruleId: 'R-000001',
        dealAmountCents: cents,
        rate: 0.15,
        flatCents: null,
        capCents: null,
        amountCents: Math.round(cents * 0.15),
        payableOn: addDays(`2026-02-${day}`, 30),
      };
      return lineCells(
        table,
        first + j,
        line,
        {
          id: formatId('C-', j + 1),
          leadId: leadId(i + 1),
          partnerId: partnerId((i % PARTNERS) + 1),
          status,
          now: created,
          ...(status === 'Approved' ? { approvedBy: BOSS } : {}),
        },
        amountFormula,
      );
    }),
  );
  // The tracker records the highest commission ID it issued (src/tracker/ids.ts); these lines are its.
  (emu.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties().setProperty('tracker.lastId.C-', String(won.length));
  emu.run('menuCreatePartnerForm');
  check(emu.services.forms.list().length === 1, 'the partner form was not created');
  emu.calls.reset();
  return emu;
}

export function runLeadsBench(buildDir: string): BenchRow[] {
  const code = readFileSync(path.join(buildDir, 'Code.js'), 'utf8');
  const out: BenchRow[] = [];
  for (const size of SIZES) {
    const emu = trackerWithLeads(buildDir, code, size);
    const formId = emu.services.forms.list()[0].id;
    // The sidebar's first usable view: the menu item that opens it (HtmlService, Ui.showSidebar), then the
    // one google.script.run call its Home view makes on load (sidebar/main.ts go('home') → views/home.ts
    // show() → apiGetOverview; the other views and the registration options load only when opened).
    out.push(
      named(
        'open-sidebar',
        measure(
          emu,
          "open the sidebar (menu item + Home's apiGetOverview)",
          size,
          () => {
            const shown = emu.services.ui.sidebars.length;
            emu.run('menuOpenSidebar', [], { user: ANA });
            return { shown: emu.services.ui.sidebars.length - shown, overview: emu.run('apiGetOverview', [], { user: ANA }) };
          },
          (r) => {
            check(r.shown === 1, `${r.shown} sidebars shown`);
            expectOk(r.overview, 'apiGetOverview');
          },
        ),
      ),
    );
    // Home's second call, once the overview is shown: what needs attention today and the figures (a few columns of the busy tabs).
    out.push(
      named(
        'home-attention',
        measure(
          emu,
          "Home's attention list and figures (apiGetAttention)",
          size,
          () => emu.run('apiGetAttention', [], { user: ANA }),
          (r) => expectOk(r, 'apiGetAttention'),
        ),
      ),
    );
    // The sidebar's Insights view and a partner's scorecard (issue 14): one batched read of the tabs, the figures computed in memory.
    out.push(
      named(
        'insights',
        measure(
          emu,
          'Insights for a quarter (apiGetInsights)',
          size,
          () => emu.run('apiGetInsights', [{ kind: 'quarter', start: '2026-01-15' }], { user: ANA }),
          (r) => expectOk(r, 'apiGetInsights'),
        ),
      ),
    );
    out.push(
      measure(
        emu,
        "a partner's scorecard for a quarter (apiGetScorecard)",
        size,
        () => emu.run('apiGetScorecard', ['P-000001', { kind: 'quarter', start: '2026-01-15' }], { user: ANA }),
        (r) => expectOk(r, 'apiGetScorecard'),
      ),
    );
    const fresh = {
      partnerId: 'P-000001',
      company: 'Brand New Prospect Ltd',
      website: 'https://www.brand-new-prospect.example',
      contactEmail: 'cfo@brand-new-prospect.example',
      estimatedValue: '12000',
    };
    // The first registration after the cache was emptied (Google may evict it any time) rebuilds the match index from the tab.
    const first = { ...fresh, company: 'First Of The Day GmbH', website: 'first-of-the-day.example', contactEmail: 'ceo@first-of-the-day.example' };
    out.push(
      measure(
        emu,
        'register lead (sidebar, empty cache: match index rebuilt)',
        size,
        () => emu.run('apiRegisterLead', [first], { user: ANA }),
        (r) => {
          const data = expectOk<{ lead: { id: string }; conflict: string | null }>(r, 'apiRegisterLead');
          check(data.conflict === null, `it collided: ${data.conflict}`);
        },
      ),
    );
    out.push(
      named(
        'register-sidebar',
        measure(
          emu,
          'register lead (sidebar, no conflict)',
          size,
          () => emu.run('apiRegisterLead', [fresh], { user: ANA }),
          (r) => {
            const data = expectOk<{ lead: { id: string }; conflict: string | null }>(r, 'apiRegisterLead');
            check(data.conflict === null, `it collided: ${data.conflict}`);
          },
        ),
      ),
    );
    out.push(
      measure(
        emu,
        'register lead (sidebar, name conflict)',
        size,
        () => emu.run('apiRegisterLead', [{ ...fresh, partnerId: 'P-000002', company: 'Brand New Prospect', website: '', contactEmail: 'x@gmail.com' }], { user: ANA }),
        (r) => {
          const data = expectOk<{ conflict: string | null }>(r, 'apiRegisterLead');
          check(data.conflict, 'it did not collide with the first registration');
        },
      ),
    );
    let log = logFromHere(emu);
    let mails = emu.services.mail.outbox.length;
    out.push(
      named(
        'form-submission',
        measure(
          emu,
          'partner form response → lead + email',
          size,
          () =>
            emu.submitForm(
              formId,
              {
                'Partner code': 'CODE3',
                Company: 'Form Prospect GmbH',
                'Company website': 'form-prospect.example',
                'Contact email': 'it@form-prospect.example',
              },
              { account: 'p3@partner3.example' },
            ),
          (r) => {
            check(r.accepted, 'the form refused the response');
            expectRunsOk(r.runs, 'the form-submit trigger');
            const outcome = loggedJson<{ kind: string }>(log(), 'partner form response: ');
            check(outcome?.kind === 'lead', `the response became ${JSON.stringify(outcome)}`);
            check(emu.services.mail.outbox.length === mails + 1, 'no confirmation email went out');
          },
        ),
      ),
    );
    log = logFromHere(emu);
    mails = emu.services.mail.outbox.length;
    out.push(
      measure(
        emu,
        'partner form response → Form Inbox',
        size,
        () => emu.submitForm(formId, { 'Partner code': 'NOPE', Company: 'X', 'Contact email': 'a@x.example' }, { account: 'p3@partner3.example' }),
        (r) => {
          check(r.accepted, 'the form refused the response');
          expectRunsOk(r.runs, 'the form-submit trigger');
          const outcome = loggedJson<{ kind: string }>(log(), 'partner form response: ');
          check(outcome?.kind === 'inbox', `the response became ${JSON.stringify(outcome)}`);
        },
      ),
    );
    out.push(
      measure(
        emu,
        'list open leads (50)',
        size,
        () => emu.run('apiListLeads', [{}], { user: ANA }),
        (r) => {
          const data = expectOk<{ leads: unknown[]; total: number }>(r, 'apiListLeads');
          check(data.leads.length === 50 && data.total > 50, `listed ${data.leads.length} of ${data.total}`);
        },
      ),
    );
    out.push(
      named(
        'move-lead',
        measure(
          emu,
          'move lead New → Accepted',
          size,
          () => emu.run('apiMoveLead', ['L-000001', { to: 'Accepted' }], { user: ANA }),
          (r) => {
            check(expectOk<{ status: string }>(r, 'apiMoveLead').status === 'Accepted', 'the lead did not move');
          },
        ),
      ),
    );

    // May 15th: the leads protected until May 1st–14th expire, March's Pending lines become payable, the digest goes out.
    emu.clock.set('2026-05-15T12:00:00Z');
    const hourly = hourlyTrigger(emu);
    log = logFromHere(emu);
    out.push(
      measure(
        emu,
        'hourly run: expiry + payable + digest',
        size,
        () => emu.fireTimeTrigger(hourly),
        (runs) => {
          const steps = expectHourlyRan(runs, log());
          const expired = (steps.expiry as { expired: string[] }).expired;
          check(expired.length > size / 5, `only ${expired.length} leads expired`);
          check((steps.payable as string[]).length > 0, 'no commission line became payable');
          check(steps.digest === 'sent' && emu.services.mail.sentTo(ANA).length === 1, `the digest was ${JSON.stringify(steps.digest)}`);
          check('skipped' in (steps.payouts as object), `the hourly run paid out: ${JSON.stringify(steps.payouts)}`);
        },
      ),
    );
    emu.clock.set('2026-05-15T13:00:00Z');
    log = logFromHere(emu);
    mails = emu.services.mail.outbox.length;
    out.push(
      measure(
        emu,
        'hourly run an hour later (nothing due)',
        size,
        () => emu.fireTimeTrigger(hourly),
        (runs) => {
          const steps = expectHourlyRan(runs, log());
          check((steps.expiry as { expired: string[] }).expired.length === 0, 'leads expired again');
          check((steps.payable as string[]).length === 0, 'lines became payable again');
          check(steps.digest !== 'sent' && emu.services.mail.outbox.length === mails, 'a second digest went out');
        },
      ),
    );
  }
  return out;
}
