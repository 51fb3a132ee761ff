/**
 * Which closed leads may leave the Leads tab for a yearly archive spreadsheet (pure).
 *
 * A lead goes only when nothing the tracker does later can need it on the Leads tab:
 * - its status is final: Closed Won, Closed Lost, Rejected, Expired or Refunded (New, Accepted,
 *   Qualified and Conflict can still move; Conflict can be accepted);
 * - its last change (the later of Closed On and Updated At) is at least `afterDays` days old;
 * - its commissions are settled: every line is Void, or Paid in a payout that is Paid (or in
 *   none). A Pending, Payable or Approved line still waits for approval or a payout; a line in a
 *   Draft or Approved payout is still being paid;
 * - no commission work waits for it (a won deal whose lines a teammate's move left for the
 *   owner's run, a refund's clawbacks);
 * - a Closed Won deal closed before this calendar quarter: an accelerated rule reads the
 *   partner's other won deals of the deal's quarter (domain/commissions priorWonInQuarter);
 * - its row is as the tracker sealed it (a row changed by hand waits until it is put back).
 */
export const ARCHIVED_LEAD_STATUSES: ReadonlySet<string> = new Set(['Closed Won', 'Closed Lost', 'Rejected', 'Expired', 'Refunded']);

/** Leads moved per batch: one copy, one check, one delete per run of rows, well inside a run. */
export const LEAD_BATCH_SIZE = 200;

export interface LeadFacts {
  id: string;
  status: string;
  /** yyyy-MM-dd, or ''. */
  closedOn: string;
  /** yyyy-MM-dd of Updated At, or ''. */
  updatedOn: string;
  /** Whether the row's seal does not hold (changed by hand). */
  held: boolean;
}

export interface LineFacts {
  leadId: string;
  status: string;
  payoutId: string;
}

export interface ArchiveRules {
  afterDays: number;
  /** yyyy-MM-dd, the spreadsheet's today. */
  today: string;
  /** Payout ID → status. */
  payoutStatus: ReadonlyMap<string, string>;
  /** Lead IDs with commission work waiting. */
  pendingWork: ReadonlySet<string>;
}

/** The date a lead last changed: the later of its close and its last update ('' when neither is known). */
export function lastChangeOf(lead: LeadFacts): string {
  return lead.closedOn > lead.updatedOn ? lead.closedOn : lead.updatedOn;
}

/** The year whose archive a lead goes to: the year of its last change. */
export function archiveYearOf(lead: LeadFacts): number {
  return Number(lastChangeOf(lead).slice(0, 4)) || 0;
}

export function addDaysIso(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function quarterStart(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  const first = month - ((month - 1) % 3);
  return `${isoDate.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/** Why a lead stays on the Leads tab, or null when it may be archived. */
export function whyLeadStays(lead: LeadFacts, lines: readonly LineFacts[], rules: ArchiveRules): string | null {
  if (rules.afterDays <= 0) return 'archiving is off';
  if (!lead.id) return 'it has no Lead ID';
  if (!ARCHIVED_LEAD_STATUSES.has(lead.status)) return `it is ${lead.status || 'without a status'}`;
  if (lead.held) return 'its row was changed by hand';
  const changed = lastChangeOf(lead);
  if (!changed || changed > addDaysIso(rules.today, -rules.afterDays)) return `it changed less than ${rules.afterDays} days ago`;
  if (lead.status === 'Closed Won' && (!lead.closedOn || lead.closedOn >= quarterStart(rules.today))) return 'it closed this quarter (accelerators count it)';
  if (rules.pendingWork.has(lead.id)) return 'commission work waits for it';
  for (const line of lines) {
    if (line.status === 'Void') continue;
    if (line.status !== 'Paid') return `a commission line is ${line.status || 'without a status'}`;
    if (line.payoutId && rules.payoutStatus.get(line.payoutId) !== 'Paid') return `its payout ${line.payoutId} is not paid`;
  }
  return null;
}

/**
 * The next batch: the leads that may go, of the oldest year among them (one archive file per
 * batch), oldest change first, at most `limit`.
 */
export function nextLeadBatch(leads: readonly LeadFacts[], linesOf: (leadId: string) => readonly LineFacts[], rules: ArchiveRules, limit = LEAD_BATCH_SIZE): { year: number; ids: string[] } | null {
  const eligible = leads.filter((l) => whyLeadStays(l, linesOf(l.id), rules) === null);
  if (eligible.length === 0) return null;
  const year = Math.min(...eligible.map(archiveYearOf));
  const ids = eligible
    .filter((l) => archiveYearOf(l) === year)
    .sort((a, b) => (lastChangeOf(a) < lastChangeOf(b) ? -1 : lastChangeOf(a) > lastChangeOf(b) ? 1 : 0))
    .slice(0, limit)
    .map((l) => l.id);
  return { year, ids };
}

/** The tracker's record of the lead archives: the files, the batch under way, and the highest Lead ID ever archived. */
export interface LeadArchiveFile {
  year: number;
  fileId: string;
  url: string;
  name: string;
  /** Data rows the file holds (finished batches). */
  rows: number;
}

export interface LeadArchiveBatch {
  year: number;
  fileId: string;
  /** Rows of the file before this batch: its rows go right below them. */
  offset: number;
  ids: string[];
  phase: 'copying' | 'copied';
  at: string;
}

export interface LeadArchiveRecord {
  files: LeadArchiveFile[];
  batch: LeadArchiveBatch | null;
  /** The highest Lead ID number ever moved to an archive: never given to a new lead. */
  highestId: number;
  /** Leads archived in all. */
  archived: number;
}

export function emptyLeadArchiveRecord(): LeadArchiveRecord {
  return { files: [], batch: null, highestId: 0, archived: 0 };
}

export function parseLeadArchiveRecord(text: string): LeadArchiveRecord {
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : null;
  } catch {
    raw = null;
  }
  if (!raw || typeof raw !== 'object') return emptyLeadArchiveRecord();
  const r = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const files = Array.isArray(r.files)
    ? r.files
        .filter((f): f is Record<string, unknown> => !!f && typeof f === 'object' && typeof (f as { fileId?: unknown }).fileId === 'string')
        .map((f) => ({ year: num(f.year), fileId: str(f.fileId), url: str(f.url), name: str(f.name), rows: num(f.rows) }))
    : [];
  const b = r.batch && typeof r.batch === 'object' ? (r.batch as Record<string, unknown>) : null;
  const batch: LeadArchiveBatch | null =
    b && typeof b.fileId === 'string' && Array.isArray(b.ids)
      ? { year: num(b.year), fileId: b.fileId, offset: num(b.offset), ids: b.ids.map(str).filter(Boolean), phase: b.phase === 'copied' ? 'copied' : 'copying', at: str(b.at) }
      : null;
  return { files, batch, highestId: num(r.highestId), archived: num(r.archived) };
}
