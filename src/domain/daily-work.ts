/**
 * The once-a-day work of the owner's hourly run (an add-on has one time-driven trigger per file, and
 * it is hourly): the partner team's digest, Check tracker, the Dashboard's nightly refresh, every
 * partner sheet and a new Audit Log archive each run once a spreadsheet-local day, at the first run
 * from the Settings "Daily work hour" on. A day whose runs all came before that hour (or none came)
 * skips it; the next day's catches up what there is.
 */
export function dailyWorkDue(doneOn: string | undefined, today: string, localHour: number, dailyHour: number): boolean {
  return doneOn !== today && localHour >= dailyHour;
}
