import type { RandomSource } from '../../core/seeded-random';
import { DemoActors } from './actors';
import {
  BANK_DETAILS_PENDING,
  CONFLICT_ACCEPT_REASON,
  CONFLICT_REJECT_REASON,
  DEMO_PARTNERS,
  DEMO_RULES,
  DEMO_SETTINGS,
  DEMO_TEAM,
  DemoCustomer,
  DemoPartner,
  LOST_REASONS,
  PARTNER_CHANGES,
  PRODUCTS,
  REFUND_REASONS,
  REJECT_REASONS,
  customerNumber,
} from './programme';

/**
 * One emulated year of the demo programme, a day at a time (generate.ts drives it).
 * Each registration gets its future when it is made — rejected, left to expire,
 * lost, won, refunded — as moves on later days; moves that fall after the last day
 * never happen, so the newest leads are still open at the end, as in a live programme.
 */
type Move = { to: 'Accepted' | 'Rejected' | 'Qualified' | 'Closed Lost' | 'Refunded'; reason?: string } | { to: 'Closed Won'; dealAmount: number; closedOn: string };

interface PlannedMove {
  leadId: string;
  by: string;
  move: Move | 'won';
  estimate: number;
}

interface RegisteredLead {
  id: string;
  status: string;
}

interface OpenLead {
  id: string;
  customer: number;
  partnerCode: string;
  registeredOn: number;
}

const HOUR = 3600000;
const MINUTE = 60000;
const DAY = 86400000;
const TIER_WEIGHT = { Platinum: 5, Gold: 3, Silver: 2, Registered: 1 } as const;

export class DemoProgramme {
  readonly activity: Record<string, number> = {};
  private readonly agenda = new Map<number, PlannedMove[]>();
  private readonly partnerIds = new Map<string, string>();
  private readonly paused = new Set<string>();
  private readonly openLeads: OpenLead[] = [];
  private nextCustomer = 0;
  private formId = '';
  private minute = 0;

  constructor(
    private readonly actors: DemoActors,
    private readonly random: RandomSource,
    private readonly firstDayMs: number,
    private readonly days: number,
  ) {}

  private count(what: string): void {
    this.activity[what] = (this.activity[what] ?? 0) + 1;
  }

  private pick(size: number): number {
    return Math.floor(this.random() * size);
  }

  private between(low: number, high: number): number {
    return low + this.pick(high - low + 1);
  }

  private dateOf(day: number): string {
    return new Date(this.firstDayMs + day * DAY).toISOString().slice(0, 10);
  }

  /** Sets the clock to `hour`:00 UTC of `day`, plus a minute per action already taken that day (so each action has its own time). */
  private at(day: number, hour: number): void {
    this.actors.emu.clock.set(new Date(this.firstDayMs + day * DAY + hour * HOUR + this.minute++ * MINUTE));
  }

  // ---- the first day: the owner sets the tracker up ----------------------------------------

  setUp(): void {
    const { actors } = this;
    const owner = actors.owner;
    this.minute = 0;
    this.at(0, 13);
    actors.emu.install();
    actors.emu.open('LIMITED', owner);
    actors.menu(owner, 'menuSetUpTracker');
    for (const [label, value] of DEMO_SETTINGS) this.typeSetting(label, value);
    this.pasteRules();
    for (const member of Object.values(DEMO_TEAM)) {
      for (const role of member.roles) actors.call(owner, 'apiAddTeamMember', { email: member.email, role, name: member.name });
    }
    for (const partner of DEMO_PARTNERS.filter((p) => p.joinsOnDay === 0)) this.addPartner(partner);
    actors.menu(owner, 'menuCreatePartnerForm');
    const forms = actors.emu.services.forms.list();
    this.formId = forms[forms.length - 1].id;
  }

  /** The owner types a setting's value into the Settings tab (the edit trigger checks it). */
  private typeSetting(label: string, value: string): void {
    const sheet = this.actors.emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Settings');
    const labels = sheet
      ? sheet
          .getRange(1, 1, sheet.getLastRow(), 1)
          .getDisplayValues()
          .map((r) => r[0])
      : [];
    const row = labels.indexOf(label) + 1;
    if (row < 1) throw new Error(`demo: the Settings tab has no "${label}" row`);
    this.actors.edit(this.actors.owner, `'Settings'!B${row}`, value);
  }

  /** The owner pastes the programme's rules under the Commission Rules header, as copied from the old spreadsheet. */
  private pasteRules(): void {
    const rows = DEMO_RULES.map((r, i) => [
      `R-${String(i + 1).padStart(6, '0')}`,
      r.name,
      r.ruleType,
      r.tier,
      r.type,
      r.product,
      r.kind,
      r.rate,
      r.flat,
      r.acceleratorThreshold,
      r.acceleratorRate,
      r.cap,
      r.holdingDays,
      r.from === null ? '' : this.dateOf(r.from),
      r.to === null ? '' : this.dateOf(r.to),
      r.notes,
      'Yes',
    ]);
    this.actors.edit(this.actors.owner, `'Commission Rules'!A2:Q${rows.length + 1}`, rows);
  }

