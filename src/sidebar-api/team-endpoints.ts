import * as z from 'zod/mini';
import { InputError } from '../domain/input-error';
import { ASSIGNABLE_ROLES, Role, Roster, TEAM_MEMBER_SCHEMA, rolesOf, sameEmail } from '../domain/roles';
import { forgetState, requireRole, rosterOf, whyNot } from '../team/access';
import { takeOverAutomation } from '../team/automation';
import { automationView } from './automation-view';
import { applyRoster, headerPositions, writeTeamTab } from '../team/team';
import { TrackerContext, trackerContext } from '../tracker/context';
import { withDocumentLock } from '../tracker/lock';
import { TrackerTable } from '../tracker/table';
import { TeamView } from './contract';
import { NO_ARGUMENTS, endpoint, writeEndpoint } from './endpoint';

/**
 * The sidebar's Team view: who holds which role, whether the automation runs,
 * and (for managers) adding and removing roles and taking a stopped automation
 * over. People whose grid edits Google cannot attribute (personal accounts,
 * other domains) manage the team here: the sidebar knows who they are.
 */
const SOURCE = 'sidebar';

function teamView(ctx: TrackerContext, notices: string[] = []): TeamView {
  const roster = rosterOf(ctx);
  const why = whyNot(ctx, 'manageTeam');
  return {
    owner: roster.owner,
    you: { email: ctx.actor, roles: rolesOf(roster, ctx.actor) },
    members: [...roster.members].sort((a, b) => a.role.localeCompare(b.role) || a.email.localeCompare(b.email)).map((m) => ({ email: m.email, role: m.role, name: m.name })),
    roles: [...ASSIGNABLE_ROLES],
    canManage: why === null,
    whyNot: why,
    automation: automationView(ctx),
    notices,
  };
}

function change(ctx: TrackerContext, next: (roster: Roster) => Roster): TeamView {
  requireRole(ctx, 'manageTeam');
  const notices = withDocumentLock(ctx.ss, () => {
    forgetState(ctx);
    const roster = next(rosterOf(ctx));
    const result = applyRoster(ctx, roster, headerPositions(ctx.ss));
    writeTeamTab(TrackerTable.open(ctx.ss, 'team'), roster);
    return result.protections.couldNot.length ? [`Protections you may not change (the owner's setup will): ${result.protections.couldNot.join('; ')}.`] : [];
  });
  forgetState(ctx);
  return teamView(ctx, notices);
}

export const apiGetTeam = /* @__PURE__ */ endpoint(NO_ARGUMENTS, (): TeamView => teamView(trackerContext(SOURCE)));

export const apiAddTeamMember = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([TEAM_MEMBER_SCHEMA]),
  (member): TeamView => {
    const ctx = trackerContext(SOURCE);
    return change(ctx, (roster) => {
      if (sameEmail(member.email, roster.owner)) throw InputError.field('email', `${member.email} is the owner and holds every role already.`);
      if (roster.members.some((m) => sameEmail(m.email, member.email) && m.role === member.role)) throw InputError.field('role', `${member.email} already has the ${member.role} role.`);
      return { ...roster, members: [...roster.members, { email: member.email, role: member.role as Role, name: member.name ?? '' }] };
    });
  },
);

export const apiRemoveTeamMember = /* @__PURE__ */ writeEndpoint(
  () => z.tuple([z.object({ email: z.string().check(z.trim(), z.toLowerCase()), role: z.string().check(z.trim()) })]),
  ({ email, role }): TeamView => {
    const ctx = trackerContext(SOURCE);
    return change(ctx, (roster) => {
      if (!roster.members.some((m) => sameEmail(m.email, email) && m.role === role)) throw new InputError(`${email} does not have the ${role} role.`);
      return { ...roster, members: roster.members.filter((m) => !(sameEmail(m.email, email) && m.role === role)) };
    });
  },
);

export const apiTakeOverAutomation = /* @__PURE__ */ writeEndpoint(NO_ARGUMENTS, (): TeamView => {
  const ctx = trackerContext(SOURCE);
  const { notices } = takeOverAutomation(ctx);
  forgetState(ctx);
  return teamView(ctx, notices);
});
