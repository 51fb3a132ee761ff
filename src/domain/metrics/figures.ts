import { addDays, daysBetween, inPeriod, monthOf, monthsEnding, previousPeriod, shortMonthLabel } from './period';
import { Breakdowns, DashboardFigures, Engagement, Funnel, Headline, LeaderboardRow, MetricsInput, MetricsLead, MetricsPartner, MetricsPeriod, Scorecard, SegmentRow, TrendPoint } from './types';

/**
 * The programme's figures for a period, from one read of the tabs (pure). The definitions, which
 * the README's Dashboard section repeats in words:
 *
 * - Registered in a period: a lead whose Registered At falls on a day of the period (every
 *   status, Conflict and Rejected included: it is what partners brought).
 * - Accepted: registered in the period and now Accepted, Qualified, Closed Won, Closed Lost or
 *   Refunded (a lead's history is not kept, so Expired counts as never accepted).
 * - Funnel: the period's registered leads, each counted at every stage up to the furthest it
 *   reached: accepted (as above), qualified (Qualified, Closed Won, Closed Lost, Refunded), won
 *   (Closed Won, Refunded: a refunded deal was won first).
 * - Won / lost in a period: Closed Won / Closed Lost with Closed On in the period, whenever it was
 *   registered. A refunded deal is not won (its revenue went back).
 * - Win rate: won / (won + lost), both closed in the period; blank when nothing closed.
 * - Won revenue: the Deal Amount of the deals won in the period (a blank amount adds nothing).
 * - Share of partner-sourced revenue: a partner's (or segment's) won revenue over all won revenue
 *   in the period (every lead in the tracker is partner-sourced); blank when none was won.
 * - Average deal size: won revenue over the won deals that have an amount, rounded to the cent.
 * - Average days to close: over deals won in the period, days from the registration day to Closed On.
 * - Commissions earned: lines that are not Void, counted by the close date of the deal they pay
 *   on (clawbacks, negative, by their deal's close date too). Paid: lines Paid, counted by the day
 *   their payout was marked Paid.
 * - Last activity: the latest day a partner registered a lead or one of their leads was updated.
 * - Engagement, on the period's last day, among partners whose status is Active and who had
 *   joined by then: new = joined in the last NEW_DAYS days; active = not new, with activity (a
 *   registration or a lead update) in the last ACTIVE_DAYS days; dormant = the others.
 * - Segments (tier, region, type) use each partner's current values; product uses the lead's
 *   Product. A blank value is "(none)"; a lead whose Partner ID is not in Partners is
 *   "(not in Partners)". A segment's partners: those with a lead registered or won in it in the period.
 * - Trend: the 12 calendar months ending with the period's last month.
 */

export const ACTIVE_DAYS = 90;
export const NEW_DAYS = 30;
export const TREND_MONTHS = 12;
export const NONE = '(none)';
export const NOT_IN_PARTNERS = '(not in Partners)';

const ACCEPTED = new Set(['Accepted', 'Qualified', 'Closed Won', 'Closed Lost', 'Refunded']);
const QUALIFIED = new Set(['Qualified', 'Closed Won', 'Closed Lost', 'Refunded']);
const REACHED_WON = new Set(['Closed Won', 'Refunded']);

/** What one partner (or segment) did in a period. */
interface Tally {
  registered: number;
  accepted: number;
  qualified: number;
  reachedWon: number;
  won: number;
  lost: number;
  wonRevenue: number;
  wonWithAmount: number;
  closeDaysSum: number;
  closeDaysCount: number;
  earned: number;
  paid: number;
  /** Partners with a lead registered or won in it. */
  partners: Set<string>;
}

const emptyTally = (): Tally => ({
  registered: 0,
  accepted: 0,
  qualified: 0,
  reachedWon: 0,
  won: 0,
  lost: 0,
  wonRevenue: 0,
  wonWithAmount: 0,
  closeDaysSum: 0,
  closeDaysCount: 0,
  earned: 0,
  paid: 0,
  partners: new Set(),
});

function tallyLead(t: Tally, lead: MetricsLead, period: MetricsPeriod): void {
  if (inPeriod(lead.registeredOn, period)) {
    t.registered++;
    if (ACCEPTED.has(lead.status)) t.accepted++;
    if (QUALIFIED.has(lead.status)) t.qualified++;
    if (REACHED_WON.has(lead.status)) t.reachedWon++;
    t.partners.add(lead.partnerId);
  }
  if (!inPeriod(lead.closedOn, period)) return;
  if (lead.status === 'Closed Lost') t.lost++;
  if (lead.status !== 'Closed Won') return;
  t.won++;
  t.partners.add(lead.partnerId);
  if (lead.dealAmountCents !== null) {
    t.wonRevenue += lead.dealAmountCents;
    t.wonWithAmount++;
  }
  if (lead.registeredOn && lead.registeredOn <= lead.closedOn) {
    t.closeDaysSum += daysBetween(lead.registeredOn, lead.closedOn);
    t.closeDaysCount++;
  }
}

