import { customPeriod, isDay, periodContaining } from '../domain/metrics/period';
import { MetricsPeriod } from '../domain/metrics/types';

/**
 * The Dashboard's period chooser as typed (pure): Period blank is this month; Month, Quarter or
 * Year is the one containing From (this one when From is blank); Custom is From to To. A choice
 * that does not make a period is refused with the reason (the refresh keeps the last good one).
 */
export interface ChooserText {
  period: string;
  /** YYYY-MM-DD when the cell held a date; the text as typed otherwise. */
  from: string;
  to: string;
}

export function periodFromChoice(choice: ChooserText, today: string): { period: MetricsPeriod } | { refused: string } {
  const kind = choice.period.trim().toLowerCase();
  const from = choice.from.trim();
  const to = choice.to.trim();
  if (kind === '') return { period: periodContaining('month', today) };
  if (kind === 'month' || kind === 'quarter' || kind === 'year') {
    if (from !== '' && !isDay(from)) return { refused: `From "${from}" is not a date: write it as YYYY-MM-DD, or leave it blank for the current ${kind}.` };
    return { period: periodContaining(kind, from || today) };
  }
  if (kind === 'custom') {
    if (from === '' || to === '') return { refused: 'Custom needs both From and To (YYYY-MM-DD).' };
    try {
      return { period: customPeriod(from, to) };
    } catch (e) {
      return { refused: e instanceof Error ? e.message : String(e) };
    }
  }
  return { refused: `Period "${choice.period.trim()}" is not Month, Quarter, Year or Custom.` };
}
