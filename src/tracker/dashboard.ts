/**
 * The Dashboard tab's fixed part, which setup writes: the period chooser under the header row
 * (labels in column A, the choice in column B, a hint in column C). Everything below it is
 * computed by the add-on (src/dashboard/), never by sheet formulas, so the tab stays fast at any
 * size. An upgraded tracker's formula Dashboard is rebuilt in place: nothing of the user's lives there.
 */
export const CHOOSER_ROWS = [
  { label: 'Period', hint: 'Month, Quarter, Year or Custom. Blank: this month. Month, Quarter or Year: the one containing From (blank From: today).' },
  { label: 'From', hint: 'A day (YYYY-MM-DD): for Custom the first day; for Month, Quarter or Year a day inside it.' },
  { label: 'To', hint: 'For Custom: the last day (YYYY-MM-DD).' },
] as const;
export const CHOOSER_FIRST_ROW = 2;
export const PERIOD_CHOICES = ['Month', 'Quarter', 'Year', 'Custom'] as const;
/** The first row the refresh writes ("Showing", "Refreshed at", then the sections). */
export const FIGURES_ROW = CHOOSER_FIRST_ROW + CHOOSER_ROWS.length;
export const NOT_COMPUTED_YET = 'Not computed yet: "Refresh dashboard" in the add-on menu, or the owner\'s hourly run, fills in the figures.';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Writes the chooser's labels and hints unless they are already there (then the person's choice
 * is kept). Anything else on the tab (an older tracker's formulas) is cleared first. Returns
 * whether it wrote.
 */
export function ensureDashboardChooser(sheet: Sheet): boolean {
  const rows = CHOOSER_ROWS.length;
  const top = sheet.getRange(CHOOSER_FIRST_ROW, 1, rows, 3);
  const current = top.getValues();
  const formulas = top.getFormulas();
  const ok = CHOOSER_ROWS.every((c, i) => current[i][0] === c.label && current[i][2] === c.hint) && formulas.every((r) => r.every((f) => f === ''));
  if (ok) return false;
  const last = sheet.getLastRow();
  if (last >= CHOOSER_FIRST_ROW) sheet.getRange(CHOOSER_FIRST_ROW, 1, last - CHOOSER_FIRST_ROW + 1, sheet.getLastColumn()).clearContent();
  const grid = [...CHOOSER_ROWS.map((c) => [c.label, '', c.hint]), ['Showing', NOT_COMPUTED_YET, '']];
  const range = sheet.getRange(CHOOSER_FIRST_ROW, 1, grid.length, 3);
  range.setNumberFormats(grid.map((_, i) => ['@', i === 1 || i === 2 ? 'yyyy-mm-dd' : '@', '@']));
  range.setValues(grid);
  sheet.getRange(CHOOSER_FIRST_ROW, 2).setDataValidation(
    SpreadsheetApp.newDataValidation()
      .requireValueInList([...PERIOD_CHOICES], true)
      .setAllowInvalid(true)
      .setHelpText('Month, Quarter, Year or Custom (blank: this month).')
      .build(),
  );
  return true;
}
