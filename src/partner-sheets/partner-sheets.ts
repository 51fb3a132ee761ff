import { dailyWork } from '../maintenance/daily-work';
import { errorText } from '../mail/error-text';
import { auditedWrite } from '../audit/audit-intent';
import { readAuditTail } from '../audit/audit-tail';
import { AuditEntry } from '../domain/audit-chain';
import { partnerSheetEmail } from '../domain/emails/partner-sheet-email';
import { partnerContactEmails } from '../domain/partner';
import { PARTNER_SHEET_TABS, PartnerSheetContent, SheetLead, SheetLine, SheetPayout, partnerSheetContent, partnerSheetName, partnersTouched, viewerChanges } from '../domain/partner-sheet';
import { parseSettings } from '../domain/settings';
import { messageIds, Outgoing } from '../mail/mail-types';
import { sendMessages } from '../mail/mailer';
import { StoredPartner, readPartners } from '../partners/partner-store';
import { readCommissions } from '../commissions/commission-store';
import { readPayouts } from '../payouts/payout-store';
import { runsAsOwner } from '../team/access';
import { CellValue, readCents, readIsoDate, readText, readUtcDateTime, textCell, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { reference } from '../tracker/reference';
import { writeSettings } from '../tracker/settings-tab';
import { KeyStore } from '../tracker/state';
import { TrackerTable } from '../tracker/table';

/**
 * Each Active partner's private sheet (domain/partner-sheet.ts says what it holds), a step of the
 * owner's hourly run. A spreadsheet the owner's run creates (SpreadsheetApp.create) in the folder
 * "<programme> — Partner sheets", shared view-only with the partner's contacts and with no link
 * sharing. Which partners to refresh comes from the Audit Log's tail (audit-tail.ts, this step's
 * own cursor): a change to a partner's row, leads, commission lines or payouts; and once a day
 * every partner. The tracker's tabs are read once per run (whole columns), each sheet written in
 * a few calls (clear, then one setValues per tab), as many partners as the time budget allows —
 * the rest wait in the journal for the next run.
 *
 * The journal (the tracker's developer metadata, like the archives') holds the cursor, the
 * partners still to refresh, each partner's file ID, and a creation under way: it is recorded
 * before SpreadsheetApp.create, so a run that dies after creating the file but before recording
 * it finds that file again by its name and creation time instead of making a second one.
 *
 * Access follows the partner: their contacts (Contact Email and More Contact Emails) are the
 * viewers; a removed contact is removed, and a partner who is not Active has no viewers (the
 * file stays in the owner's Drive). A contact given access gets "Your partner sheet" through the
 * Mail Queue (one message per partner and email, ever); Google also sends its own share email.
 */
export const PARTNER_SHEETS_KEY = 'partnershipTracker.partnerSheets';
const FOLDER_NAME = 'Partner sheets';
/** No partner's refresh starts after this much of the run. */
const TIME_BUDGET_MS = 3.5 * 60 * 1000;
/** Audit rows read per run (a busier hour leaves the rest for the next run). */
const TAIL_MAX = 2000;
const TAIL_PAGE = 500;
/** A file made this long before its creation was journalled is not the one that run made. */
const CLOCK_SLACK_MS = 60 * 1000;
const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';

type Critical = <T>(task: () => T) => T;

export interface PartnerSheetsJournal {
  cursor: string;
  /** Partner ID → the sheet's file ID. */
  files: Record<string, string>;
  /** Partner IDs still to refresh, in order. */
  pending: string[];
  /** The spreadsheet-local date whose nightly refresh of everyone was queued. */
  nightlyOn: string;
  folderId: string;
  /** A sheet being created: recorded before SpreadsheetApp.create. */
  creating: { partnerId: string; name: string; at: string } | null;
}

export interface PartnerSheetsOutcome {
  refreshed: string[];
  created: string[];
  shared: number;
  unshared: number;
  waiting: number;
  notes: string[];
}

function emptyJournal(): PartnerSheetsJournal {
  return { cursor: '', files: {}, pending: [], nightlyOn: '', folderId: '', creating: null };
}

export function readJournal(store: KeyStore): PartnerSheetsJournal {
  try {
    const parsed = JSON.parse(store.read(PARTNER_SHEETS_KEY) || '{}') as Partial<PartnerSheetsJournal>;
    return { ...emptyJournal(), ...parsed, files: { ...(parsed.files ?? {}) }, pending: [...(parsed.pending ?? [])] };
  } catch {
    return emptyJournal();
  }
}

function saveJournal(store: KeyStore, journal: PartnerSheetsJournal): void {
  store.write(PARTNER_SHEETS_KEY, JSON.stringify(journal));
}

/** What a run reads of the tracker: once, whole columns. */
interface Facts {
  partners: StoredPartner[];
  leads: SheetLead[];
  lines: SheetLine[];
  payouts: SheetPayout[];
  tabs: { partners: string; leads: string; commissions: string; payouts: string };
}

function readFacts(ctx: TrackerContext): Facts {
  const zone = ctx.timeZone;
  const partnersTable = TrackerTable.open(ctx.ss, 'partners');
  const partners = readPartners(ctx.ss, zone, partnersTable);
  const leadsTable = TrackerTable.open(ctx.ss, 'leads');
  const keys = ['id', 'partnerId', 'company', 'status', 'statusReason', 'registeredAt', 'protectedUntil', 'dealAmount', 'closedOn'] as const;
  const cols = leadsTable.readColumns(keys, ['protectedUntil']) as Record<(typeof keys)[number], CellValue[]>;
  const leads: SheetLead[] = [];
  cols.id.forEach((cell, i) => {
    const id = readText(cell);
    if (!id) return;
    const registered = readUtcDateTime(cols.registeredAt[i], zone);
    leads.push({
      id,
      partnerId: readText(cols.partnerId[i]),
      company: readText(cols.company[i]),
      status: readText(cols.status[i]),
      statusReason: readText(cols.statusReason[i]),
      registeredOn: registered ? todayIn(zone, registered) : '',
      protectedUntil: readIsoDate(cols.protectedUntil[i], zone),
      dealAmountCents: readCents(cols.dealAmount[i]),
      closedOn: readIsoDate(cols.closedOn[i], zone),
    });
  });
  const commissionsTable = TrackerTable.open(ctx.ss, 'commissions');
  // A line or payout changed by hand (its seal broken) is not shown until the tracker puts it back.
  const lines: SheetLine[] = readCommissions(commissionsTable, zone)
    .filter((c) => c.held === null)
    .map((c) => ({ id: c.id, partnerId: c.partnerId, leadId: c.leadId, kind: c.kind, amountCents: c.amountCents, status: c.status, payableOn: c.payableOn, payoutId: c.payoutId }));
  const payoutsTable = TrackerTable.open(ctx.ss, 'payouts');
  const payouts: SheetPayout[] = readPayouts(payoutsTable, zone)
    .filter((p) => p.held === null)
    .map((p) => ({
      id: p.id,
      partnerId: p.partnerId,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      netCents: p.netCents,
      status: p.status,
      paidOn: p.paidAt ? todayIn(zone, p.paidAt) : '',
      paymentReference: p.paymentReference,
    }));
  return { partners, leads, lines, payouts, tabs: { partners: partnersTable.name, leads: leadsTable.name, commissions: commissionsTable.name, payouts: payoutsTable.name } };
}

export function refreshPartnerSheets(ctx: TrackerContext, critical: Critical, startedAtMs: number, options: { all?: boolean } = {}): PartnerSheetsOutcome {
  const outcome: PartnerSheetsOutcome = { refreshed: [], created: [], shared: 0, unshared: 0, waiting: 0, notes: [] };
  // Sheets are the owner's files, made and shared by the owner's runs only.
  if (!runsAsOwner(ctx)) {
    outcome.notes.push("Partner sheets are made and shared by the tracker owner's runs only.");
    return outcome;
  }
  const store = new KeyStore(ctx.ss);
  const journal = readJournal(store);
  const settings = parseSettings(reference(ctx.ss).settings()).settings;
  const facts = readFacts(ctx);
  const byId = new Map(facts.partners.map((p) => [p.id, p]));

  // What changed since the cursor (a first look starts at the end: every partner is queued below).
  const firstLook = !journal.cursor;
  const touched = new Set<string>();
  let cursor = journal.cursor;
  for (let read = 0; read < TAIL_MAX;) {
    const tail = readAuditTail(ctx.ss, cursor, TAIL_PAGE);
    cursor = tail.cursor;
    read += tail.rows.length;
    const lookup = {
      tabs: facts.tabs,
      leadPartner: new Map(facts.leads.map((l) => [l.id, l.partnerId])),
      linePartner: new Map(facts.lines.map((l) => [l.id, l.partnerId])),
      payoutPartner: new Map(facts.payouts.map((p) => [p.id, p.partnerId])),
    };
    for (const id of partnersTouched(tail.rows, lookup)) touched.add(id);
    if (!tail.more) break;
  }
  const { due: nightly, today } = dailyWork(ctx, journal.nightlyOn);
  const everyone = firstLook || options.all === true || nightly;
  const queue = new Set(journal.pending);
  for (const p of facts.partners) {
    const hasFile = !!journal.files[p.id];
    const active = p.status === 'Active';
    // Nightly: every partner with a sheet or who should have one; hourly: the touched ones, and Active partners still without one.
    if ((everyone && (active || hasFile)) || (touched.has(p.id) && (active || hasFile)) || (active && !hasFile)) queue.add(p.id);
  }
  // A partner deleted from the tab keeps their file but loses its viewers.
  for (const id of Object.keys(journal.files)) if (!byId.has(id) && (everyone || touched.has(id))) queue.add(id);
  journal.cursor = cursor;
  journal.pending = [...queue];
  if (everyone) journal.nightlyOn = today;
  saveJournal(store, journal);

  const mail: Outgoing[] = [];
  const urls = new Map<string, string>();
  for (const id of [...journal.pending]) {
    if (Date.now() - startedAtMs >= TIME_BUDGET_MS) break;
    try {
      refreshOne(ctx, store, journal, facts, byId.get(id) ?? null, id, settings, outcome, mail, urls);
    } catch (e) {
      // It stays queued: the next run tries again.
      outcome.notes.push(`${id}: ${errorText(e)}`);
      continue;
    }
    journal.pending = journal.pending.filter((p) => p !== id);
    saveJournal(store, journal);
  }
  outcome.waiting = journal.pending.length;

  // The Partners tab's Partner Sheet column, and the folder's link in Settings: one critical section.
  const folderUrl = journal.folderId ? `https://drive.google.com/drive/folders/${journal.folderId}` : '';
  const changedUrls = [...urls].filter(([pid, url]) => byId.get(pid)?.partnerSheet !== url);
  // The contacts just given access are told first: their access is already given, and a run that dies after it would not give it again.
  if (mail.length) sendMessages(ctx, critical, mail, { startedAtMs });
  if (changedUrls.length || (folderUrl && settings.partnerSheetsFolderUrl !== folderUrl)) {
    critical(() => recordLinks(ctx, changedUrls, folderUrl !== settings.partnerSheetsFolderUrl ? folderUrl : ''));
  }
  return outcome;
}

type Settings = ReturnType<typeof parseSettings>['settings'];

/** Creates (once), writes and shares one partner's sheet. */
function refreshOne(
  ctx: TrackerContext,
  store: KeyStore,
  journal: PartnerSheetsJournal,
  facts: Facts,
  partner: StoredPartner | null,
  id: string,
  settings: Settings,
  outcome: PartnerSheetsOutcome,
  mail: Outgoing[],
  urls: Map<string, string>,
): void {
  const active = partner?.status === 'Active';
  let fileId = journal.files[id] ?? '';
  if (!fileId && partner && active) {
    fileId = createSheet(store, journal, partner, settings.programmeName, outcome);
  }
  if (!fileId) return;
  const url = `https://docs.google.com/spreadsheets/d/${fileId}/edit`;
  if (partner && active) {
    const others = facts.partners.filter((p) => p.id !== id);
    const content = partnerSheetContent({
      programme: settings.programmeName,
      currency: settings.currency,
      partner: { ...partner, tier: partner.tier, status: partner.status },
      formUrl: settings.partnerFormUrl,
      refreshedAt: `${ctx.now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      leads: facts.leads,
      lines: facts.lines,
      payouts: facts.payouts,
      others,
    });
    writeSheet(SpreadsheetApp.openById(fileId), content);
    outcome.refreshed.push(id);
    urls.set(id, url);
  }
  // Access: the partner's contacts while Active; nobody otherwise. Never link sharing.
  const file = DriveApp.getFileById(fileId);
  if (String(file.getSharingAccess()) !== 'PRIVATE') file.setSharing(DriveApp.Access.PRIVATE, DriveApp.Permission.NONE);
  const wanted = partner && active ? partnerContactEmails(partner) : [];
  const change = viewerChanges(
    wanted,
    file.getViewers().map((u) => u.getEmail()),
  );
  for (const email of change.remove) {
    file.removeViewer(email);
    outcome.unshared++;
  }
  for (const email of change.add) {
    try {
      file.addViewer(email);
    } catch (e) {
      outcome.notes.push(`${id}: ${email} could not be given the sheet (${errorText(e)}); is it a Google account?`);
      continue;
    }
    outcome.shared++;
    if (partner) {
      mail.push({
        ...partnerSheetEmail({ programme: settings.programmeName, partnerName: partner.name, sheetUrl: url }),
        id: messageIds.partnerSheet(id, email),
        to: [email],
        purpose: `partner sheet ${id}`,
        senderName: settings.programmeName,
      });
    }
  }
}

/**
 * A new sheet, or the one a run that died made: the creation is journalled first, and a retry
 * looks for a spreadsheet of that name made since then before it makes another.
 */
function createSheet(store: KeyStore, journal: PartnerSheetsJournal, partner: StoredPartner, programme: string, outcome: PartnerSheetsOutcome): string {
  let fileId = '';
  const pending = journal.creating?.partnerId === partner.id ? journal.creating : null;
  // Another partner's sheet of the same name is never taken for this one.
  if (pending) fileId = findMadeSince(pending.name, Date.parse(pending.at) - CLOCK_SLACK_MS, new Set(Object.values(journal.files)));
  if (!fileId) {
    const name = partnerSheetName(programme, partner.name);
    journal.creating = { partnerId: partner.id, name, at: new Date().toISOString() };
    saveJournal(store, journal);
    const made = SpreadsheetApp.create(name);
    fileId = made.getId();
    // Recorded before its tabs are made: a run that dies now leaves it to be finished, never a second file (writeSheet adds missing tabs).
    journal.files[partner.id] = fileId;
    journal.creating = null;
    saveJournal(store, journal);
    made.getSheets()[0].setName(PARTNER_SHEET_TABS[0]);
    for (const tab of PARTNER_SHEET_TABS.slice(1)) made.insertSheet(tab);
    outcome.created.push(partner.id);
  }
  journal.files[partner.id] = fileId;
  journal.creating = null;
  saveJournal(store, journal);
  const note = fileInFolder(store, journal, fileId, programme);
  if (note) outcome.notes.push(note);
  return fileId;
}

/** The newest spreadsheet the owner's Drive holds by that name, made at or after `sinceMs`; '' when none. */
function findMadeSince(name: string, sinceMs: number, taken: ReadonlySet<string>): string {
  const found = DriveApp.getFilesByName(name);
  let best = '';
  let bestAt = -1;
  while (found.hasNext()) {
    const file = found.next();
    const at = file.getDateCreated().getTime();
    if (file.getMimeType() === SPREADSHEET_MIME && !file.isTrashed() && !taken.has(file.getId()) && at >= sinceMs && at > bestAt) {
      best = file.getId();
      bestAt = at;
    }
  }
  return best;
}

/** Moves a new sheet into "<programme> — Partner sheets" (made once; its ID journalled). Returns why it could not, or ''. */
function fileInFolder(store: KeyStore, journal: PartnerSheetsJournal, fileId: string, programme: string): string {
  try {
    let folder: GoogleAppsScript.Drive.Folder | null = null;
    if (journal.folderId) {
      try {
        folder = DriveApp.getFolderById(journal.folderId);
        if (folder.isTrashed()) folder = null;
      } catch {
        folder = null;
      }
    }
    if (!folder) {
      folder = DriveApp.createFolder(`${programme} — ${FOLDER_NAME}`);
      journal.folderId = folder.getId();
      saveJournal(store, journal);
    }
    DriveApp.getFileById(fileId).moveTo(folder);
    return '';
  } catch (e) {
    return `A partner sheet stays in the root of the owner's Drive: it could not be moved into its folder (${errorText(e)}).`;
  }
}

/** Each tab cleared and written in one setValues (text neutralised: company names are partner-typed). */
function writeSheet(file: GoogleAppsScript.Spreadsheet.Spreadsheet, content: PartnerSheetContent): void {
  for (const tab of PARTNER_SHEET_TABS) {
    const sheet = file.getSheetByName(tab) ?? file.insertSheet(tab);
    sheet.clearContents();
    const rows = content[tab];
    const width = Math.max(...rows.map((r) => r.length));
    const grid = rows.map((r) => Array.from({ length: width }, (_, i) => cellOf(r[i])));
    sheet.getRange(1, 1, grid.length, width).setValues(grid);
  }
}

function cellOf(value: string | number | undefined): CellValue {
  if (value === undefined) return '';
  return typeof value === 'number' ? value : textCell(value);
}

/** Partner Sheet links on the Partners tab (audited; the column re-read inside the lock) and the folder's link in Settings. */
function recordLinks(ctx: TrackerContext, urls: ReadonlyArray<[string, string]>, folderUrl: string): void {
  if (folderUrl) writeSettings(ctx.ss, { partnerSheetsFolderUrl: folderUrl });
  if (!urls.length) return;
  const table = TrackerTable.open(ctx.ss, 'partners');
  if (!table.has('partnerSheet')) return;
  const cols = table.readColumns(['id', 'partnerSheet'] as const);
  const wanted = new Map(urls);
  const audit: AuditEntry[] = [];
  const done = new Set<string>();
  const values = cols.id.map((cell, i) => {
    const id = readText(cell);
    const before = readText(cols.partnerSheet[i]);
    const url = wanted.get(id);
    if (!url || done.has(id) || before === url) return before;
    done.add(id);
    audit.push({ at: ctx.now, user: ctx.actor, source: ctx.source, tab: table.name, range: `row ${i + 2}`, recordId: id, field: 'partnerSheet', oldValue: before, newValue: url });
    return url;
  });
  if (audit.length)
    auditedWrite(ctx, audit, () =>
      table.writeColumn(
        'partnerSheet',
        2,
        values.map((v) => textCell(v)),
      ),
    );
}
