import { OwedApplicationMail } from '../applications/application-mail';
import { AuditEntry } from '../domain/audit-chain';
import { columnLetter } from '../tracker/a1';
import { CellValue, readText, textCell, utcDateTimeCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { TabRecord } from '../tracker/schema';
import { TrackerTable } from '../tracker/table';

/**
 * An Applications decision typed (or pasted) by hand must be one the tracker can stand behind.
 * Approved needs the partner the sidebar's approval makes (its Terms Accepted names the
 * application): without one the row is put back to New, with the reason in the toast and the
 * Audit Log; with one, Partner ID is put back to that partner if it was changed. Rejected needs
 * the reason in Decision Note (it is sent to the applicant) and a known editor: then it is
 * adopted (Decided By and At filled in, the applicant's email owed); otherwise put back to New.
 * A decided row cannot be reopened or changed to anything else by hand: its decision is put
 * back (the partner exists, or the applicant was told). Checked whenever an edit touches
 * Status, Decided By, Decided At, Decision Note or Partner ID. One read of the edited rows, one
 * of the Partners' Terms Accepted column when a row needs it; a write per row it changes.
 */
interface Block {
  row0: number;
  rows: number;
  col0: number;
  cols: number;
}

type ApplicationRecord = TabRecord<'applications', CellValue>;

const WATCHED = ['status', 'decidedBy', 'decidedAt', 'decisionNote', 'partnerId'] as const;

export function checkApplicationEdit(ctx: TrackerContext, table: TrackerTable, block: Block, editor: string, audit: AuditEntry[]): string[] {
  const applications = table as TrackerTable<'applications'>;
  if (!WATCHED.every((k) => applications.has(k))) return [];
  if (!WATCHED.some((k) => applications.column(k) >= block.col0 && applications.column(k) < block.col0 + block.cols)) return [];
  const first = Math.max(2, block.row0);
  const last = Math.min(block.row0 + block.rows - 1, applications.lastRow());
  if (last < first) return [];
  let made: Map<string, string> | null = null;
  // The partner each approval made, by application ID (read once, only if a row needs it).
  const partnerOf = (id: string): string => {
    if (!made) {
      made = new Map();
      const partners = TrackerTable.open(ctx.ss, 'partners');
      if (partners.has('termsAccepted') && partners.rowCount()) {
        const cols = partners.readColumns(['id', 'termsAccepted'] as const);
        cols.termsAccepted.forEach((v, i) => {
          // The marker an approval leaves (domain/applications.ts applicationMarker).
          const m = /\(application (A-\d+)\)$/.exec(readText(v));
          if (m && readText(cols.id[i])) made!.set(m[1], readText(cols.id[i]));
        });
      }
    }
    return made.get(id) ?? '';
  };
  const refused: string[] = [];
  applications.readRows(first, last).forEach((record, i) => {
    const row = first + i;
    const id = readText(record.id);
    if (!id) return;
    const status = readText(record.status);
    const partnerId = partnerOf(id);
    const note = readText(record.decisionNote);
    const put = (values: Partial<ApplicationRecord>, why: string) => {
      applications.writeCells(row, values);
      audit.push({
        at: ctx.now,
        user: ctx.actor,
        source: 'edit',
        tab: applications.name,
        range: `${columnLetter(applications.column('status'))}${row}`,
        recordId: id,
        field: '(decision put back)',
        oldValue: status,
        newValue: `${readText(values.status ?? status)}: ${why}`,
      });
      refused.push(`Applications row ${row} (${id}): ${why}`);
    };
    if (partnerId) {
      // Approved by the tracker: the partner exists, whatever was typed.
      if (status !== 'Approved') put({ status: 'Approved', partnerId }, `it was approved as partner ${partnerId}, which exists; an approval cannot be undone here (deactivate the partner instead).`);
      else if (readText(record.partnerId) !== partnerId) put({ partnerId }, `its approval made partner ${partnerId}; Partner ID is put back.`);
      return;
    }
    const decided = readText(record.decidedAt) !== '';
    if (status === 'Approved') {
      put({ status: decided ? 'Rejected' : 'New', partnerId: '' }, "Approved is set by approving it in the sidebar's Applications view, which makes the partner and sends the welcome.");
      return;
    }
    if (status === 'Rejected') {
      if (decided) return;
      if (!note) return put({ status: 'New' }, "Rejected needs the reason in Decision Note first (the applicant is sent it), or reject it in the sidebar's Applications view.");
      if (!editor) return put({ status: 'New' }, 'Google did not say who you are, so the rejection cannot be recorded; reject it in the sidebar.');
      // A complete rejection typed by hand: who and when, as the sidebar records them, and the applicant's email.
      new OwedApplicationMail(ctx.ss).add('declined', id);
      applications.writeCells(row, { decidedBy: textCell(editor), decidedAt: utcDateTimeCell(ctx.now), partnerId: '' });
      return;
    }
    if (decided) put({ status: 'Rejected' }, 'it was rejected and the applicant was told; a decided application cannot be reopened. Ask them to apply again.');
    else if (status !== 'New') put({ status: 'New' }, `"${status}" is not a status: New, Approved (in the sidebar) or Rejected.`);
  });
  return refused;
}