  private addPartner(partner: DemoPartner): void {
    const { name, code, contactName, contactEmail, type, tier, region, productFocus, notes } = partner;
    const saved = this.actors.call<{ id: string }>(this.actors.owner, 'apiSavePartner', { name, code, contactName, contactEmail, type, tier, region, productFocus, notes });
    this.partnerIds.set(code, saved.id);
    this.count('partners added');
  }

  // ---- every other day ------------------------------------------------------------------

  runDay(day: number): void {
    this.minute = 0;
    const weekday = new Date(this.firstDayMs + day * DAY).getUTCDay();
    const workday = weekday >= 1 && weekday <= 5;
    const dayOfMonth = new Date(this.firstDayMs + day * DAY).getUTCDate();
    if (day > 0) {
      // The owner's time-driven trigger, early in the day.
      this.at(day, 12);
      this.actors.hourly();
      this.count('hourly runs');
    }
    this.at(day, 13);
    for (const partner of DEMO_PARTNERS) if (partner.joinsOnDay === day && day > 0) this.addPartner(partner);
    for (const change of PARTNER_CHANGES) if (change.onDay === day) this.changePartner(change.code, change.change);
    if (workday && weekday === 1) this.approveCommissions(day);
    if (dayOfMonth === 3) this.approvePayouts(day);
    if (dayOfMonth === 8) this.payPayouts(day);
    this.at(day, 15);
    for (const planned of this.agenda.get(day) ?? []) this.carryOut(day, planned);
    this.agenda.delete(day);
    this.at(day, 17);
    for (let i = this.registrationsOn(workday); i > 0; i--) this.register(day);
    // Near the end, one conflict left for the team to decide and a few fresh leads, whatever the dice said.
    if (day === this.days - 12) this.register(day, { conflict: true, undecided: true });
    if (day >= this.days - 2) this.register(day, { channel: 'sidebar' });
  }

  private registrationsOn(workday: boolean): number {
    if (!workday) return this.random() < 0.15 ? 1 : 0;
    return (this.random() < 0.55 ? 1 : 0) + (this.random() < 0.2 ? 1 : 0);
  }

  private changePartner(code: string, change: { tier?: string; notes?: string; status?: 'Active' | 'Paused' }): void {
    const manager = DEMO_TEAM.manager.email;
    const current = this.actors.call<Array<Record<string, unknown>>>(manager, 'apiListPartners').find((p) => p.code === code);
    if (!current) throw new Error(`demo: no partner ${code} to change`);
    const { id, name, contactName, contactEmail, type, tier, region, productFocus, status, joinedOn, notes } = current;
    this.actors.call(manager, 'apiSavePartner', { id, name, code, contactName, contactEmail, type, tier, region, productFocus, status, joinedOn, notes, ...change });
    if (change.status === 'Paused') this.paused.add(code);
    this.count('partners changed');
  }

  // ---- registrations -----------------------------------------------------------------------

  private activePartners(day: number): DemoPartner[] {
    return DEMO_PARTNERS.filter((p) => p.joinsOnDay <= day && !this.paused.has(p.code));
  }

  private choosePartner(day: number, except?: string): DemoPartner {
    const candidates = this.activePartners(day).filter((p) => p.code !== except);
    const total = candidates.reduce((sum, p) => sum + TIER_WEIGHT[p.tier], 0);
    let ticket = this.random() * total;
    for (const partner of candidates) {
      ticket -= TIER_WEIGHT[partner.tier];
      if (ticket < 0) return partner;
    }
    return candidates[candidates.length - 1];
  }

