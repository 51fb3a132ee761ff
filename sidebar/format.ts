/** How the sidebar writes money and dates. Pure: unit-tested. */

/** An amount (not cents) in the programme's currency, e.g. "$12,500.50"; '' for none. */
export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '';
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
  } catch {
    // Not an ISO 4217 code (or none set yet): the number, then whatever the Settings tab says.
    const n = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return currency ? `${n} ${currency}` : n;
  }
}

/** A Date as YYYY-MM-DD in the browser's time zone. */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The calendar date of an ISO timestamp (local), or a YYYY-MM-DD unchanged; '' when unreadable. */
export function dateOf(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : localIsoDate(d);
}

/**
 * The UTC calendar date of an ISO timestamp, or a YYYY-MM-DD unchanged; '' when unreadable.
 * For dates the server stores as midnight UTC (a payout's "paid on"), which the local
 * time zone would move to the day before west of Greenwich.
 */
export function utcDateOf(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/** "1 line", "2 lines". */
export function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** "1 lead", "3 leads", "Showing 50 of 120 leads". */
export function countLine(shown: number, total: number, noun: string): string {
  return shown < total ? `Showing ${shown} of ${plural(total, noun)}` : plural(total, noun);
}

/** A server phrase as a sentence: capital first letter, full stop at the end. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  const s = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}
