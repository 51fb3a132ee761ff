import { auditedWrite } from '../audit/audit-intent';
import { LeadArchiveJournal } from '../capacity/lead-archive-journal';
import { readArchivedLeads } from '../capacity/lead-archive-file';
import { AuditEntry } from '../domain/audit-chain';
import { formatCents } from '../domain/commissions/money';
import { holders } from '../domain/roles';
import { TierChangeLine, TierDeal, TierDecision, TierDef, TierHistoryEntry, dealsByPartner, decideTier, findTier, reviewKey, tierReviewEmail } from '../domain/tiers';
import { Critical, messageIds, sendMessages, settled } from '../mail/mailer';
import { rosterOf, runsAsOwner } from '../team/access';
import { CellValue, readCents, readIsoDate, readText, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettings } from '../tracker/settings-tab';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { TierHistoryRow, appendTierHistory, drainPendingTierRows, hasPendingTierRows, readTierHistory, readTiers } from './tier-store';

/**
 * The hourly run's "tier review" step (the owner's): once per period of the Settings cadence
 * (Monthly: the key 2026-11; Quarterly: 2026-Q4), every partner's trailing 12-month won figures
 * against the Tiers tab (domain/tiers/review.ts), and the moves it decides written: a Tier History
 * row (with the figures and the review's key), the Partners tab's Tier, and an audit entry each.
 * The audit entry is what tells the partner (the partner updates step turns it into a "tier
 * changed" update); the team gets one email per review through the Mail Queue.
 *
 * Reads, before any lock: the Tiers tab, the Partners tab's ID, Tier, Tier Pinned and Problems,
 * the Leads tab's Closed Won columns, the Tier History tab, and the leads archives of the last
 * three years when there are archives (a won deal can be archived before it leaves the 12-month
 * window): one batched read each, whatever the row count.
 *
 * Rerun-safe: the Tier History's Review column says which partners this review already moved, so a
 * run that died half way and runs again writes no second row; a row whose Partners Tier was not yet
 * written (the run died between the two) has it written now. The period is marked done in the
 * tracker's record only after the team's email is settled (the Mail Queue sends it once).
 */
export const TIER_REVIEW_KEY = 'partnershipTracker.tierReview';
/** The review starts only this early in the hourly run: its read of the Leads tab must end well inside the 6 minutes. */
export const TIER_REVIEW_START_BY_MS = 3 * 60 * 1000;

interface ReviewMarker {
  review: string;
  done: boolean;
}

export interface TierReviewOutcome {
  review: string;
  moved: number;
  graceStarted: number;
  finished: number;
  skipped: string[];
  mail: string;
}

const parseMarker = (raw: string | null): ReviewMarker | null => {
  try {
    const m = JSON.parse(raw ?? '') as ReviewMarker;
    return typeof m.review === 'string' ? m : null;
  } catch {
    return null;
  }
};

