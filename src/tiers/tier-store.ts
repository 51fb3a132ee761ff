import { ParsedTiers, TierHistoryEntry, parseTiers } from '../domain/tiers';
import { CellValue, dateCell, moneyCell, readIsoDate, readText, readUtcDateTime, textCell, utcDateTimeCell } from '../tracker/cells';
import { findRows } from '../tracker/lookup';
import { TrackerTable } from '../tracker/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The Tiers and Tier History tabs at the spreadsheet's edge. The Tiers tab is small: read whole
 * (one call). Tier History is read whole by the review (one call) and searched by Partner ID for
 * one partner (the commission engine: one search and the rows it finds).
 */
const TIER_KEYS = ['name', 'minRevenue', 'minDeals', 'requires', 'graceDays'] as const;
const HISTORY_KEYS = ['at', 'partnerId', 'fromTier', 'toTier', 'effectiveOn', 'reason', 'review'] as const;

/** The Tiers tab parsed; null when the tracker has no Tiers tab yet (not set up at schema 10). */
export function readTiers(ss: Spreadsheet): ParsedTiers | null {
  const table = TrackerTable.tryOpen(ss, 'tiers');
  if (!table) return null;
  const cols = table.readColumns(TIER_KEYS);
  return parseTiers(cols.name.map((name, i) => ({ row: i + 2, name, minRevenue: cols.minRevenue[i], minDeals: cols.minDeals[i], requires: cols.requires[i], graceDays: cols.graceDays[i] })));
}

function entryOf(record: Readonly<Record<string, CellValue | undefined>>, timeZone: string): TierHistoryEntry {
  const at = readUtcDateTime(record.at, timeZone);
  return {
    partnerId: readText(record.partnerId),
    fromTier: readText(record.fromTier),
    toTier: readText(record.toTier),
    effectiveOn: readIsoDate(record.effectiveOn, timeZone),
    at: at ? at.toISOString() : '',
    reason: readText(record.reason),
    review: readText(record.review),
  };
}

/** Every Tier History row (the review: one read). */
export function readTierHistory(table: TrackerTable<'tierHistory'>, timeZone: string): TierHistoryEntry[] {
  const cols = table.readColumns(HISTORY_KEYS);
  return cols.partnerId.map((_, i) => entryOf(Object.fromEntries(HISTORY_KEYS.map((k) => [k, cols[k][i]])), timeZone)).filter((h) => h.partnerId !== '' && h.effectiveOn !== '');
}

/** One partner's Tier History rows ([] without the tab): one search, one read of what it found. */
export function partnerTierHistory(ss: Spreadsheet, timeZone: string, partnerId: string): TierHistoryEntry[] {
  const table = TrackerTable.tryOpen(ss, 'tierHistory');
  if (!table || !partnerId) return [];
  return findRows(table, 'partnerId', partnerId)
    .map((f) => entryOf(f.record, timeZone))
    .filter((h) => h.partnerId === partnerId && h.effectiveOn !== '');
}

/** A Tier History row to write. */
export interface TierHistoryRow {
  at: Date;
  partnerId: string;
  fromTier: string;
  toTier: string;
  effectiveOn: string;
  wonRevenueCents: number | null;
  wonDeals: number | null;
  reason: string;
  by: string;
  review: string;
}

export function historyCells(r: TierHistoryRow): Record<string, CellValue> {
  return {
    at: utcDateTimeCell(r.at),
    partnerId: textCell(r.partnerId),
    fromTier: textCell(r.fromTier),
    toTier: textCell(r.toTier),
    effectiveOn: dateCell(r.effectiveOn),
    wonRevenue: moneyCell(r.wonRevenueCents),
    wonDeals: r.wonDeals === null ? '' : r.wonDeals,
    reason: textCell(r.reason),
    by: textCell(r.by),
    review: textCell(r.review),
  };
}

/** Appends rows in one write; the caller holds the lock (or the hourly run's critical section). */
export function appendTierHistory(table: TrackerTable<'tierHistory'>, rows: readonly TierHistoryRow[]): void {
  if (rows.length) table.append(rows.map(historyCells));
}
