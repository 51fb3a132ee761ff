/**
 * Commission arithmetic in integer cents. A rate is a fraction with at most
 * six decimals (12.3456%), so rate × cents is computed exactly on integers and
 * rounded once, half away from zero — never on a float product such as
 * 10.04 × 0.125 = 1.25499999…, which a naive round would send the wrong way.
 */

/** Rates carry at most this many decimals as fractions (four as percentages). */
export const RATE_DECIMALS = 6;
const RATE_SCALE = 1_000_000;

/**
 * A rate as whole millionths (0.125 → 125000), or null when it has more than
 * six decimals. Float artefacts (0.1 + 0.2 = 0.30000000000000004) are within a
 * hair of a millionth and count as that millionth.
 */
export function rateToMicros(rate: number): number | null {
  if (!Number.isFinite(rate)) return null;
  const micros = Math.round(rate * RATE_SCALE);
  return Math.abs(micros - rate * RATE_SCALE) <= 1e-6 ? micros : null;
}

/** The rate rounded to six decimals: the value written to a Rate cell and used in the arithmetic. */
export function normaliseRate(rate: number): number {
  return Math.round(rate * RATE_SCALE) / RATE_SCALE;
}

/** n / d rounded half away from zero, for integers n and d > 0 whose product terms stay exact. */
function divideHalfAway(n: number, d: number): number {
  const sign = n < 0 ? -1 : 1;
  const a = Math.abs(n);
  let q = Math.floor(a / d);
  const remainder = a - q * d;
  if (remainder * 2 >= d) q += 1;
  return sign * q;
}

/**
 * cents × rate in whole cents, rounded half away from zero, exactly: the rate
 * is scaled to integer millionths and the cents split so that no intermediate
 * product leaves the range where doubles hold integers exactly (|cents| up to
 * 10^13 for rates up to 100%, a hundred times the largest amount a money field
 * accepts, MAX_MONEY_CENTS in fields.ts; commissionLines refuses a deal above
 * that bound before it gets here).
 */
export function applyRate(cents: number, rate: number): number {
  if (!Number.isSafeInteger(cents)) throw new Error(`applyRate: ${cents} is not a whole number of cents`);
  const micros = Math.round(rate * RATE_SCALE);
  const sign = (cents < 0 ? -1 : 1) * (micros < 0 ? -1 : 1);
  const c = Math.abs(cents);
  const m = Math.abs(micros);
  const high = Math.floor(c / RATE_SCALE);
  const low = c - high * RATE_SCALE;
  // c × m / 10^6 = high × m + low × m / 10^6, with low × m < 10^12 (exact).
  const result = high * m + divideHalfAway(low * m, RATE_SCALE);
  return result === 0 ? 0 : sign * result;
}

/** Half away from zero to a whole number (for values already free of float error). */
export function roundHalfAwayFromZero(value: number): number {
  const r = Math.sign(value) * Math.round(Math.abs(value));
  return r === 0 ? 0 : r;
}

/** Cents as a plain decimal for a formula: 150050 → "1500.5", 150000 → "1500", -5 → "-0.05"; no thousands separators. */
export function centsToFormulaNumber(cents: number): string {
  const a = Math.abs(cents);
  const whole = Math.floor(a / 100);
  const fraction = a - whole * 100;
  const text = fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
  return cents < 0 ? `-${text}` : text;
}

/** Cents as Sheets shows them under the money format '#,##0.00': 123456789 → "1,234,567.89", -50 → "-0.50". */
export function formatCents(cents: number): string {
  const a = Math.abs(cents);
  const whole = Math.floor(a / 100);
  const fraction = String(a - whole * 100).padStart(2, '0');
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents < 0 ? '-' : ''}${grouped}.${fraction}`;
}