/** Tallies of the period keyed by `leadKey` (commissions keyed by the key of the lead they pay on, else `commissionKey`). */
function tallies(input: MetricsInput, period: MetricsPeriod, leadKey: (lead: MetricsLead) => string, commissionKey: (partnerId: string, lead: MetricsLead | undefined) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  const at = (key: string): Tally => {
    let t = out.get(key);
    if (!t) out.set(key, (t = emptyTally()));
    return t;
  };
  const leadsById = new Map<string, MetricsLead>();
  for (const lead of input.leads) {
    leadsById.set(lead.id, lead);
    if (inPeriod(lead.registeredOn, period) || inPeriod(lead.closedOn, period)) tallyLead(at(leadKey(lead)), lead, period);
  }
  for (const line of input.commissions) {
    const earned = line.status !== 'Void' && inPeriod(line.earnedOn, period);
    const paid = line.status === 'Paid' && inPeriod(line.paidOn, period);
    if (!earned && !paid) continue;
    const t = at(commissionKey(line.partnerId, leadsById.get(line.leadId)));
    if (earned) t.earned += line.amountCents;
    if (paid) t.paid += line.amountCents;
  }
  return out;
}

function total(parts: Iterable<Tally>): Tally {
  const sum = emptyTally();
  for (const t of parts) {
    sum.registered += t.registered;
    sum.accepted += t.accepted;
    sum.qualified += t.qualified;
    sum.reachedWon += t.reachedWon;
    sum.won += t.won;
    sum.lost += t.lost;
    sum.wonRevenue += t.wonRevenue;
    sum.wonWithAmount += t.wonWithAmount;
    sum.closeDaysSum += t.closeDaysSum;
    sum.closeDaysCount += t.closeDaysCount;
    sum.earned += t.earned;
    sum.paid += t.paid;
    for (const p of t.partners) sum.partners.add(p);
  }
  return sum;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
const winRate = (t: Tally) => ratio(t.won, t.won + t.lost);
const averageDeal = (t: Tally) => (t.wonWithAmount === 0 ? null : Math.round(t.wonRevenue / t.wonWithAmount));
const averageDays = (t: Tally) => ratio(t.closeDaysSum, t.closeDaysCount);
const funnelOf = (t: Tally): Funnel => ({ registered: t.registered, accepted: t.accepted, qualified: t.qualified, won: t.reachedWon });

function byPartner(input: MetricsInput, period: MetricsPeriod): Map<string, Tally> {
  return tallies(
    input,
    period,
    (lead) => lead.partnerId,
    (partnerId) => partnerId,
  );
}

/** Each partner's latest activity day (registration or lead update). */
function lastActivity(input: MetricsInput): Map<string, string> {
  const out = new Map<string, string>();
  for (const lead of input.leads) {
    const latest = lead.updatedOn > lead.registeredOn ? lead.updatedOn : lead.registeredOn;
    if (latest && latest > (out.get(lead.partnerId) ?? '')) out.set(lead.partnerId, latest);
  }
  return out;
}

export function engagementOn(input: MetricsInput, day: string): Engagement {
  const activeFrom = addDays(day, 1 - ACTIVE_DAYS);
  const newFrom = addDays(day, 1 - NEW_DAYS);
  const activeIds = new Set<string>();
  const within = (d: string) => d !== '' && d >= activeFrom && d <= day;
  for (const lead of input.leads) if (within(lead.registeredOn) || within(lead.updatedOn)) activeIds.add(lead.partnerId);
  const e: Engagement = {
    definition:
      `On ${day}, among partners with status Active who had joined by then: new = joined in the last ${NEW_DAYS} days; ` +
      `active = not new, registered a lead or had a lead updated in the last ${ACTIVE_DAYS} days; dormant = neither.`,
    activeDays: ACTIVE_DAYS,
    newDays: NEW_DAYS,
    active: 0,
    dormant: 0,
    new: 0,
  };
  for (const p of input.partners) {
    if (p.status !== 'Active' || (p.joinedOn !== '' && p.joinedOn > day)) continue;
    if (p.joinedOn !== '' && p.joinedOn >= newFrom) e.new++;
    else if (activeIds.has(p.id)) e.active++;
    else e.dormant++;
  }
  return e;
}

function headlineOf(current: Tally, previous: Tally, engagement: [Engagement, Engagement] | null): Headline[] {
  const h = (key: string, label: string, format: Headline['format'], f: (t: Tally) => number | null): Headline => ({ key, label, format, current: f(current), previous: f(previous) });
  const rows = [
    h('leadsRegistered', 'Leads registered', 'count', (t) => t.registered),
    h('leadsAccepted', 'Leads accepted', 'count', (t) => t.accepted),
    h('dealsWon', 'Deals won', 'count', (t) => t.won),
    h('dealsLost', 'Deals lost', 'count', (t) => t.lost),
    h('winRate', 'Win rate (won / closed)', 'percent', winRate),
    h('wonRevenue', 'Won revenue', 'money', (t) => t.wonRevenue),
    h('averageDeal', 'Average deal size', 'money', averageDeal),
    h('averageDaysToClose', 'Average days to close', 'days', averageDays),
    h('commissionsEarned', 'Commissions earned', 'money', (t) => t.earned),
    h('commissionsPaid', 'Commissions paid', 'money', (t) => t.paid),
  ];
  if (engagement) {
    const [now, before] = engagement;
    rows.push(
      { key: 'partnersWithDeals', label: 'Partners with leads or wins', format: 'count', current: current.partners.size, previous: previous.partners.size },
      { key: 'activePartners', label: 'Active partners', format: 'count', current: now.active, previous: before.active },
      { key: 'newPartners', label: 'New partners', format: 'count', current: now.new, previous: before.new },
      { key: 'dormantPartners', label: 'Dormant partners', format: 'count', current: now.dormant, previous: before.dormant },
    );
  }
  return rows;
}

function trendOf(input: MetricsInput, endDay: string, partnerId?: string): TrendPoint[] {
  const months = monthsEnding(endDay, TREND_MONTHS);
  const points: TrendPoint[] = months.map((month) => ({ month, label: shortMonthLabel(month), leadsRegistered: 0, dealsWon: 0, wonRevenueCents: 0, commissionsEarnedCents: 0 }));
  const index = new Map(months.map((m, i) => [m, i]));
  const point = (day: string) => (day === '' ? undefined : points[index.get(monthOf(day)) ?? -1]);
  for (const lead of input.leads) {
    if (partnerId !== undefined && lead.partnerId !== partnerId) continue;
    const registered = point(lead.registeredOn);
    if (registered) registered.leadsRegistered++;
    const won = lead.status === 'Closed Won' ? point(lead.closedOn) : undefined;
    if (won) {
      won.dealsWon++;
      won.wonRevenueCents += lead.dealAmountCents ?? 0;
    }
  }
  for (const line of input.commissions) {
    if (line.status === 'Void' || (partnerId !== undefined && line.partnerId !== partnerId)) continue;
    const earned = point(line.earnedOn);
    if (earned) earned.commissionsEarnedCents += line.amountCents;
  }
  return points;
}

function segmentRows(parts: Map<string, Tally>, totalRevenue: number): SegmentRow[] {
  return [...parts]
    .map(([segment, t]) => ({ segment, partners: t.partners.size, leadsRegistered: t.registered, dealsWon: t.won, wonRevenueCents: t.wonRevenue, revenueShare: ratio(t.wonRevenue, totalRevenue) }))
    .filter((r) => r.leadsRegistered > 0 || r.dealsWon > 0)
    .sort((a, b) => b.wonRevenueCents - a.wonRevenueCents || b.leadsRegistered - a.leadsRegistered || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0));
}

