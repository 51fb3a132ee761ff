import { isEmail, sameEmail } from '../src/domain/roles';
import type { TeamMemberView, YouView } from '../src/sidebar-api/contract';

/**
 * The Team view's pure helpers: checking "Add a person" the way the server's
 * apiAddTeamMember does (src/sidebar-api/team-endpoints.ts keeps its zod schema
 * to itself, so its rules are mirrored here; the server checks again and its
 * field errors win), and how a person's roles are worded. Unit-tested.
 */
export interface NewMember {
  email: string;
  role: string;
  name?: string;
}

export type MemberCheck = { ok: true; data: NewMember } | { ok: false; errors: Record<string, string> };

/** What the Team view knows when checking: the owner, who holds what, and the roles it may give. */
export interface TeamFacts {
  owner: string;
  members: readonly TeamMemberView[];
  roles: readonly string[];
}

/** The server's limits (team-endpoints.ts MEMBER). */
export const EMAIL_MAX = 254;
export const NAME_MAX = 100;

/**
 * Checks a new team member as the server would: an email address (trimmed, lower-cased,
 * at most 254 characters), a role it may give, a name of at most 100 characters; not the
 * owner (who holds every role), and not a role the person already has.
 */
export function checkNewMember(values: { email: string; role: string; name: string }, team: TeamFacts): MemberCheck {
  const errors: Record<string, string> = {};
  const email = values.email.trim().toLowerCase();
  const role = values.role.trim();
  const name = values.name.trim();
  if (!email) errors.email = 'Email is required: the Google account the person signs in with.';
  else if (!isEmail(email)) errors.email = 'Enter an email address such as name@company.com';
  else if (email.length > EMAIL_MAX) errors.email = `Email must be at most ${EMAIL_MAX} characters`;
  else if (team.owner && sameEmail(email, team.owner)) errors.email = `${email} is the owner and holds every role already.`;
  if (!team.roles.includes(role)) errors.role = `Choose a role: ${team.roles.join(', ')}`;
  else if (!errors.email && team.members.some((m) => sameEmail(m.email, email) && m.role === role)) errors.role = `${email} already has the ${role} role.`;
  if (name.length > NAME_MAX) errors.name = `Name must be at most ${NAME_MAX} characters`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: name ? { email, role, name } : { email, role } };
}

/** "Owner (every role)", "Finance, Partner team", "no role yet". */
export function rolesText(roles: readonly string[]): string {
  if (roles.includes('Owner')) return 'Owner (every role)';
  return roles.length ? roles.join(', ') : 'no role yet';
}

/** Home's line about the person using the sidebar. */
export function youLine(you: YouView | null | undefined): string {
  if (!you || !you.email) return 'Google did not say who you are, so the tracker cannot check your roles: actions that need a role will be refused.';
  return `You are ${you.email} · ${rolesText(you.roles)}`;
}

/** The team's members grouped by role, in the order of `roles` (then any other role the server named). */
export function membersByRole(members: readonly TeamMemberView[], roles: readonly string[]): Array<{ role: string; members: TeamMemberView[] }> {
  const order = [...roles, ...members.map((m) => m.role).filter((r, i, all) => !roles.includes(r) && all.indexOf(r) === i)];
  return order.map((role) => ({ role, members: members.filter((m) => m.role === role) }));
}
