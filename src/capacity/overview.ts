import { ROLLOVER_SHARE, segmentRows } from '../domain/capacity';
import { CapacityView } from '../sidebar-api/contract';
import { ArchiveJournal } from './journal';
import { leadArchivesForView } from './lead-archive';
import { auditForecast, spreadsheetCells } from './usage';

/** The sidebar's capacity panel: cells per tab, the rollover forecast, the archives (Audit Log and leads). A fixed number of calls per tab. */
export function capacityView(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, now: Date): CapacityView {
  const use = spreadsheetCells(ss);
  const forecast = auditForecast(ss, use, now);
  const segments = new ArchiveJournal(ss).segments().filter((s) => s.phase === 'done');
  const archives = [...new Set(segments.map((s) => s.fileId))].map((id) => {
    const own = segments.filter((s) => s.fileId === id);
    return { name: own[0].name, url: own[0].url, rows: own.reduce((sum, s) => sum + segmentRows(s), 0) };
  });
  return {
    used: use.used,
    limit: use.limit,
    rolloverShare: ROLLOVER_SHARE,
    tabs: use.tabs.slice(0, 5).map((t) => ({ name: t.name, cells: t.cells })),
    auditRowsPerDay: forecast.rowsPerDay,
    rolloverOn: forecast.rolloverOn,
    oldestYear: forecast.oldestYear,
    // The closed leads' yearly archives follow the Audit Log's ("… — Leads 2025 · 120 rows").
    archives: [...archives, ...leadArchivesForView(ss)],
  };
}
