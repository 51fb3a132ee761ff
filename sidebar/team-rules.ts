import { TEAM_MEMBER_RULES, sameEmail } from '../src/domain/input-rules';
import { checkFields } from '../src/domain/rules';
import type { TeamMemberView, YouView } from '../src/sidebar-api/contract';

/**
 * The Team view's pure helpers: checking "Add a person" with the server's own
 * rules (TEAM_MEMBER_RULES, the server's TEAM_MEMBER_SCHEMA's own; the server checks again and its field errors
 * win), and how a person's roles are worded. Unit-tested.
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

/**
 * Checks a new team member as the server does: its schema (an email address, a role
 * it may give, a name of at most 100 characters), then what only the team knows:
 * not the owner (who holds every role), and not a role the person already has.
 */
export function checkNewMember(values: { email: string; role: string; name: string }, team: TeamFacts): MemberCheck {
  const errors: Record<string, string> = {};
  const parsed = checkFields(TEAM_MEMBER_RULES, { email: values.email, role: values.role.trim(), ...(values.name.trim() ? { name: values.name } : {}) });
  if (!parsed.ok) Object.assign(errors, parsed.errors);
  const email = values.email.trim().toLowerCase();
  const role = values.role.trim();
  if (!errors.role && !team.roles.includes(role)) errors.role = `Choose a role: ${team.roles.join(', ')}`;
  if (!errors.email && team.owner && sameEmail(email, team.owner)) errors.email = `${email} is the owner and holds every role already.`;
  else if (!errors.email && !errors.role && team.members.some((m) => sameEmail(m.email, email) && m.role === role)) errors.role = `${email} already has the ${role} role.`;
  if (Object.keys(errors).length || !parsed.ok) return { ok: false, errors };
  const { name } = parsed.data;
  return { ok: true, data: name ? { email: parsed.data.email, role: parsed.data.role, name } : { email: parsed.data.email, role: parsed.data.role } };
}

/** "Owner (every role)", "Finance, Partner team", "not on the Team tab yet". */
export function rolesText(roles: readonly string[]): string {
  if (roles.includes('Owner')) return 'Owner (every role)';
  return roles.length ? roles.join(', ') : 'not on the Team tab yet: the owner or a manager adds people there';
}

/** Home's line about the person using the sidebar (`setUp` false: no team yet, so no roles to name). */
export function youLine(you: YouView | null | undefined, setUp = true): string {
  if (!you || !you.email) return 'Google did not say who you are, so the tracker cannot check your roles: actions that need a role will be refused.';
  return setUp ? `You are ${you.email} · ${rolesText(you.roles)}` : `You are ${you.email}`;
}

/** The team's members grouped by role, in the order of `roles` (then any other role the server named). */
export function membersByRole(members: readonly TeamMemberView[], roles: readonly string[]): Array<{ role: string; members: TeamMemberView[] }> {
  const order = [...roles, ...members.map((m) => m.role).filter((r, i, all) => !roles.includes(r) && all.indexOf(r) === i)];
  return order.map((role) => ({ role, members: members.filter((m) => m.role === role) }));
}

/** Refusals for several actions, said once: what each action needs, then what they share (who you are, who can grant it). */
export interface RefusalGroup {
  /** One line per distinct refusal: its own part when they share the rest, else the whole refusal. */
  items: string[];
  /** The part every refusal shares, or null. */
  shared: string | null;
  /** For each reason given, the index of its item (null when the action is allowed). */
  itemOf: Array<number | null>;
}

/**
 * Groups the server's refusals ("Running payouts needs the Manager role; you (x) have the
 * Finance role. The owner (y) or a manager can add it on the Team tab."): when two or more
 * differ only before the first "; ", the rest is said once.
 */
export function groupRefusals(reasons: ReadonlyArray<string | null | undefined>): RefusalGroup {
  const distinct = [...new Set(reasons.filter((r): r is string => Boolean(r)))];
  const parts = distinct.map((r) => {
    const at = r.indexOf('; ');
    return at > 0 ? { head: r.slice(0, at), tail: r.slice(at + 2) } : null;
  });
  const shareable = distinct.length > 1 && parts.every((p) => p !== null && p.tail === parts[0]!.tail);
  const items = shareable ? parts.map((p) => p!.head) : distinct;
  return {
    items,
    shared: shareable ? parts[0]!.tail : null,
    itemOf: reasons.map((r) => (r ? distinct.indexOf(r) : null)),
  };
}
