import { centsToFormulaNumber } from './money';
import type { CommissionLine } from './types';

const A1 = /^\$?[A-Z]{1,3}\$?[1-9]\d*$/;

/**
 * The Sheets formula for a commission row's Amount cell, over that row's Deal
 * Amount cell (currency units) and Rate cell (a fraction). It evaluates to
 * exactly amountCents / 100:
 *
 *   percentage          =ROUND(ROUND(F12*G12*100,6),0)/100
 *   capped              =MIN(ROUND(ROUND(F12*G12*100,6),0)/100,1500.5)
 *   clawback (negative) =MAX(ROUND(ROUND(F12*G12*100,6),0)/100,-1500.5)
 *   flat                =500   or, capped, =MIN(500,300)
 *   flat clawback       =-500  or, bounded, =MAX(-500,-300)
 *
 * Why not the plainer =ROUND(F12*G12,2): the cells hold binary doubles, so
 * 10.04 × 12.5% is 1.25499999… rather than 1.255, and an engine whose ROUND
 * is Math.round(x × 100) / 100 (HyperFormula, in the emulator) rounds that to
 * 1.25 where the domain's exact half-away rounding gives 1.26. Scaling to
 * cents first and snapping to 6 decimals (whole cents × a rate of at most 6
 * decimals has at most 6) lands exactly on the decimal value — and k.5 is
 * exact in binary — so the outer ROUND(…,0) takes the half away from zero in
 * any engine, as Sheets' own ROUND does. Exact while a line's amount stays
 * below about 9 × 10^9 cents (90 million in currency units).
 */
export function amountFormula(line: CommissionLine, refs: { dealAmount: string; rate: string }): string {
  const negative = line.kind === 'Clawback' || line.dealAmountCents < 0;
  let value: string;
  if (line.flatCents !== null) {
    value = centsToFormulaNumber(line.flatCents);
  } else {
    if (!A1.test(refs.dealAmount) || !A1.test(refs.rate)) throw new Error(`amountFormula: ${refs.dealAmount} and ${refs.rate} must be A1 references like F12`);
    value = `ROUND(ROUND(${refs.dealAmount}*${refs.rate}*100,6),0)/100`;
  }
  if (line.capCents === null) return `=${value}`;
  const bound = centsToFormulaNumber(negative ? -line.capCents : line.capCents);
  return negative ? `=MAX(${value},${bound})` : `=MIN(${value},${bound})`;
}
