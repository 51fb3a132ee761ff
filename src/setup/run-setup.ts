import { AUDIT_QUEUED_KEY, appendAudit } from '../audit/audit-log';
import { INTENTS_KEY } from '../audit/audit-intent';
import { OWED_MAIL_KEY } from '../partner-form/owed-mail';
import { PENDING_KEY } from '../tracker/state';
import { COUNTERS_KEY } from '../tracker/ids';
import { readRuleRows } from '../commissions/commission-store';
import { ensureExampleRule } from '../commissions/example-rule';
import { parseRules } from '../domain/commissions';
import { MOVED_TO_TEAM } from '../domain/settings';
import { Roster, TeamMember, isEmail, sameEmail } from '../domain/roles';
import { existingPartnerForm } from '../partner-form/form-setup';
import { existingApplicationForm } from '../applications/form-setup';
import { forgetState, trackerState } from '../team/access';
import { headerPositions, teamFromTab, writeTeamTab } from '../team/team';
import { protectResponsesTabs } from '../partner-form/reconcile';
import { reconcileProtections } from '../team/protections';
import { readText, todayIn } from '../tracker/cells';
import { TrackerContext } from '../tracker/context';
import { startPartnerUpdateFeed } from '../partner-updates/feed-state';
import { trackerSheet } from '../tracker/identity';
import { withDocumentLock } from '../tracker/lock';
import { reference } from '../tracker/reference';
import { TABS } from '../tracker/schema';
import { ensureSealKey } from '../tracker/sealer';
import { SetupReport, readSchemaVersion, setUpTracker } from '../tracker/setup';
import { readSettingValues } from '../tracker/settings-tab';
import { TrackerTable } from '../tracker/table';
import { ensureTrackerTriggers } from '../triggers/triggers';

/**
 * "Set up tracker": the first person to run it becomes the tracker's owner —
 * the account its automation runs as — and gets its triggers. Run again by
 * the owner it upgrades and repairs (tabs, columns, protections, triggers) and
 * changes nothing that is already right. Run by anyone else it installs
 * nothing and says who runs the automation: one set of triggers per tracker.
 */
export interface SetupOutcome extends SetupReport {
  owner: string;
  /** False when someone other than the owner ran it (nothing was installed). */
  ranAsOwner: boolean;
}