export function reviewTiers(ctx: TrackerContext, critical: Critical, startedAtMs: number): TierReviewOutcome | string {
  if (!runsAsOwner(ctx)) return "not the tracker's account";
  // Teammates' changes by hand first, so the review and the commission engine read a complete history.
  const waiting = TrackerTable.tryOpen(ctx.ss, 'tierHistory');
  const byHand = waiting && hasPendingTierRows(ctx.ss) ? critical(() => drainPendingTierRows(ctx.ss, waiting, ctx.timeZone)) : 0;
  const settings = readSettings(ctx.ss).settings;
  if (settings.tierReview === 'Off') return `off (Settings: Tier review)${byHand ? `; ${byHand} change(s) by hand recorded` : ''}`;
  const today = todayIn(ctx.timeZone, ctx.now);
  const review = reviewKey(today, settings.tierReview);
  const store = new KeyStore(ctx.ss);
  const marker = parseMarker(store.read(TIER_REVIEW_KEY));
  if (marker?.review === review && marker.done) return `${review} already reviewed`;
  if (Date.now() - startedAtMs > TIER_REVIEW_START_BY_MS) return 'left for the next run (this one is past its time for it)';
  const parsed = readTiers(ctx.ss);
  const historyTable = TrackerTable.tryOpen(ctx.ss, 'tierHistory');
  if (!parsed || !historyTable) return 'no Tiers or Tier History tab yet (the owner runs Set up tracker)';
  if (parsed.tiers.length === 0) return 'the Tiers tab has no usable tier: nothing reviewed';

  const money = (cents: number) => `${settings.currency} ${formatCents(cents)}`;
  const partners = TrackerTable.open(ctx.ss, 'partners');
  const pcols = partners.readColumns(['id', 'name', 'tier', 'status', 'tierPinned', 'problems'] as const, ['tierPinned', 'problems']);
  const deals = dealsByPartner(readWonDeals(ctx, today));
  const history = readTierHistory(historyTable, ctx.timeZone);
  const movedInReview = new Set(history.filter((h) => h.review === review && h.toTier !== h.fromTier).map((h) => h.partnerId));
  const gracedInReview = new Set(history.filter((h) => h.review === review && h.toTier === h.fromTier).map((h) => h.partnerId));

  const decisions: Array<{ row: number; id: string; name: string; decision: TierDecision }> = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  pcols.id.forEach((cell, i) => {
    const id = readText(cell);
    // As readPartners counts them: a row with problems is left out, and an ID belongs to its first row.
    if (!id || seen.has(id) || readText(pcols.problems[i])) return;
    seen.add(id);
    // A terminated partner is out of the programme: their tier stays as it was when they left.
    if (movedInReview.has(id) || gracedInReview.has(id) || readText(pcols.status[i]) === 'Terminated') return;
    const decision = decideTier(parsed.tiers, { id, tier: readText(pcols.tier[i]), pinned: readText(pcols.tierPinned[i]).toLowerCase() === 'yes' }, deals.get(id) ?? [], history, today, money);
    if (decision.kind === 'skip') skipped.push(`${id}: ${decision.reason}`);
    if (decision.kind === 'move' || decision.kind === 'grace starts') decisions.push({ row: i + 2, id, name: readText(pcols.name[i]), decision });
  });

  const written = critical(() => writeDecisions(ctx, partners, historyTable, history, decisions, review, today));
  const mail = teamMail(ctx, critical, startedAtMs, parsed.tiers, review, settings.programmeName, money, pcols);
  // Done once the email needs nothing more (sent, queued, or reported as not delivered): a later run in the period does nothing.
  if (mail.settled) critical(() => store.write(TIER_REVIEW_KEY, JSON.stringify({ review, done: true })));
  return { review, moved: written.moved, graceStarted: written.graced, finished: written.finished, skipped: skipped.slice(0, 20), mail: mail.fate };
}

/** Closed Won deals with an amount and a close date, on the Leads tab (rows changed by hand left out) and in the recent archives. */
function readWonDeals(ctx: TrackerContext, today: string): TierDeal[] {
  const leads = TrackerTable.open(ctx.ss, 'leads');
  const sealKeys = leads.sealKeys();
  const cols = leads.readColumns([...new Set(['partnerId', 'status', 'dealAmount', 'closedOn', ...sealKeys])] as Array<'partnerId'>) as Record<string, CellValue[]>;
  const out: TierDeal[] = [];
  const add = (record: Record<string, CellValue | undefined>, held: boolean) => {
    if (readText(record.status) !== 'Closed Won' || held) return;
    const amountCents = readCents(record.dealAmount);
    const closedOn = readIsoDate(record.closedOn, ctx.timeZone);
    const partnerId = readText(record.partnerId);
    if (amountCents === null || !closedOn || !partnerId) return;
    out.push({ partnerId, amountCents, closedOn });
  };
  const n = cols.partnerId.length;
  for (let i = 0; i < n; i++) {
    if (readText(cols.status[i]) !== 'Closed Won') continue;
    const record = Object.fromEntries(Object.keys(cols).map((k) => [k, cols[k][i]]));
    add(record, leads.heldReason(record) !== null);
  }
  // Archived leads were closed for good and checked when archived; a file per year of last change, so the last three cover the window and the grace look-back.
  const fromYear = Number(today.slice(0, 4)) - 2;
  for (const file of new LeadArchiveJournal(ctx.ss).read().files) {
    if (file.year < fromYear) continue;
    for (const lead of readArchivedLeads(SpreadsheetApp.openById(file.fileId))) add(lead, false);
  }
  return out;
}

interface Written {
  moved: number;
  graced: number;
  finished: number;
}

