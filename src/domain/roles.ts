import * as z from 'zod/mini';
import { lazy } from './lazy';
import { zodShape } from './fields';
import { TEAM_MEMBER_LIMITS, TEAM_MEMBER_RULES, sameEmail } from './input-rules';

/**
 * Who may do what. A team shares the spreadsheet; each person holds one or more
 * roles on the Team tab, and the Owner (the account the tracker's automation
 * runs as) holds them all. Every sidebar and menu action names the role it
 * needs, and a refusal names it too, so a person knows whom to ask.
 *
 * Identity comes from Google, which does not always say who someone is: an
 * unknown person holds no role.
 */
export const ROLES = ['Owner', 'Manager', 'Finance', 'Partner team'] as const;
export type Role = (typeof ROLES)[number];
/** The roles a person can be given on the Team tab (the Owner is recorded by setup and by a take-over). */
export const ASSIGNABLE_ROLES: readonly Role[] = ['Manager', 'Finance', 'Partner team'];

export interface TeamMember {
  email: string;
  role: Role;
  name: string;
}

export interface Roster {
  /** The account the automation runs as; '' before the first setup. */
  owner: string;
  members: readonly TeamMember[];
}

/** What a person can ask the tracker to do, worded to finish "… needs the X role". */
export const ACTIONS = {
  setUp: { label: 'Setting up or upgrading the tracker', roles: ['Owner'] },
  createForm: { label: 'Creating the partner form', roles: ['Owner'] },
  processFormResponses: { label: 'Processing form responses', roles: ['Owner'] },
  takeOver: { label: 'Taking over the automation', roles: ['Manager'] },
  manageTeam: { label: 'Changing the team', roles: ['Manager'] },
  changeSettings: { label: 'Changing settings', roles: ['Manager'] },
  managePartners: { label: 'Adding or editing partners', roles: ['Partner team'] },
  registerLeads: { label: 'Registering leads', roles: ['Partner team'] },
  moveLeads: { label: 'Moving leads along the pipeline', roles: ['Partner team'] },
  refundDeals: { label: 'Refunding a won deal', roles: ['Manager'] },
  approveCommissions: { label: 'Approving commissions', roles: ['Manager'] },
  voidCommissions: { label: 'Voiding commissions', roles: ['Manager'] },
  runPayouts: { label: 'Running payouts', roles: ['Manager'] },
  approvePayouts: { label: 'Approving payouts', roles: ['Manager'] },
  markPaid: { label: 'Marking payouts paid', roles: ['Finance'] },
  exportPayouts: { label: 'Exporting payouts', roles: ['Finance'] },
  // Where money goes: the people who pay (Finance) and approve payouts (Managers), never the partner team alone.
  setPayoutDetails: { label: "Setting a partner's Payout Method and Payout Account", roles: ['Finance', 'Manager'] },
  handleFormInbox: { label: 'Re-processing or dismissing Form Inbox responses', roles: ['Partner team', 'Manager'] },
  importRecords: { label: 'Importing partners and leads', roles: ['Partner team', 'Manager'] },
  importRules: { label: 'Importing commission rules', roles: ['Manager'] },
  manageRules: { label: 'Changing commission rules', roles: ['Manager'] },
  // Managers own the commission plan, and a simulation shows every partner's earnings side by side.
  simulatePlans: { label: 'Simulating a commission plan on past deals', roles: ['Manager'] },
  checkTracker: { label: 'Checking the tracker (adopting rows typed into Partners, Leads, Commission Rules and Lists)', roles: ['Manager'] },
  createApplicationForm: { label: 'Creating the "Become a partner" form', roles: ['Owner'] },
  reviewApplications: { label: 'Approving or rejecting partner applications', roles: ['Manager'] },
  sendAnnouncements: { label: 'Sending announcements to partners', roles: ['Manager', 'Partner team'] },
  refreshDashboard: { label: 'Refreshing the Dashboard', roles: ['Manager'] },
  manageWebhooks: { label: 'Managing webhooks (endpoints and their signing secrets)', roles: ['Manager'] },
  // Every role: managers judge partners, the partner team works with them, finance forecasts payouts from them.
  seeInsights: { label: "Seeing the programme's figures (Insights and partner scorecards)", roles: ['Manager', 'Partner team', 'Finance'] },
} as const satisfies Record<string, { label: string; roles: readonly Role[] }>;
export type Action = keyof typeof ACTIONS;