export function runSetup(ctx: TrackerContext): SetupOutcome {
  const me = ctx.actor;
  if (!me) throw new Error('Google did not tell the tracker who you are, so it cannot record you as its owner. Sign in with your Google account and try again.');
  return withDocumentLock(ctx.ss, () => {
    const properties = ctx.properties;
    if (!properties) throw new Error('Set up the tracker from the spreadsheet (Extensions › Partnership Tracker › Set up tracker).');
    const state = trackerState(ctx);
    const record = state.record();
    if (record && record.owner && !sameEmail(record.owner, me)) return notTheOwner(ctx, { owner: record.owner, members: record.members });

    // Triggers first: at Google's trigger limit setup stops before it has changed anything.
    const triggers = ensureTrackerTriggers(ctx.ss, Boolean(existingPartnerForm(properties) || existingApplicationForm(properties)));
    const report = setUpTracker(ctx.ss, properties);
    // Tabs, headers and settings may have changed: what this or an earlier run kept of them is read afresh.
    reference(ctx.ss).drop('headers', 'settings', 'lists', 'partners', 'rules', 'roster', 'timeZone');
    const upgradedFromOld = report.fromVersion !== null && report.fromVersion < 6;
    if (ensureSealKey(ctx.ss, properties) === 'created') report.changes.push("Created the key the tracker signs its rows with (kept in the add-on's properties).");
    if (upgradedFromOld) sealExistingRows(ctx, report);

    // The team: the record's, or on the first setup whoever Settings named (schema 5 and before) and the Team tab lists.
    const teamTable = TrackerTable.open(ctx.ss, 'team');
    const moved = moveSettingsPeopleToTeam(ctx.ss, report);
    const typed = teamFromTab(teamTable, me);
    const members: TeamMember[] = record ? [...record.members] : dedupe([...moved, ...typed.members]);
    const roster: Roster = { owner: me, members };
    const settings = Object.fromEntries(readSettingValues(ctx.ss));
    if (!record) {
      state.writeRecord({ owner: me, ownerSince: ctx.now.toISOString(), members, settings });
      report.changes.push(`Recorded ${me} as the tracker's owner: its automation runs as this account.`);
      if (members.length) report.changes.push(`Team: ${members.map((m) => `${m.email} (${m.role})`).join(', ')}.`);
    } else if (JSON.stringify(record.settings) !== JSON.stringify(settings)) {
      // The owner running setup confirms the Settings tab as it stands.
      state.writeRecord({ ...record, settings });
    }
    // The entries busy operations write (commission work, audit notes, owed form mail) exist from now on: each write is one call.
    state.ensureEntries([PENDING_KEY, INTENTS_KEY, OWED_MAIL_KEY, COUNTERS_KEY, AUDIT_QUEUED_KEY]);
    forgetState(ctx);
    const unconfirmed = typed.rows
      .filter((r) => r.email || r.role)
      .filter((r) => !(r.role === 'Owner' && sameEmail(r.email, me)) && !members.some((m) => sameEmail(m.email, r.email) && m.role.toLowerCase() === r.role.toLowerCase()));
    if (record && unconfirmed.length) {
      report.notices.push(
        `Team: ${unconfirmed.map((r) => `row ${r.row} (${r.email || '(no email)'} ${r.role || '(no role)'})`).join(', ')} had not been confirmed by the tracker and ${unconfirmed.length > 1 ? 'were' : 'was'} put back; add people again on the Team tab or in the sidebar.`,
      );
    }
    if (!record || unconfirmed.length || teamTable.rowCount() < members.length + 1) writeTeamTab(teamTable, roster);

    const protections = reconcileProtections(ctx.ss, roster, headerPositions(ctx.ss));
    if (protections.changed.length) {
      report.changes.push(
        `Protections (${protections.changed.length} changed): every tab is protected for real, with editors that follow the Team tab; ${protections.changed.slice(0, 3).join(' ')}${protections.changed.length > 3 ? ' …' : ''}`,
      );
    }
    // A tracker whose form predates it gets its responses tabs protected too (rows typed there must not become leads).
    protectResponsesTabs(ctx.ss);
    if (protections.couldNot.length) report.notices.push(`Protections you may not change (ask the spreadsheet's owner to run setup): ${protections.couldNot.join('; ')}.`);

    const { maintenance } = triggers;
    if (maintenance !== 'present')
      report.changes.push(
        `${maintenance === 'installed' ? 'Installed' : 'Replaced the daily trigger with'} the hourly trigger: expiry, payable commissions, commission lines for deals others closed, the daily digest, payouts on schedule, queued mail.`,
      );
    if (triggers.edit === 'installed') report.changes.push("Installed the edit trigger that audits every edit and enforces the tracker's rules.");
    if (triggers.change === 'installed') report.changes.push('Installed the change trigger that audits rows, columns and tabs inserted, deleted or renamed.');
    if (triggers.formSubmit === 'installed') report.changes.push('Installed the trigger that turns partner form responses into leads.');

    const example = ensureExampleRule(ctx, properties);
    if (example) report.changes.push(example);
    const rules = parseRules(readRuleRows(ctx.ss, ctx.timeZone));
    report.notices.push(...rules.problems.map((p) => `Commission Rules: ${p.message}`));
    if (report.changes.length) {
      appendAudit(
        ctx,
        report.changes.map((change) => ({
          at: ctx.now,
          user: me,
          source: 'setup',
          tab: '',
          range: '',
          recordId: '',
          field: '(setup)',
          oldValue: report.fromVersion === null ? '' : `schema ${report.fromVersion}`,
          newValue: change,
        })),
      );
    }
    // Partners hear of changes from here on, not of the tracker's history (partner-updates/feed.ts).
    startPartnerUpdateFeed(ctx.ss, todayIn(ctx.timeZone, ctx.now));
    return { ...report, owner: me, ranAsOwner: true };
  });
}

/**
 * Someone else runs the automation: nothing is installed. The protections are
 * still brought in line with the team as far as this person may change them:
 * after a take-over, only the spreadsheet's owner can hand the owner-only
 * ranges to the new owner, and this is how.
 */
