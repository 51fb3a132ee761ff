import type { SidebarApi, TeamMemberView, TeamView } from '../../src/sidebar-api/contract';
import type { App, View } from '../app';
import { fill, h, uid } from '../dom';
import { sentence } from '../format';
import { callServer } from '../server';
import { checkNewMember, membersByRole } from '../team-rules';
import { AutomationPanel } from '../ui/automation';
import { banner, loading, messageOf, setBusy } from '../ui/feedback';
import { FormModel, serverErrorBanner } from '../ui/form';
import { InlinePanel } from '../ui/inline-panel';

/**
 * Team: who holds which role. The owner (the account the automation runs as,
 * holding every role), then each role's people; "Add a person" (checked here
 * with the server's rules, then by the server, whose field errors win) and a
 * Remove button per role behind an inline confirmation. Everything that changes
 * the team is disabled, pointing at the reason, for anyone who may not change it.
 * The automation's state (and taking a stopped one over) shows above.
 */
export function createTeamView(app: App): View {
  const headingId = uid('team-title');
  const refresh = h('button', { type: 'button', class: 'secondary small' }, 'Refresh');
  const automation = new AutomationPanel(app, { showNotSetUp: true, onTakenOver: (team) => show(team) });
  const whyNot = h('div', { id: uid('team-why-not') });
  // The outcome of the last change (and load errors): focused when it appears.
  const result = h('div', { class: 'result' });
  const status = h('p', { class: 'muted count', role: 'status' });
  const ownerEl = h('div', { class: 'team-owner' });
  const rolesEl = h('div', { class: 'team-roles' });

  // ---- "Add a person" ----
  const form = new FormModel('team');
  const addTitleId = uid('team-add-title');
  const submit = h('button', { type: 'submit' }, 'Add to the team');
  const problem = h('div');
  const formEl = h(
    'form',
    { class: 'form team-add', novalidate: true, 'aria-labelledby': addTitleId },
    form.input({ name: 'email', label: 'Email', type: 'email', required: true, autocomplete: 'off', placeholder: 'name@company.com', maxlength: 254, hint: 'The Google account they sign in with.' }),
    form.select({ name: 'role', label: 'Role', required: true, options: [['', 'Choose a role…']] }),
    form.input({ name: 'name', label: 'Name (optional)', autocomplete: 'off', maxlength: 100 }),
    problem,
    h('div', { class: 'actions' }, submit),
  );
  const addSection = h('section', { class: 'team-add-section', 'aria-labelledby': addTitleId }, h('h2', { id: addTitleId }, 'Add a person'), formEl);

  const el = h(
    'section',
    { class: 'view team-view', 'aria-labelledby': headingId },
    h('div', { class: 'view-head' }, h('h1', { id: headingId, tabindex: -1 }, 'Team'), refresh),
    automation.el,
    whyNot,
    result,
    status,
    ownerEl,
    rolesEl,
    addSection,
  );

  let team: TeamView | null = null;
  let busy = false;
  let wasBlocked = false;
  let request = 0;

  form.validateOnBlur(() => validate().errors);

  function validate(): { errors: Record<string, string>; data: { email: string; role: string; name?: string } | null } {
    const checked = checkNewMember({ email: form.get('email'), role: form.get('role'), name: form.get('name') }, team ?? { owner: '', members: [], roles: [] });
    return checked.ok ? { errors: {}, data: checked.data } : { errors: checked.errors, data: null };
  }

  // ---- loading and drawing ----

  async function load(): Promise<void> {
    const mine = ++request;
    if (!team) fill(status, loading('Loading the team…'));
    setBusy(refresh, 'Refreshing…');
    try {
      const fresh = await callServer('apiGetTeam');
      if (mine !== request) return;
      show(fresh);
    } catch (e) {
      if (mine !== request) return;
      fill(status);
      fill(result, banner('error', h('p', null, messageOf(e)), h('button', { type: 'button', class: 'secondary small', onclick: () => app.go('home', true) }, 'Go to Home')));
    } finally {
      if (mine === request) setBusy(refresh, null);
    }
  }

  function show(view: TeamView): void {
    team = view;
    automation.update(view.automation);
    fill(whyNot, view.canManage ? null : banner('warn', h('p', null, sentence(view.whyNot ?? 'Only a manager or the owner can change the team.'))));
    const people = new Set([view.owner, ...view.members.map((m) => m.email)].filter(Boolean).map((e) => e.toLowerCase()));
    fill(
      status,
      view.owner
        ? `${people.size === 1 ? '1 person' : `${people.size} people`} · ${view.members.length === 1 ? '1 role given' : `${view.members.length} roles given`}`
        : 'The tracker is not set up yet, so it has no owner or team.',
    );
    renderOwner(view);
    renderRoles(view);
    form.setOptions('role', [['', 'Choose a role…'], ...view.roles.map((r): [string, string] => [r, r])]);
    block(!view.canManage);
  }

  function renderOwner(view: TeamView): void {
    const titleId = uid('team-owner-title');
    fill(
      ownerEl,
      h(
        'section',
        { 'aria-labelledby': titleId },
        h('h2', { id: titleId }, 'Owner'),
        view.owner
          ? h(
              'ul',
              { class: 'team-list' },
              h(
                'li',
                { class: 'team-member owner', 'data-email': view.owner },
                h(
                  'div',
                  { class: 'member-text' },
                  h('span', { class: 'member-email' }, view.owner, view.automation?.youAreOwner ? h('span', { class: 'muted' }, ' (you)') : null),
                  h('span', { class: 'lead-meta' }, 'Runs the automation: the tracker’s triggers run as this account. Holds every role.'),
                ),
              ),
            )
          : h('p', { class: 'empty' }, 'No owner yet: whoever sets the tracker up becomes its owner.'),
      ),
    );
  }

  function renderRoles(view: TeamView): void {
    // Redrawing replaces the Remove buttons: keep keyboard focus on the same one.
    const active = document.activeElement as HTMLElement | null;
    const focusedKey = active && rolesEl.contains(active) ? (active.dataset.remove ?? null) : null;
    fill(
      rolesEl,
      membersByRole(view.members, view.roles).map(({ role, members }) => {
        const titleId = uid('team-role-title');
        return h(
          'section',
          { class: 'team-role', 'data-role': role, 'aria-labelledby': titleId },
          h('h2', { id: titleId }, role, ' ', h('span', { class: 'group-meta' }, members.length ? `· ${members.length}` : '')),
          members.length
            ? h(
                'ul',
                { class: 'team-list' },
                members.map((m) => memberItem(m)),
              )
            : h('p', { class: 'empty' }, `No one has the ${role} role yet.`),
        );
      }),
    );
    if (focusedKey) rolesEl.querySelector<HTMLElement>(`button[data-remove="${cssEscape(focusedKey)}"]`)?.focus();
  }

  function memberItem(m: TeamMemberView): HTMLElement {
    const key = `${m.email}|${m.role}`;
    const who = m.name ? `${m.name} (${m.email})` : m.email;
    const remove = h('button', { type: 'button', class: 'secondary small', 'data-remove': key, 'aria-label': `Remove ${m.email} from ${m.role}` }, 'Remove');
    const text = h('p', { id: uid('team-remove-text') }, `Remove the ${m.role} role from ${who}? Any other role they hold stays; the tracker’s protections follow.`);
    const yes = h('button', { type: 'button', class: 'small', 'aria-describedby': text.id }, 'Yes, remove');
    const cancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
    const rowProblem = h('div');
    const confirm = h(
      'div',
      { class: 'move-form confirm-remove', role: 'group', 'aria-label': `Confirm removing ${m.email} from ${m.role}`, hidden: true, id: uid('team-remove') },
      text,
      rowProblem,
      h('div', { class: 'actions' }, yes, cancel),
    );
    new InlinePanel(remove, confirm, {
      cancel,
      isBusy: () => busy,
      onOpen: () => {
        fill(rowProblem);
        yes.focus();
      },
    });
    yes.addEventListener('click', () => void removeMember(m, yes, cancel, rowProblem));
    return h(
      'li',
      { class: 'team-member', 'data-email': m.email },
      h(
        'div',
        { class: 'member-row' },
        h('div', { class: 'member-text' }, m.name ? h('span', { class: 'member-name' }, m.name) : null, h('span', { class: m.name ? 'lead-meta member-email' : 'member-email' }, m.email)),
        remove,
      ),
      confirm,
    );
  }

  /** Disables every control that changes the team, each pointing (aria-describedby) at why; or enables them again. */
  function block(blocked: boolean): void {
    if (blocked !== wasBlocked) {
      // Old errors go; the fields' own descriptions (hints) come back, or give way to the reason below.
      fill(problem);
      form.clearErrors();
    }
    wasBlocked = blocked;
    const controls = [
      ...Array.from(formEl.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button')),
      ...Array.from(rolesEl.querySelectorAll<HTMLButtonElement>('button[data-remove]')),
    ];
    for (const c of controls) {
      c.disabled = blocked;
      if (blocked) {
        c.setAttribute('aria-disabled', 'true');
        c.setAttribute('aria-describedby', whyNot.id);
      } else {
        c.removeAttribute('aria-disabled');
        if (c.getAttribute('aria-describedby') === whyNot.id) c.removeAttribute('aria-describedby');
      }
    }
  }

  // ---- changes ----

  formEl.addEventListener('submit', (e) => {
    e.preventDefault();
    void add();
  });

  async function add(): Promise<void> {
    if (busy || !team) return;
    fill(problem);
    fill(result);
    automation.clearResult();
    if (!form.validateAll(() => validate().errors)) return;
    const member = validate().data!;
    busy = true;
    setBusy(submit, 'Adding…');
    formEl.setAttribute('aria-busy', 'true');
    refresh.disabled = true;
    let changed: TeamView | null = null;
    try {
      // checkNewMember accepted only a role the server offered (view.roles); the server checks it again.
      changed = await callServer('apiAddTeamMember', { ...member, role: member.role as Parameters<SidebarApi['apiAddTeamMember']>[0]['role'] });
    } catch (e) {
      fill(problem, serverErrorBanner(form, e));
    } finally {
      busy = false;
      setBusy(submit, null);
      formEl.removeAttribute('aria-busy');
      refresh.disabled = false;
    }
    if (!changed) {
      if (!form.focusFirstInvalid()) submit.focus();
      return;
    }
    form.reset();
    show(changed);
    report(`Added ${member.email} as ${member.role}.`, changed.notices);
  }

  async function removeMember(m: TeamMemberView, yes: HTMLButtonElement, cancel: HTMLButtonElement, rowProblem: HTMLElement): Promise<void> {
    if (busy) return;
    busy = true;
    fill(rowProblem);
    fill(result);
    automation.clearResult();
    setBusy(yes, 'Removing…');
    cancel.disabled = true;
    refresh.disabled = true;
    rolesEl.setAttribute('aria-busy', 'true');
    let changed: TeamView | null = null;
    try {
      changed = await callServer('apiRemoveTeamMember', { email: m.email, role: m.role });
    } catch (e) {
      fill(rowProblem, banner('error', h('p', null, messageOf(e))));
    } finally {
      busy = false;
      setBusy(yes, null);
      cancel.disabled = false;
      refresh.disabled = false;
      rolesEl.removeAttribute('aria-busy');
    }
    if (!changed) {
      yes.focus();
      return;
    }
    show(changed);
    report(`Removed the ${m.role} role from ${m.email}.`, changed.notices);
  }

  /** The outcome of a change, with what the server noticed; focused, at the top of the view. */
  function report(line: string, notices: string[]): void {
    const note = banner(
      notices.length ? 'warn' : 'ok',
      h('p', { class: 'banner-title' }, line),
      notices.length
        ? [
            h('p', null, 'Noticed:'),
            h(
              'ul',
              null,
              notices.map((n) => h('li', null, sentence(n))),
            ),
          ]
        : null,
    );
    fill(result, note);
    app.announce(line);
    window.scrollTo(0, 0);
    note.focus({ preventScroll: true });
  }

  refresh.addEventListener('click', () => {
    fill(result);
    automation.clearResult();
    void load();
  });

  return {
    el,
    show() {
      if (busy) return;
      // A fresh look: last time's outcome would describe a team that may have changed since.
      fill(result);
      automation.clearResult();
      void load();
    },
  };
}

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