  /**
   * A partner registers a deal: through the team in the sidebar, or on the partner form (where a
   * mistyped or paused partner code lands the response in the Form Inbox). Sometimes it is a
   * customer another partner registered first: a conflict.
   */
  private register(day: number, forced: { conflict?: boolean; undecided?: boolean; channel?: 'sidebar' | 'form' } = {}): void {
    const rivals = this.openLeads.filter((l) => day - l.registeredOn <= 60);
    const collide = rivals.length > 0 && (forced.conflict === true || (!forced.channel && this.random() < 0.08));
    const earlier = collide ? rivals[this.pick(rivals.length)] : null;
    const partner = this.choosePartner(day, earlier?.partnerCode);
    const customerNo = earlier ? earlier.customer : this.nextCustomer++;
    const customer = customerNumber(customerNo, (n) => this.pick(n));
    if (earlier) customer.website = customer.website.replace('://www.', '://sales.');
    const product = partner.productFocus && this.random() < 0.6 ? partner.productFocus : PRODUCTS[this.pick(PRODUCTS.length)];
    const estimate = this.between(8, 120) * 1000;
    const channel = forced.channel ?? (this.random() < 0.35 ? 'form' : 'sidebar');
    const lead = channel === 'form' ? this.registerOnForm(partner, customer, product, estimate) : this.registerInSidebar(day, partner, customer, product, estimate);
    if (!lead) return;
    const leadId = lead.id;
    if (lead.status === 'Conflict') {
      this.count('conflicts');
      if (!forced.undecided) this.planConflictDecision(day, leadId, estimate);
    } else {
      this.openLeads.push({ id: leadId, customer: customerNo, partnerCode: partner.code, registeredOn: day });
      this.planPipeline(day, leadId, estimate);
    }
  }

  private registerInSidebar(day: number, partner: DemoPartner, customer: DemoCustomer, product: string, estimate: number): RegisteredLead {
    const partnerId = this.partnerIds.get(partner.code) as string;
    const expectedClose = this.dateOf(day + this.between(30, 90));
    const result = this.actors.call<{ lead: RegisteredLead }>(DEMO_TEAM.teammate.email, 'apiRegisterLead', {
      partnerId,
      company: customer.company,
      website: customer.website,
      contactName: customer.contactName,
      contactEmail: customer.contactEmail,
      product,
      estimatedValue: estimate,
      expectedClose,
      notes: `Registered for ${partner.name} after a call with ${partner.contactName}.`,
    });
    this.count('sidebar registrations');
    return { id: result.lead.id, status: result.lead.status };
  }

  /** The partner fills in the form; returns the lead it made (as the team finds it in the sidebar), or null when the response went to the Form Inbox. */
  private registerOnForm(partner: DemoPartner, customer: DemoCustomer, product: string, estimate: number): RegisteredLead | null {
    const dice = this.random();
    // Partners type their code in any case; a few mistype it, or use a paused partner's code.
    const pausedCode = [...this.paused][0];
    const code = dice < 0.1 ? mistype(partner.code) : dice < 0.16 && pausedCode ? pausedCode.toLowerCase() : dice < 0.5 ? partner.code.toLowerCase() : partner.code;
    this.actors.submitForm(
      this.formId,
      {
        'Partner code': code,
        Company: customer.company,
        'Company website': customer.website.replace('https://', ''),
        'Contact name': customer.contactName,
        'Contact email': customer.contactEmail,
        Product: product,
        'Estimated deal value': String(estimate),
        Notes: 'Submitted on the partner form.',
      },
      partner.contactEmail,
    );
    if (code.toUpperCase() !== partner.code) {
      this.count('form responses to the inbox');
      return null;
    }
    this.count('form registrations');
    const found = this.actors.call<{ leads: RegisteredLead[] }>(DEMO_TEAM.teammate.email, 'apiListLeads', {
      search: customer.contactEmail,
      status: 'all',
      partnerId: this.partnerIds.get(partner.code),
      limit: 200,
    });
    const newest = found.leads.reduce<RegisteredLead | null>((latest, l) => (latest === null || l.id > latest.id ? l : latest), null);
    if (!newest) throw new Error(`demo: ${partner.code}'s form response for ${customer.company} made no lead and no inbox row was expected`);
    return { id: newest.id, status: newest.status };
  }

  // ---- what happens to a lead later --------------------------------------------------------

  private plan(day: number, planned: PlannedMove): void {
    if (day >= this.days) return;
    const list = this.agenda.get(day) ?? [];
    list.push(planned);
    this.agenda.set(day, list);
  }

  private planConflictDecision(day: number, leadId: string, estimate: number): void {
    const manager = DEMO_TEAM.manager.email;
    const decidedOn = day + this.between(2, 6);
    if (this.random() < 0.7) {
      this.plan(decidedOn, { leadId, by: manager, move: { to: 'Rejected', reason: CONFLICT_REJECT_REASON }, estimate });
    } else {
      this.plan(decidedOn, { leadId, by: manager, move: { to: 'Accepted', reason: CONFLICT_ACCEPT_REASON }, estimate });
      this.planFromAccepted(decidedOn, leadId, estimate);
    }
  }

  private planPipeline(day: number, leadId: string, estimate: number): void {
    const teammate = DEMO_TEAM.teammate.email;
    const fate = this.random();
    if (fate < 0.1) {
      this.plan(day + this.between(1, 3), { leadId, by: teammate, move: { to: 'Rejected', reason: REJECT_REASONS[this.pick(REJECT_REASONS.length)] }, estimate });
      return;
    }
    if (fate < 0.2) return; // Nobody picks it up: the hourly run expires it when its protection ends.
    const acceptedOn = day + this.between(1, 4);
    this.plan(acceptedOn, { leadId, by: teammate, move: { to: 'Accepted' }, estimate });
    this.planFromAccepted(acceptedOn, leadId, estimate);
  }

