import { addDays } from '../fields';

/**
 * Trailing 12-month won figures (pure). A won deal counts for a partner as of day D when it closed
 * on a day after D one year earlier and on or before D: as of 2026-12-01, deals closed from
 * 2025-12-02 to 2026-12-01. So a deal closed on C counts from C until the day before C + 1 year.
 */
export interface TierDeal {
  partnerId: string;
  amountCents: number;
  /** YYYY-MM-DD. */
  closedOn: string;
}

export interface Figures {
  wonRevenueCents: number;
  wonDeals: number;
}

/** The same calendar day a year later (29 February → 1 March). */
export function oneYearAfter(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10);
}

/** Whether a deal closed on `closedOn` counts in the trailing 12 months as of `asOf`. */
export function inWindow(closedOn: string, asOf: string): boolean {
  return closedOn <= asOf && oneYearAfter(closedOn) > asOf;
}

export function figuresAsOf(deals: readonly TierDeal[], asOf: string): Figures {
  let wonRevenueCents = 0;
  let wonDeals = 0;
  for (const d of deals) {
    if (!inWindow(d.closedOn, asOf)) continue;
    wonRevenueCents += d.amountCents;
    wonDeals++;
  }
  return { wonRevenueCents, wonDeals };
}

/** Deals grouped by partner, in one pass. */
export function dealsByPartner(deals: readonly TierDeal[]): Map<string, TierDeal[]> {
  const out = new Map<string, TierDeal[]>();
  for (const d of deals) {
    const list = out.get(d.partnerId);
    if (list) list.push(d);
    else out.set(d.partnerId, [d]);
  }
  return out;
}

/**
 * The last day, on or before `asOf`, on which `meets` turned from true to false for this partner's
 * figures (a deal leaving the window, or a deal's amount no longer counted); null when it never held
 * on any day the deals can tell (or still holds on `asOf`). The figures change only on a deal's close
 * day and on the day it leaves the window, so only those days are looked at.
 */
export function lastDropBelow(deals: readonly TierDeal[], asOf: string, meets: (f: Figures) => boolean): string | null {
  if (meets(figuresAsOf(deals, asOf))) return null;
  const changes = new Set<string>();
  for (const d of deals) {
    if (d.closedOn <= asOf) changes.add(d.closedOn);
    const leaves = oneYearAfter(d.closedOn);
    if (leaves <= asOf) changes.add(leaves);
  }
  for (const day of [...changes].sort().reverse()) {
    if (meets(figuresAsOf(deals, addDays(day, -1)))) return day;
  }
  return null;
}