function breakdownsOf(input: MetricsInput, period: MetricsPeriod, partnerTallies: Map<string, Tally>, totalRevenue: number): Breakdowns {
  const partners = new Map(input.partners.map((p) => [p.id, p]));
  const groupBy = (attribute: (p: MetricsPartner) => string): SegmentRow[] => {
    const groups = new Map<string, Tally[]>();
    for (const [id, t] of partnerTallies) {
      const p = partners.get(id);
      const segment = p ? attribute(p) || NONE : NOT_IN_PARTNERS;
      const list = groups.get(segment) ?? [];
      list.push(t);
      groups.set(segment, list);
    }
    return segmentRows(new Map([...groups].map(([segment, list]) => [segment, total(list)])), totalRevenue);
  };
  const byProduct = tallies(
    input,
    period,
    (lead) => lead.product || NONE,
    (_, lead) => lead?.product || NONE,
  );
  return {
    tier: groupBy((p) => p.tier),
    region: groupBy((p) => p.region),
    type: groupBy((p) => p.type),
    product: segmentRows(byProduct, totalRevenue),
  };
}

/** Everything the Dashboard shows for `period` against the one before it. */
export function dashboardFigures(input: MetricsInput, period: MetricsPeriod): DashboardFigures {
  const previous = previousPeriod(period);
  const current = byPartner(input, period);
  const before = byPartner(input, previous);
  const sum = total(current.values());
  const sumBefore = total(before.values());
  const engagement = engagementOn(input, period.end);
  const partners = new Map(input.partners.map((p) => [p.id, p]));
  const activity = lastActivity(input);
  const leaderboard: LeaderboardRow[] = [...current]
    .filter(([, t]) => t.registered > 0 || t.won > 0 || t.lost > 0 || t.earned !== 0 || t.paid !== 0)
    .map(([partnerId, t]) => ({
      partnerId,
      name: partners.get(partnerId)?.name ?? NOT_IN_PARTNERS,
      tier: partners.get(partnerId)?.tier ?? '',
      leadsRegistered: t.registered,
      leadsAccepted: t.accepted,
      dealsWon: t.won,
      winRate: winRate(t),
      wonRevenueCents: t.wonRevenue,
      revenueShare: ratio(t.wonRevenue, sum.wonRevenue),
      averageDealCents: averageDeal(t),
      averageDaysToClose: averageDays(t),
      commissionsEarnedCents: t.earned,
      commissionsPaidCents: t.paid,
      lastActivity: activity.get(partnerId) ?? '',
    }))
    .sort((a, b) => b.wonRevenueCents - a.wonRevenueCents || b.dealsWon - a.dealsWon || b.leadsRegistered - a.leadsRegistered || a.name.localeCompare(b.name) || (a.partnerId < b.partnerId ? -1 : 1));
  return {
    period,
    previous,
    headline: headlineOf(sum, sumBefore, [engagement, engagementOn(input, previous.end)]),
    funnel: funnelOf(sum),
    previousFunnel: funnelOf(sumBefore),
    leaderboard,
    breakdowns: breakdownsOf(input, period, current, sum.wonRevenue),
    trend: trendOf(input, period.end),
    engagement,
  };
}