  private planFromAccepted(acceptedOn: number, leadId: string, estimate: number): void {
    const teammate = DEMO_TEAM.teammate.email;
    const manager = DEMO_TEAM.manager.email;
    if (this.random() < 0.12) return; // Stalls after acceptance, and expires.
    const qualifiedOn = acceptedOn + this.between(7, 25);
    this.plan(qualifiedOn, { leadId, by: teammate, move: { to: 'Qualified', reason: 'Budget and timeline confirmed' }, estimate });
    if (this.random() < 0.3) {
      this.plan(qualifiedOn + this.between(10, 40), { leadId, by: teammate, move: { to: 'Closed Lost', reason: LOST_REASONS[this.pick(LOST_REASONS.length)] }, estimate });
      return;
    }
    const wonOn = qualifiedOn + this.between(10, 45);
    this.plan(wonOn, { leadId, by: this.random() < 0.5 ? teammate : manager, move: 'won', estimate });
    if (this.random() < 0.14) this.plan(wonOn + this.between(45, 100), { leadId, by: manager, move: { to: 'Refunded', reason: REFUND_REASONS[this.pick(REFUND_REASONS.length)] }, estimate });
  }

  private carryOut(day: number, planned: PlannedMove): void {
    const move: Move = planned.move === 'won' ? { to: 'Closed Won', dealAmount: Math.round((planned.estimate * (0.7 + this.random() * 0.6)) / 100) * 100, closedOn: this.dateOf(day) } : planned.move;
    this.actors.call(planned.by, 'apiMoveLead', planned.leadId, move);
    this.count(`moved to ${move.to}`);
    if (move.to !== 'Accepted' && move.to !== 'Qualified') {
      const at = this.openLeads.findIndex((l) => l.id === planned.leadId);
      if (at >= 0) this.openLeads.splice(at, 1);
    }
  }

  // ---- money -------------------------------------------------------------------------------

  /** Mondays: a manager approves every payable line the Approvals view lists. */
  private approveCommissions(day: number): void {
    const manager = DEMO_TEAM.manager.email;
    this.at(day, 14);
    const list = this.actors.call<{ groups: Array<{ lines: Array<{ id: string }> }> }>(manager, 'apiListApprovals');
    const ids = list.groups.flatMap((g) => g.lines.map((l) => l.id));
    if (!ids.length) return;
    const result = this.actors.call<{ changed: string[]; refused: Array<{ id: string; reason: string }> }>(manager, 'apiApproveCommissions', ids);
    if (result.refused.length) throw new Error(`demo: approvals refused: ${JSON.stringify(result.refused)}`);
    this.count('commission approvals');
  }

  /** The 3rd: a manager approves last month's draft payouts (the owner's run made them on the 1st). */
  private approvePayouts(day: number): void {
    const manager = DEMO_TEAM.manager.email;
    this.at(day, 14);
    const view = this.actors.call<{ rows: Array<{ payoutId: string | null; status: string }> }>(manager, 'apiGetPayouts');
    const drafts = view.rows.filter((r) => r.status === 'Draft' && r.payoutId).map((r) => r.payoutId as string);
    if (!drafts.length) return;
    this.actors.call(manager, 'apiApprovePayouts', drafts);
    this.count('payout approvals');
  }

  /** The 8th: Finance pays last month's approved payouts, except a partner whose bank details are being confirmed. */
  private payPayouts(day: number): void {
    const finance = DEMO_TEAM.finance.email;
    this.at(day, 14);
    const view = this.actors.call<{ period: { start: string }; rows: Array<{ payoutId: string | null; partnerId: string; status: string }> }>(finance, 'apiGetPayouts');
    const held = day >= BANK_DETAILS_PENDING.fromDay ? this.partnerIds.get(BANK_DETAILS_PENDING.code) : undefined;
    const approved = view.rows.filter((r) => r.status === 'Approved' && r.payoutId && r.partnerId !== held).map((r) => r.payoutId as string);
    if (!approved.length) return;
    this.actors.call(finance, 'apiMarkPayoutsPaid', approved, `BANK-${view.period.start.slice(0, 7).replace('-', '')}`, this.dateOf(day));
    this.count('payouts paid');
  }
}

/** A plausible typo of a partner code: two letters swapped. */
function mistype(code: string): string {
  const i = Math.max(1, Math.floor(code.length / 2));
  return `${code.slice(0, i - 1)}${code[i]}${code[i - 1]}${code.slice(i + 1)}`.toLowerCase();
}
