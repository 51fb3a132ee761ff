import type { Emulator, PersonKind } from '../index';
import type { PersonView } from './api-types';

/**
 * The people of the local workspace: the owner (a Google Workspace account) and
 * the team a partner programme shares its tracker with — a manager and a teammate
 * in the owner's Workspace domain, an editor with a personal Google account, and an
 * "anyone with the link" editor. Registered with emu.people whenever a workspace
 * starts (fresh or loaded; a saved workspace keeps whoever it already knew).
 */
export const TEAM: ReadonlyArray<{ email?: string; kind: PersonKind; name: string }> = [
  { email: 'manager@example.com', kind: 'workspace', name: 'Manager' },
  { email: 'teammate@example.com', kind: 'workspace', name: 'Teammate' },
  { email: 'casey.editor@gmail.com', kind: 'consumer', name: 'Casey' },
  { kind: 'anonymous', name: 'Anyone with the link' },
];

export const KIND_LABELS: Record<PersonKind, string> = {
  workspace: 'Workspace',
  consumer: 'personal Google account',
  anonymous: 'anonymous link editor',
};

/** Shown when an anonymous editor reaches for the add-on: Google does not run add-ons for them. */
export const ANONYMOUS_NO_ADDON =
  'Add-ons do not run for anonymous editors ("anyone with the link can edit"): menu items, sidebars and ' +
  'google.script.run are not available to them, and onOpen does not run. They can only edit cells.';

/** Makes the owner a Workspace account and adds the team members the registry does not know yet. */
export function registerTeam(emulator: Emulator): void {
  const people = emulator.people;
  const owner = emulator.ctx.options.ownerEmail;
  people.add({ email: owner, kind: 'workspace', name: people.get(owner)?.name ?? 'Owner' });
  for (const member of TEAM) {
    if (member.kind === 'anonymous') {
      if (!people.list().some((p) => p.kind === 'anonymous')) people.add({ kind: 'anonymous', name: member.name });
    } else if (member.email && !people.get(member.email)) {
      people.add({ email: member.email, kind: member.kind, name: member.name });
    }
  }
}

/**
 * The people spreadsheets the add-on created are shared with (partners' contacts, viewers of their
 * partner sheets), so the workspace can act as one of them: registered when first seen, with their
 * own Google account outside the owner's domain.
 */
export function registerSheetViewers(emulator: Emulator): void {
  for (const model of emulator.store.byId.values()) {
    if (!model.createdByScript) continue;
    for (const email of model.viewers) if (!emulator.people.get(email)) emulator.people.add({ email, kind: 'consumer', name: 'Partner contact' });
  }
}

/** Everyone the person switcher offers: the owner, the team in its order, then anyone else registered. */
export function personViews(emulator: Emulator): PersonView[] {
  registerSheetViewers(emulator);
  const owner = emulator.ctx.options.ownerEmail;
  const order = (email: string, kind: PersonKind): number => {
    if (email.toLowerCase() === owner.toLowerCase()) return 0;
    const index = TEAM.findIndex((m) => (m.email ? m.email.toLowerCase() === email.toLowerCase() : kind === 'anonymous'));
    return index < 0 ? TEAM.length + 1 : index + 1;
  };
  const list = emulator.people.list();
  const firstAnonymous = list.find((p) => p.kind === 'anonymous')?.email;
  return list
    .map((person, index) => ({ person, index, rank: person.kind === 'anonymous' && person.email !== firstAnonymous ? TEAM.length + 1 : order(person.email, person.kind) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ person }): PersonView => {
      const anonymous = person.kind === 'anonymous';
      const isOwner = person.email.toLowerCase() === owner.toLowerCase();
      return {
        id: person.email,
        email: anonymous ? '' : person.email,
        name: person.name ?? (anonymous ? 'Anonymous editor' : person.email),
        kind: person.kind,
        kindLabel: KIND_LABELS[person.kind],
        isOwner,
        canRunAddOn: !anonymous,
        revealedToOwnerTriggers: emulator.people.revealEditor(person.email, owner),
      };
    });
}