/** One partner's figures for `period` against the one before it. */
export function partnerScorecard(input: MetricsInput, partnerId: string, period: MetricsPeriod): Scorecard {
  const partner = input.partners.find((p) => p.id === partnerId);
  if (!partner) throw new Error(`There is no partner ${partnerId} on the Partners tab.`);
  const previous = previousPeriod(period);
  const current = byPartner(input, period);
  const before = byPartner(input, previous);
  const mine = current.get(partnerId) ?? emptyTally();
  const mineBefore = before.get(partnerId) ?? emptyTally();
  const share = (all: Map<string, Tally>, t: Tally) => ratio(t.wonRevenue, total(all.values()).wonRevenue);
  const headline = headlineOf(mine, mineBefore, null);
  headline.splice(6, 0, { key: 'revenueShare', label: 'Share of partner-sourced revenue', format: 'percent', current: share(current, mine), previous: share(before, mineBefore) });
  const deals = input.leads
    .filter((l) => l.partnerId === partnerId && (inPeriod(l.registeredOn, period) || inPeriod(l.closedOn, period)))
    .map((l) => ({ leadId: l.id, company: l.company, status: l.status, amountCents: l.dealAmountCents ?? l.estimatedValueCents, registeredOn: l.registeredOn, closedOn: l.closedOn }))
    .sort((a, b) => ((b.closedOn || b.registeredOn) > (a.closedOn || a.registeredOn) ? 1 : (b.closedOn || b.registeredOn) < (a.closedOn || a.registeredOn) ? -1 : a.leadId < b.leadId ? 1 : -1))
    .slice(0, 50);
  let approvedCents = 0;
  let pendingCents = 0;
  for (const line of input.commissions) {
    if (line.partnerId !== partnerId) continue;
    if (line.status === 'Approved') approvedCents += line.amountCents;
    if (line.status === 'Pending' || line.status === 'Payable') pendingCents += line.amountCents;
  }
  return {
    partner,
    period,
    previous,
    headline,
    funnel: funnelOf(mine),
    trend: trendOf(input, period.end, partnerId),
    deals,
    commissions: { earnedCents: mine.earned, approvedCents, paidCents: mine.paid, pendingCents },
    tierHistory: input.tierHistory.filter((c) => c.partnerId === partnerId).sort((a, b) => (a.effectiveOn < b.effectiveOn ? 1 : a.effectiveOn > b.effectiveOn ? -1 : 0)),
  };
}
