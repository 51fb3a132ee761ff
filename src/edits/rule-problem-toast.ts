import { RuleProblem } from '../domain/commissions';

/**
 * One toast per burst of edits to the Commission Rules tab, not one per cell. A rule typed cell by
 * cell is incomplete after every cell but the last: telling each time stacks five toasts. The
 * rows already told about are kept in the document cache for a while (sliding with each edit), and
 * a toast names only rows that were fine, or not yet told about, before this edit. A row fixed and
 * broken again is told again. The cache is a hint (Google may drop it early): then the next edit
 * tells again, as before. The tab's Problems column keeps every row's reason in view meanwhile.
 */
const TOLD_KEY = 'tracker.rules.toldRows';
/** How long after the last edit a row already told about stays quiet. */
export const RULE_TOAST_QUIET_SECONDS = 600;
const SHOWN = 5;

type Cache = GoogleAppsScript.Cache.Cache;

export function toastRuleProblems(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, problems: readonly RuleProblem[], cache: Cache | null): void {
  const rows = [...new Set(problems.map((p) => p.row))];
  const told = readTold(cache);
  const fresh = problems.filter((p) => !told.has(p.row));
  if (cache) {
    if (rows.length) cache.put(TOLD_KEY, JSON.stringify(rows), RULE_TOAST_QUIET_SECONDS);
    else if (told.size) cache.remove(TOLD_KEY);
  }
  if (!fresh.length) return;
  const more = fresh.length > SHOWN ? [`…and ${fresh.length - SHOWN} more (see the Problems column).`] : [];
  ss.toast([...fresh.slice(0, SHOWN).map((p) => p.message), ...more].join('\n'), 'Commission rules need attention', 20);
}

function readTold(cache: Cache | null): Set<number> {
  const raw = cache?.get(TOLD_KEY);
  if (!raw) return new Set();
  try {
    const parsed = JSON.parse(raw) as unknown;
    return new Set(Array.isArray(parsed) ? parsed.filter((n): n is number => typeof n === 'number') : []);
  } catch {
    return new Set();
  }
}
