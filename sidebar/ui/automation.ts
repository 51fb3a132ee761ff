import type { AutomationStatus, TeamView } from '../../src/sidebar-api/contract';
import type { App } from '../app';
import { fill, h, uid } from '../dom';
import { sentence } from '../format';
import { callServer } from '../server';
import { banner, messageOf, setBusy } from './feedback';
import { InlinePanel } from './inline-panel';

/**
 * Whether the tracker's automation runs, where people look (Home and Team): a
 * banner whenever it does not ('not set up' only where asked), with the server's
 * message; for a manager who may, "Take over the automation" behind an inline
 * confirmation that says what it does; then the outcome and its notices.
 *
 * The elements are made once and only their text changes, so a refresh never
 * takes keyboard focus away from the take-over button or the confirmation.
 */
export interface AutomationPanelOptions {
  /** Show the 'not set up' state too (Home says it already, beside its Set up button). */
  showNotSetUp: boolean;
  /** After a take-over: the team as it is now (the view reloads what it shows). */
  onTakenOver(team: TeamView): void;
}

const TITLES: Record<AutomationStatus['state'], string> = {
  'not set up': 'The automation is not set up yet',
  running: 'The automation is running',
  failing: 'The automation’s last run had problems',
  stopped: 'The automation has stopped',
  'missing triggers': 'The automation’s triggers are missing',
};

export class AutomationPanel {
  /** The banner (when the automation does not run) and the outcome of a take-over. */
  readonly el: HTMLElement;
  private readonly titleEl: HTMLHeadingElement;
  private readonly messageEl = h('p');
  /** Why this person cannot take over (a stopped automation, not the owner). */
  private readonly whyEl = h('p', { class: 'automation-why' });
  private readonly takeOver = h('button', { type: 'button', class: 'small' }, 'Take over the automation');
  private readonly takeOverRow = h('div', { class: 'actions' }, this.takeOver);
  private readonly confirmText = h('p', { id: uid('takeover-text') });
  private readonly confirmYes = h('button', { type: 'button', class: 'small', 'aria-describedby': this.confirmText.id }, 'Yes, take over');
  private readonly confirmCancel = h('button', { type: 'button', class: 'secondary small' }, 'Cancel');
  private readonly problem = h('div');
  private readonly confirmBox = h(
    'div',
    { class: 'move-form confirm-takeover', role: 'group', 'aria-label': 'Confirm taking over the automation', hidden: true, id: uid('takeover-confirm') },
    this.confirmText,
    this.problem,
    h('div', { class: 'actions' }, this.confirmYes, this.confirmCancel),
  );
  private readonly box: HTMLElement;
  private readonly result = h('div', { class: 'automation-result' });
  private readonly panel: InlinePanel;
  private status: AutomationStatus | null = null;
  private busy = false;

  constructor(
    private readonly app: App,
    private readonly o: AutomationPanelOptions,
  ) {
    const titleId = uid('automation-title');
    this.titleEl = h('h2', { id: titleId, class: 'banner-title' });
    this.box = h('section', { class: 'banner warn automation', 'aria-labelledby': titleId, hidden: true }, this.titleEl, this.messageEl, this.whyEl, this.takeOverRow, this.confirmBox);
    this.el = h('div', { class: 'automation-area' }, this.result, this.box);
    this.panel = new InlinePanel(this.takeOver, this.confirmBox, {
      cancel: this.confirmCancel,
      isBusy: () => this.busy,
      onOpen: () => {
        fill(this.problem);
        this.confirmYes.focus();
      },
    });
    this.confirmYes.addEventListener('click', () => void this.run());
  }

  /** Shows the automation's state (null: not known yet; the banner stays as it was). */
  update(status: AutomationStatus | null | undefined): void {
    if (!status) return;
    this.status = status;
    const shown = status.state !== 'running' && (status.state !== 'not set up' || this.o.showNotSetUp);
    this.box.hidden = !shown;
    if (!shown) {
      this.panel.close(this.confirmBox.contains(document.activeElement));
      return;
    }
    this.box.className = `banner ${status.state === 'failing' || status.state === 'stopped' ? 'error' : 'warn'} automation`;
    this.titleEl.textContent = TITLES[status.state] ?? 'The automation';
    this.messageEl.textContent = sentence(status.message);
    // Why not, for a person who might expect to: a stopped automation they do not run.
    const why = !status.canTakeOver && status.state === 'stopped' && !status.youAreOwner ? status.whyNotTakeOver : null;
    this.whyEl.textContent = why ? sentence(why) : '';
    this.whyEl.hidden = !why;
    this.takeOverRow.hidden = !status.canTakeOver;
    if (!status.canTakeOver) this.panel.close(this.confirmBox.contains(document.activeElement));
    fill(
      this.confirmText,
      `Take over the automation? You become the account the tracker’s triggers run as: the hourly run, the edit trigger and the partner form’s trigger are installed for you`,
      status.owner ? `, and ${status.owner} stays on the team as a manager` : '',
      '. The take-over is recorded in the Audit Log.',
    );
  }

  /** Forgets the outcome of the last take-over (a fresh look at the view). */
  clearResult(): void {
    fill(this.result);
  }

  private async run(): Promise<void> {
    if (this.busy || !this.status?.canTakeOver) return;
    this.busy = true;
    fill(this.problem);
    fill(this.result);
    setBusy(this.confirmYes, 'Taking over…');
    this.confirmCancel.disabled = true;
    this.takeOver.disabled = true;
    this.box.setAttribute('aria-busy', 'true');
    let team: TeamView | null = null;
    try {
      team = await callServer('apiTakeOverAutomation');
    } catch (e) {
      fill(this.problem, banner('error', h('p', null, messageOf(e))));
    } finally {
      this.busy = false;
      setBusy(this.confirmYes, null);
      this.confirmCancel.disabled = false;
      this.takeOver.disabled = false;
      this.box.removeAttribute('aria-busy');
    }
    if (!team) {
      this.confirmYes.focus();
      return;
    }
    this.panel.close(false);
    const previous = this.status?.owner;
    const note = banner(
      team.notices.length ? 'warn' : 'ok',
      h('p', { class: 'banner-title' }, 'You now run the automation'),
      h(
        'p',
        null,
        `The tracker’s triggers run as ${team.automation.owner || 'your account'} from now on`,
        previous && previous !== team.automation.owner ? `; ${previous} stays on the team as a manager` : '',
        '. Recorded in the Audit Log.',
      ),
      team.notices.length
        ? [
            h('p', null, 'Noticed:'),
            h(
              'ul',
              null,
              team.notices.map((n) => h('li', null, sentence(n))),
            ),
          ]
        : null,
    );
    fill(this.result, note);
    this.update(team.automation);
    this.app.announce('You now run the automation.');
    this.o.onTakenOver(team);
    note.focus();
  }
}
