import type { Emulator } from '../../emulator';

/**
 * The leak scan: every partner-facing artifact (an email in the emulator's outbox, or the cell
 * text of a sheet shared with a partner) checked for any OTHER partner's identifying data —
 * their ID, name, code, contact name, contact emails, their leads' IDs and companies, and their
 * amounts where distinctive. A message to a partner's contact is that partner's; a message to
 * anyone else who is not on the team (an unknown respondent) may know no partner at all.
 */
export interface ScannedPartner {
  id: string;
  name: string;
  code: string;
  contactName: string;
  contactEmails: string[];
  leads: Array<{ id: string; company: string }>;
  /** Money the partner earned or was paid, as the tracker shows it ("2,500.06"). */
  amounts: string[];
}

export interface Artifact {
  /** What it is, for the report ("email 'Lead L-000002 registered' to bo@beta.example"). */
  what: string;
  /** Who sees it. */
  to: string[];
  text: string;
}

export interface Leak {
  what: string;
  /** The partner whose artifact it is ('' for an outsider). */
  reader: string;
  /** The other partner whose data it shows, and the text found. */
  of: string;
  found: string;
}

const rows = (emu: Emulator, name: string): Array<Record<string, string>> => {
  const sheet = emu.spreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet || sheet.getLastRow() < 2) return [];
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getDisplayValues();
  return grid.slice(1).map((r) => Object.fromEntries(grid[0].map((h, i) => [h, r[i]])));
};

/** The programme's partners as the tracker holds them, with their leads and amounts. */
export function programmePartners(emu: Emulator): ScannedPartner[] {
  const leads = rows(emu, 'Leads');
  const money = [...rows(emu, 'Commissions'), ...rows(emu, 'Payouts')];
  return rows(emu, 'Partners')
    .filter((p) => p['Partner ID'])
    .map((p) => ({
      id: p['Partner ID'],
      name: p.Name,
      code: p['Partner Code'] ?? p.Code ?? '',
      contactName: p['Contact Name'] ?? '',
      contactEmails: [p['Contact Email'], ...(p['More Contact Emails'] ?? '').split(/[\s,;]+/)].map((e) => (e ?? '').trim().toLowerCase()).filter(Boolean),
      leads: leads.filter((l) => l['Partner ID'] === p['Partner ID']).map((l) => ({ id: l['Lead ID'], company: l.Company })),
      amounts: [
        ...new Set(
          [...money, ...leads]
            .filter((m) => m['Partner ID'] === p['Partner ID'])
            .flatMap((m) => [m.Amount, m.Total, m.Net, m.Gross, m['Deal Amount'], m['Estimated Value']])
            .filter((a): a is string => Boolean(a))
            .map((a) => a.replace(/[^\d.,-]/g, '')),
        ),
      ],
    }));
}

/** The emulator's outbox as artifacts, leaving out mail to the team (managers' summaries, digests). */
export function outboxArtifacts(emu: Emulator, team: readonly string[]): Artifact[] {
  const isTeam = (address: string) => team.some((t) => t.toLowerCase() === address.toLowerCase());
  return emu.services.mail.outbox
    .filter((m) => [...m.to, ...m.cc, ...m.bcc].some((a) => !isTeam(a)))
    .map((m) => ({ what: `email "${m.subject}" to ${m.to.join(', ')}`, to: [...m.to, ...m.cc, ...m.bcc], text: `${m.subject}\n${m.body}\n${m.htmlBody ?? ''}` }));
}

/** A sheet shared with `to`: its cells' text (another part adds partner sheets; pass what they hold). */
export function sheetArtifact(what: string, to: string[], cells: ReadonlyArray<ReadonlyArray<unknown>>): Artifact {
  return { what, to, text: cells.map((r) => r.map((c) => String(c ?? '')).join('\t')).join('\n') };
}

/** Every partner sheet the tracker made (the Partners tab's Partner Sheet), as an artifact its partner's contacts see: every tab's cells. */
export function partnerSheetArtifacts(emu: Emulator, partners: readonly ScannedPartner[]): Artifact[] {
  return rows(emu, 'Partners').flatMap((p) => {
    const id = /\/d\/([^/]+)/.exec(p['Partner Sheet'] ?? '')?.[1];
    if (!id) return [];
    const to = partners.find((x) => x.id === p['Partner ID'])?.contactEmails ?? [];
    const book = emu.spreadsheetApp.openById(id);
    const cells = book.getSheets().flatMap((sheet) => (sheet.getLastRow() ? sheet.getRange(1, 1, sheet.getLastRow(), Math.max(1, sheet.getLastColumn())).getDisplayValues() : []));
    return [sheetArtifact(`partner sheet of ${p['Partner ID']}`, to, cells)];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word, case-insensitive, HTML-escaped or not. */
function occurs(haystack: string, needle: string): boolean {
  const escapedHtml = needle.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return [needle, escapedHtml].some((n) => new RegExp(`(^|[^\\w@.-])${escapeRegExp(n)}(?=$|[^\\w@-])`, 'i').test(haystack));
}

/** A partner's identifying texts (names and codes of 3 characters or more), and its distinctive amounts (100.00 or more). */
function identifying(p: ScannedPartner): Array<{ kind: string; text: string }> {
  const texts = [
    { kind: 'ID', text: p.id },
    { kind: 'name', text: p.name },
    { kind: 'code', text: p.code },
    { kind: 'contact name', text: p.contactName },
    ...p.contactEmails.map((text) => ({ kind: 'contact email', text })),
    ...p.leads.flatMap((l) => [
      { kind: 'lead ID', text: l.id },
      { kind: 'lead company', text: l.company },
    ]),
    ...p.amounts.filter((a) => Number(a.replace(/,/g, '')) >= 100).map((text) => ({ kind: 'amount', text })),
  ];
  return texts.filter((t) => t.text.trim().length >= 3);
}

/**
 * Every leak in these artifacts: for each, the partner it belongs to (a recipient is one of
 * their contacts) and what of any other partner it shows. Text the reader's own data shares with
 * another's (both registered "Initech": one company, two leads; or their "Initech Inc" holds it) is the reader's and not a leak.
 */
export function scanForLeaks(artifacts: readonly Artifact[], partners: readonly ScannedPartner[]): Leak[] {
  const leaks: Leak[] = [];
  for (const artifact of artifacts) {
    const to = artifact.to.map((a) => a.toLowerCase());
    const readers = partners.filter((p) => p.contactEmails.some((e) => to.includes(e)));
    const own = readers.flatMap(identifying).map((t) => t.text.toLowerCase());
    for (const other of partners) {
      if (readers.includes(other)) continue;
      for (const { kind, text } of identifying(other)) {
        // The reader's own text that contains it ("Initech Inc", their lead, holds another's "Initech").
        if (own.some((o) => o.includes(text.toLowerCase()))) continue;
        if (occurs(artifact.text, text)) leaks.push({ what: artifact.what, reader: readers.map((r) => r.id).join(', '), of: `${other.id} ${kind}`, found: text });
      }
    }
  }
  return leaks;
}