/** In the critical section: finish a dead run's moves, then write this run's (history rows, Partners Tier, audit). */
function writeDecisions(
  ctx: TrackerContext,
  partners: TrackerTable<'partners'>,
  historyTable: TrackerTable<'tierHistory'>,
  history: readonly TierHistoryEntry[],
  decisions: ReadonlyArray<{ row: number; id: string; name: string; decision: TierDecision }>,
  review: string,
  today: string,
): Written {
  // The Tier column as it stands now (a person may have changed a tier since the read): one call.
  const tierColumn = partners.readColumns(['id', 'tier'] as const);
  const rowOf = new Map<string, number>();
  tierColumn.id.forEach((id, i) => {
    const key = readText(id);
    if (key && !rowOf.has(key)) rowOf.set(key, i);
  });
  const tierAt = (i: number) => readText(tierColumn.tier[i]);
  const changes = new Map<number, { id: string; from: string; to: string }>();

  // A dead run's history rows whose Partners Tier was not written yet.
  let finished = 0;
  for (const h of history) {
    if (h.review !== review || h.toTier === h.fromTier) continue;
    // A later row (a change by hand since) decides instead.
    if (history.some((later) => later.partnerId === h.partnerId && later.at > h.at)) continue;
    const i = rowOf.get(h.partnerId);
    if (i === undefined || tierAt(i).toLowerCase() !== h.fromTier.toLowerCase()) continue;
    changes.set(i, { id: h.partnerId, from: tierAt(i), to: h.toTier });
    finished++;
  }

  const rows: TierHistoryRow[] = [];
  let moved = 0;
  let graced = 0;
  for (const d of decisions) {
    const i = d.row - 2;
    const decided = d.decision;
    const from = decided.kind === 'move' ? decided.from : decided.kind === 'grace starts' ? decided.tier : '';
    // Changed since the read (or the row moved): left for the next review.
    if (readText(tierColumn.id[i]) !== d.id || (tierAt(i) || from).toLowerCase() !== from.toLowerCase()) continue;
    const base = { at: ctx.now, partnerId: d.id, effectiveOn: today, wonRevenueCents: decided.figures.wonRevenueCents, wonDeals: decided.figures.wonDeals, by: 'tier review', review };
    if (decided.kind === 'move') {
      rows.push({ ...base, fromTier: decided.from, toTier: decided.to, reason: `${decided.direction === 'up' ? 'Up' : 'Down'}: ${decided.reason}` });
      changes.set(i, { id: d.id, from: tierAt(i), to: decided.to });
      moved++;
    } else if (decided.kind === 'grace starts') {
      rows.push({ ...base, fromTier: decided.tier, toTier: decided.tier, reason: decided.reason });
      graced++;
    }
  }
  appendTierHistory(historyTable, rows);
  if (changes.size) {
    const at = [...changes.keys()];
    const first = Math.min(...at);
    const last = Math.max(...at);
    const span = tierColumn.tier.slice(first, last + 1).map((v) => [v]);
    for (const [i, c] of changes) span[i - first] = [c.to];
    const audit: AuditEntry[] = [...changes].map(([i, c]) => ({
      at: ctx.now,
      user: ctx.actor,
      source: ctx.source,
      tab: partners.name,
      range: `row ${i + 2}`,
      recordId: c.id,
      field: 'tier',
      oldValue: c.from,
      newValue: c.to,
    }));
    auditedWrite(ctx, audit, () => {
      partners.confirmColumns();
      partners.sheet.getRange(first + 2, partners.column('tier'), span.length, 1).setValues(span);
    });
  }
  return { moved, graced, finished };
}

/** The team's email for the review: its moves as the Tier History holds them (so a rerun sends what the first run wrote), once. */
function teamMail(
  ctx: TrackerContext,
  critical: Critical,
  startedAtMs: number,
  tiers: readonly TierDef[],
  review: string,
  programme: string,
  money: (cents: number) => string,
  pcols: { id: CellValue[]; name: CellValue[] },
): { fate: string; settled: boolean } {
  const table = TrackerTable.open(ctx.ss, 'tierHistory');
  const cols = table.readColumns(['partnerId', 'fromTier', 'toTier', 'wonRevenue', 'wonDeals', 'reason', 'review'] as const);
  const names = new Map<string, string>();
  pcols.id.forEach((id, i) => names.set(readText(id), readText(pcols.name[i])));
  const order = (name: string) => tiers.indexOf(findTier(tiers, name) as TierDef);
  const lines: TierChangeLine[] = [];
  cols.review.forEach((r, i) => {
    const from = readText(cols.fromTier[i]);
    const to = readText(cols.toTier[i]);
    if (readText(r) !== review || from === to) return;
    const id = readText(cols.partnerId[i]);
    const cents = readCents(cols.wonRevenue[i]);
    lines.push({
      partnerId: id,
      partnerName: names.get(id) || id,
      fromTier: from,
      toTier: to,
      direction: order(to) > order(from) ? 'up' : 'down',
      wonRevenue: cents === null ? '' : money(cents),
      wonDeals: readText(cols.wonDeals[i]),
      reason: readText(cols.reason[i]),
    });
  });
  if (lines.length === 0) return { fate: 'nothing to send', settled: true };
  const to = holders(rosterOf(ctx), 'Manager');
  if (to.length === 0) return { fate: 'no recipients', settled: true };
  const id = messageIds.tierReview(review);
  const mail = tierReviewEmail(programme, review, lines);
  const fate = sendMessages(ctx, critical, [{ ...mail, id, to, purpose: `tier review ${review}`, senderName: programme }], { startedAtMs }).get(id);
  return { fate: fate ?? 'not yet', settled: settled(fate) };
}
