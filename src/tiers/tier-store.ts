import { cleanText } from '../domain/cell-text';
import type { MetricsTierChange } from '../domain/metrics/types';
import { PARTNER_TIERS } from '../domain/enums';
import { ParsedTiers, TierHistoryEntry, parseTiers } from '../domain/tiers';
import { CellValue, dateCell, moneyCell, readCents, readIsoDate, readText, readUtcDateTime, textCell, utcDateTimeCell } from '../tracker/cells';
import { findRows } from '../tracker/lookup';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The Tiers and Tier History tabs at the spreadsheet's edge. The Tiers tab is small: read whole
 * (one call). Tier History is read whole by the review (one call) and searched by Partner ID for
 * one partner (the commission engine: one search and the rows it finds).
 */
const TIER_KEYS = ['name', 'minRevenue', 'minDeals', 'requires', 'graceDays'] as const;
const HISTORY_KEYS = ['at', 'partnerId', 'fromTier', 'toTier', 'effectiveOn', 'wonRevenue', 'wonDeals', 'reason', 'by', 'review'] as const;

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
    wonRevenueCents: readCents(record.wonRevenue),
    wonDeals: record.wonDeals === '' || record.wonDeals === undefined || !Number.isFinite(Number(record.wonDeals)) ? null : Number(record.wonDeals),
    reason: readText(record.reason),
    by: readText(record.by),
    review: readText(record.review),
  };
}

/** Every Tier History row (the review: one read). */
export function readTierHistory(table: TrackerTable<'tierHistory'>, timeZone: string): TierHistoryEntry[] {
  const cols = table.readColumns(HISTORY_KEYS);
  return cols.partnerId.map((_, i) => entryOf(Object.fromEntries(HISTORY_KEYS.map((k) => [k, cols[k][i]])), timeZone)).filter((h) => h.partnerId !== '' && h.effectiveOn !== '');
}

/** Every Tier History row ([] without the tab): one read. */
export function allTierHistory(ss: Spreadsheet, timeZone: string): TierHistoryEntry[] {
  const table = TrackerTable.tryOpen(ss, 'tierHistory');
  return table ? readTierHistory(table, timeZone) : [];
}

/** One partner's Tier History rows, with those waiting for the owner's run ([] without the tab): one search, one read of what it found, one metadata read. */
export function partnerTierHistory(ss: Spreadsheet, timeZone: string, partnerId: string): TierHistoryEntry[] {
  const table = TrackerTable.tryOpen(ss, 'tierHistory');
  if (!table || !partnerId) return [];
  const rows = findRows(table, 'partnerId', partnerId)
    .map((f) => entryOf(f.record, timeZone))
    .filter((h) => h.partnerId === partnerId && h.effectiveOn !== '');
  return [...rows, ...pendingEntries(ss, partnerId)];
}

/** A Tier History row to write: the change as the figures show it, when it was written, and the review that made it. */
export interface TierHistoryRow extends MetricsTierChange {
  at: Date;
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

/**
 * The tier names a Tier cell may hold: every name on the Tiers tab, lowest first (rows with
 * problems too: a partner keeps a tier whose thresholds are being fixed); the four seed tiers on a
 * tracker without the tab yet. One read.
 */
export function tierNamesOf(ss: Spreadsheet): string[] {
  const table = TrackerTable.tryOpen(ss, 'tiers');
  if (!table) return [...PARTNER_TIERS];
  // As parseTiers names them, without the rest of its checks (the edit trigger and the sidebar carry only this).
  const names: string[] = [];
  for (const cell of table.readColumns(['name'] as const).name) {
    const name = cleanText(readText(cell)).trim();
    if (name && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names;
}

/**
 * Tier History rows a teammate's sidebar save made (the tab is the owner's: Google lets only the
 * owner's runs write it). They wait in the tracker's own record (developer metadata, which every
 * editor's run may write, under the document lock) until the owner's next hourly run writes them
 * (drainPendingTierRows); the commission engine reads them meanwhile (partnerTierHistory).
 */
export const TIER_PENDING_KEY = 'partnershipTracker.tierPending';

interface PendingRow extends Omit<TierHistoryRow, 'at'> {
  at: string;
}

function pendingRows(store: KeyStore): PendingRow[] {
  try {
    const parsed = JSON.parse(store.read(TIER_PENDING_KEY) || '[]') as PendingRow[];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export function addPendingTierRows(ss: Spreadsheet, rows: readonly TierHistoryRow[]): void {
  if (rows.length === 0) return;
  const store = new KeyStore(ss);
  store.write(TIER_PENDING_KEY, JSON.stringify([...pendingRows(store), ...rows.map((r) => ({ ...r, at: r.at.toISOString() }))]));
}

/** Whether teammates' rows wait (one metadata read): the owner's run enters a critical section only then. */
export function hasPendingTierRows(ss: Spreadsheet): boolean {
  return pendingRows(new KeyStore(ss)).length > 0;
}

/** The owner's run, in a critical section: the waiting rows appended to the tab, then taken off (a rerun after a death between the two finds them on the tab by their instant and partner, and writes none twice). */
export function drainPendingTierRows(ss: Spreadsheet, table: TrackerTable<'tierHistory'>, timeZone: string): number {
  const store = new KeyStore(ss);
  const waiting = pendingRows(store);
  if (waiting.length === 0) return 0;
  // The tab keeps whole seconds.
  const key = (partnerId: string, at: string, reason = '') => `${partnerId}|${at.slice(0, 19)}|${reason}`;
  const landed = new Set(readTierHistory(table, timeZone).map((h) => key(h.partnerId, h.at, h.reason)));
  const rows = waiting.filter((r) => !landed.has(key(r.partnerId, r.at, r.reason))).map((r) => ({ ...r, at: new Date(r.at) }));
  appendTierHistory(table, rows);
  store.write(TIER_PENDING_KEY, '');
  return rows.length;
}

function pendingEntries(ss: Spreadsheet, partnerId: string): TierHistoryEntry[] {
  return pendingRows(new KeyStore(ss))
    .filter((r) => r.partnerId === partnerId)
    .map((r) => ({ partnerId: r.partnerId, fromTier: r.fromTier, toTier: r.toTier, effectiveOn: r.effectiveOn, at: r.at, reason: r.reason, review: r.review }));
}
