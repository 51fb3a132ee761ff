import { AuditEntry } from '../domain/audit-chain';
import { Roster } from '../domain/roles';
import { SETTING_DEFS, checkSettingValue } from '../domain/settings';
import { forgetState, trackerState } from '../team/access';
import { applyRoster, headerPositions, teamFromTab, writeTeamTab } from '../team/team';
import { textCell } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { readSettingValues } from '../tracker/settings-tab';
import { sectionState } from '../tracker/state';
import { TrackerTable } from '../tracker/table';
import { EditorIdentity, notCredited } from './identity';

/**
 * Edits to the Team and Settings tabs, whatever their shape. Both are
 * protected for the owner and managers; a change counts once the edit can be
 * credited to one of them. Otherwise the tab is put back from the tracker's
 * record (the roles and settings as last confirmed), told and audited.
 */
export interface TabEditOutcome {
  refused: string[];
  notes: string[];
}

export function handleTeamEdit(ctx: TrackerContext, identity: EditorIdentity, roster: Roster, audit: AuditEntry[]): TabEditOutcome {
  const out: TabEditOutcome = { refused: [], notes: [] };
  const table = TrackerTable.open(ctx.ss, 'team');
  // The Team tab is written through its sheet (writeTeamTab, the notes): its positions must hold first.
  table.confirmColumns();
  const why = notCredited(identity, roster, ['Manager'], 'changing the team');
  if (why) {
    writeTeamTab(table, roster);
    out.refused.push(`Team: put back as the tracker last confirmed it. ${why}`);
    audit.push(entry(ctx, 'Team', '(put back)', 'the Team tab as last confirmed', why));
    return out;
  }
  const { members, problems, rows } = teamFromTab(table, roster.owner);
  const next: Roster = { owner: roster.owner, members };
  const result = applyRoster(ctx, next, headerPositions(ctx.ss));
  // Rows that cannot count stay as typed, with the reason beside them (nothing is lost).
  if (problems.length) {
    const notesColumn = table.column('notes');
    for (const p of problems) table.sheet.getRange(p.row, notesColumn).setValue(textCell(`Not applied: ${p.message.replace(/^row \d+: /, '')}`));
    out.refused.push(`Team: ${problems.map((p) => p.message).join('; ')}.`);
  }
  if (result.changes.length) out.notes.push(`Team: ${result.changes.join(', ')}. Protections follow the new roles.`);
  if (result.protections.couldNot.length) out.notes.push(`Team: protections the tracker could not change: ${result.protections.couldNot.join('; ')}.`);
  // The owner's row is the tracker's: restore it if it was edited away.
  if (!rows.some((r) => r.role.toLowerCase() === 'owner' && r.email.toLowerCase() === roster.owner.toLowerCase())) writeTeamTab(table, next);
  return out;
}

export function handleSettingsEdit(ctx: TrackerContext, identity: EditorIdentity, roster: Roster, audit: AuditEntry[]): TabEditOutcome {
  const out: TabEditOutcome = { refused: [], notes: [] };
  const state = sectionState(ctx.ss) ?? trackerState(ctx);
  const record = state.record();
  if (!record) return out;
  const now = readSettingValues(ctx.ss);
  const confirmed = record.settings;
  const changed = SETTING_DEFS.filter((d) => (now.get(d.label) ?? '') !== (confirmed[d.label] ?? now.get(d.label) ?? ''));
  if (changed.length === 0) return out;
  const why = notCredited(identity, roster, ['Manager'], 'changing settings');
  const keep: Record<string, string> = { ...confirmed };
  const putBack: Array<{ label: string; value: string; reason: string }> = [];
  for (const d of changed) {
    // A blank or invalid value is refused as typed (the tracker never reads a blank number as 0).
    const reason = why ?? checkSettingValue(d.label, now.get(d.label));
    if (reason) putBack.push({ label: d.label, value: confirmed[d.label] ?? d.defaultValue, reason });
    else keep[d.label] = now.get(d.label) ?? '';
  }
  if (putBack.length) {
    writeSettingValues(ctx, putBack);
    for (const p of putBack) audit.push(entry(ctx, 'Settings', '(put back)', `${p.label}: ${p.value}`, p.reason));
    out.refused.push(...putBack.map((p) => `Settings › ${p.label}: put back to "${p.value}". ${p.reason}`));
  }
  if (JSON.stringify(keep) !== JSON.stringify(confirmed)) {
    state.writeRecord({ ...record, settings: keep });
    forgetState(ctx);
  }
  return out;
}

function writeSettingValues(ctx: TrackerContext, values: Array<{ label: string; value: string }>): void {
  const table = TrackerTable.open(ctx.ss, 'settings');
  const labels = table.readColumns(['key']).key.map((v) => String(v).trim());
  table.confirmColumns();
  for (const { label, value } of values) {
    const at = labels.indexOf(label);
    if (at >= 0) table.sheet.getRange(at + 2, table.column('value')).setValue(textCell(value));
  }
}

function entry(ctx: TrackerContext, tabName: string, field: string, newValue: string, reason: string): AuditEntry {
  return { at: ctx.now, user: ctx.actor, source: 'edit', tab: tabName, range: '', recordId: '', field, oldValue: '', newValue: `${newValue} — ${reason}` };
}