function notTheOwner(ctx: TrackerContext, roster: Roster): SetupOutcome {
  const properties = ctx.properties as GoogleAppsScript.Properties.Properties;
  const version = readSchemaVersion(properties);
  const notices = [`This tracker is already set up; its automation runs as ${roster.owner}, who holds its triggers. Nothing was installed for you: one set of triggers per tracker.`];
  const changes: string[] = [];
  if (version !== null && version < 6) {
    notices.push(`It needs an upgrade (schema ${version}): ask ${roster.owner} to run Set up tracker.`);
  } else {
    const protections = reconcileProtections(ctx.ss, roster, headerPositions(ctx.ss));
    if (protections.changed.length) changes.push(`Protections now follow the team (owner ${roster.owner}): ${protections.changed.join(' ')}`);
  }
  notices.push('If the automation has stopped, a manager can take it over from the sidebar.');
  if (changes.length) {
    appendAudit(
      ctx,
      changes.map((change) => ({ at: ctx.now, user: ctx.actor, source: 'setup', tab: '', range: '', recordId: '', field: '(setup)', oldValue: '', newValue: change })),
    );
  }
  return { fromVersion: version, toVersion: version ?? 0, changes, notices, owner: roster.owner, ranAsOwner: false };
}

function dedupe(members: TeamMember[]): TeamMember[] {
  const seen = new Set<string>();
  return members.filter((m) => {
    const key = `${m.email.toLowerCase()}|${m.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Schema 5's "Manager emails" and "Partner team emails" become Team rows; the Settings rows go. */
function moveSettingsPeopleToTeam(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, report: SetupReport): TeamMember[] {
  const sheet = trackerSheet(ss, 'settings');
  if (!sheet) return [];
  const values = readSettingValues(ss);
  const members: TeamMember[] = [];
  const labels: string[] = [];
  for (const { label, role } of MOVED_TO_TEAM) {
    if (!values.has(label)) continue;
    labels.push(label);
    for (const email of (values.get(label) ?? '')
      .split(/[,;\s]+/)
      .map((e) => e.trim())
      .filter(Boolean)) {
      if (isEmail(email)) members.push({ email: email.toLowerCase(), role, name: '' });
      else report.notices.push(`Settings › ${label}: "${email}" is not an email address; it was not added to the Team tab.`);
    }
  }
  if (labels.length === 0) return [];
  const keys = sheet
    .getRange(1, 1, sheet.getLastRow(), 1)
    .getDisplayValues()
    .map((r) => r[0].trim());
  // Bottom up, so row numbers stay right.
  for (let i = keys.length - 1; i >= 1; i--) if (labels.includes(keys[i])) sheet.deleteRow(i + 1);
  report.changes.push(`Moved ${labels.join(' and ')} from Settings to the Team tab${members.length ? ` (${members.map((m) => `${m.email} as ${m.role}`).join(', ')})` : ''}.`);
  return members;
}

/** An upgraded tracker's rows predate seals: the owner's upgrade seals them as they stand. */
function sealExistingRows(ctx: TrackerContext, report: SetupReport): void {
  for (const def of TABS.filter((t) => t.sealed)) {
    const table = TrackerTable.open(ctx.ss, def.key);
    const sealer = table.sealer();
    if (!sealer || table.rowCount() === 0) continue;
    const keys = [...sealer.fields, 'check'];
    const cols = table.readColumns(keys);
    const checks: string[] = [];
    let sealed = 0;
    for (let i = 0; i < table.rowCount(); i++) {
      const record = Object.fromEntries(keys.map((k) => [k, cols[k][i]]));
      const blank = sealer.fields.every((f) => readText(record[f]) === '');
      if (!blank && !readText(record.check)) {
        checks.push(sealer.seal({}, record));
        sealed++;
      } else {
        checks.push(readText(record.check));
      }
    }
    if (sealed) {
      table.sheet.getRange(2, table.column('check'), checks.length, 1).setValues(checks.map((c) => [c]));
      report.changes.push(`${def.name}: sealed ${sealed} existing row${sealed > 1 ? 's' : ''} as they stood.`);
    }
  }
}