export { sameEmail };

/** A person's roles: the owner holds every role; an unknown person ('') none. */
export function rolesOf(roster: Roster, email: string): Role[] {
  if (!email) return [];
  if (roster.owner && sameEmail(roster.owner, email)) return [...ROLES];
  const roles = new Set<Role>();
  for (const m of roster.members) if (sameEmail(m.email, email)) roles.add(m.role);
  return ROLES.filter((r) => roles.has(r));
}

/** Everyone who holds a role (the owner included), lower-cased, sorted, once each. */
export function holders(roster: Roster, role: Role): string[] {
  const out = new Set<string>();
  if (roster.owner) out.add(roster.owner.toLowerCase());
  if (role !== 'Owner') for (const m of roster.members) if (m.role === role) out.add(m.email.toLowerCase());
  return [...out].sort();
}

/** Why `email` may not do `action`, or null when they may. The message names the role and who can grant it. */
export function refusal(roster: Roster, email: string, action: Action): string | null {
  const { label, roles } = ACTIONS[action];
  const mine = rolesOf(roster, email);
  if (roles.some((r) => mine.includes(r))) return null;
  const needed = `${label} needs the ${roles.join(' or ')} role`;
  if (!email) {
    return `${needed}. Google did not tell the tracker who you are, so it cannot check your roles.`;
  }
  const held = mine.length ? `you (${email}) have the ${mine.join(', ')} role${mine.length > 1 ? 's' : ''}` : `you (${email}) are not on the Team tab`;
  const grantors = roster.owner ? `The owner (${roster.owner}) or a manager can add it on the Team tab.` : 'Set up the tracker first.';
  return `${needed}; ${held}. ${grantors}`;
}

export interface RosterProblem {
  row: number;
  message: string;
}

/**
 * Team rows as typed on the tab → members. A row with a bad email or an unknown
 * role is reported with its row and left out; an Owner row is the tracker's own
 * (the owner changes by a take-over, not by typing).
 */
export function parseTeamRows(rows: ReadonlyArray<{ row: number; email: string; role: string; name: string }>, owner: string): { members: TeamMember[]; problems: RosterProblem[] } {
  const members: TeamMember[] = [];
  const problems: RosterProblem[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const email = r.email.trim();
    const roleText = r.role.trim();
    if (!email && !roleText) continue;
    const role = ROLES.find((x) => x.toLowerCase() === roleText.toLowerCase());
    if (!EMAIL.test(email)) {
      problems.push({ row: r.row, message: `row ${r.row}: "${email}" is not an email address` });
      continue;
    }
    if (!role) {
      problems.push({ row: r.row, message: `row ${r.row}: "${roleText}" is not a role (choose ${ASSIGNABLE_ROLES.join(', ')})` });
      continue;
    }
    if (role === 'Owner') {
      if (!sameEmail(email, owner))
        problems.push({ row: r.row, message: `row ${r.row}: the owner is ${owner || 'not yet recorded'}; a manager becomes owner by taking over the automation in the sidebar` });
      continue;
    }
    const key = `${email.toLowerCase()}|${role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    members.push({ email: email.toLowerCase(), role, name: r.name.trim() });
  }
  return { members, problems };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text.trim());
}

/** What changed between two rosters, for the audit trail: "+ ana@x Manager", "− bo@x Finance". */
export function rosterChanges(before: Roster, after: Roster): string[] {
  const key = (m: TeamMember) => `${m.email.toLowerCase()} ${m.role}`;
  const was = new Set(before.members.map(key));
  const now = new Set(after.members.map(key));
  const out: string[] = [];
  if (!sameEmail(before.owner, after.owner)) out.push(`owner ${before.owner || '(none)'} → ${after.owner || '(none)'}`);
  for (const k of now) if (!was.has(k)) out.push(`+ ${k}`);
  for (const k of was) if (!now.has(k)) out.push(`− ${k}`);
  return out;
}

/** Someone given a role (the sidebar's Team view and its server endpoint check with the same rules, input-rules.ts). */
export { TEAM_MEMBER_LIMITS };
export const TEAM_MEMBER_SCHEMA = /* @__PURE__ */ lazy(() => z.object(zodShape(TEAM_MEMBER_RULES)));
