import type { ClockAdvanceRequest, ClockResponse, ClockView } from '../api-types';
import { h, replaceChildren } from './dom';

/**
 * The emulated clock: a top-bar button showing the emulator's time in the spreadsheet's time
 * zone, opening a dialog that moves time on (+1 hour, +1 day, +1 week, or to a date) or runs the
 * time-driven trigger now. Moving time fires the triggers that would have fired on the way (the
 * server does: clock-control.ts); the dialog says how many ran and any that failed.
 */
export interface ClockCallbacks {
  advance(request: ClockAdvanceRequest, label: string): Promise<ClockResponse | null>;
  runTriggersNow(): Promise<ClockResponse | null>;
}

export class ClockControl {
  private clock: ClockView | null = null;
  private readonly current: HTMLElement;
  private readonly status: HTMLElement;
  private readonly dateInput: HTMLInputElement;
  private readonly actions: HTMLButtonElement[];

  constructor(
    private readonly button: HTMLButtonElement,
    dialog: HTMLDialogElement,
    private readonly callbacks: ClockCallbacks,
  ) {
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close the clock' }, '×');
    close.addEventListener('click', () => dialog.close());
    this.current = h('p', { class: 'clock-now', id: 'clock-now' });
    this.status = h('p', { class: 'clock-status', role: 'status', 'aria-live': 'polite' });
    const step = (by: NonNullable<ClockAdvanceRequest['by']>, text: string) => {
      const b = h('button', { type: 'button', class: 'pill-button' }, text);
      b.addEventListener('click', () => void this.advance({ by }, text));
      return b;
    };
    const steps = [step('hour', '+1 hour'), step('day', '+1 day'), step('week', '+1 week')];
    this.dateInput = h('input', { type: 'date', id: 'clock-date', required: true });
    const go = h('button', { type: 'submit', class: 'pill-button' }, 'Go');
    const form = h('form', { class: 'clock-to' }, h('label', { for: 'clock-date' }, 'Advance to date (same time of day)'), h('span', { class: 'clock-to-row' }, this.dateInput, go));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.dateInput.value) {
        replaceChildren(this.status, 'Pick a date to advance to.');
        this.dateInput.focus();
        return;
      }
      void this.advance({ to: this.dateInput.value }, `to ${this.dateInput.value}`);
    });
    const runNow = h('button', { type: 'button', class: 'pill-button' }, 'Run time-driven trigger now');
    runNow.addEventListener('click', () => void this.runNow());
    this.actions = [...steps, go, runNow];
    replaceChildren(
      dialog,
      h('div', { class: 'panel-header' }, h('h2', { id: 'clock-title' }, 'Emulated time'), close),
      h(
        'div',
        { class: 'outbox-body clock-body' },
        this.current,
        h(
          'p',
          { class: 'muted' },
          'Moving time on fires the time-driven triggers Google would have fired on the way (the add-on’s hourly run, once an hour, as its owner). Real time passing fires nothing.',
        ),
        h('div', { class: 'clock-steps', role: 'group', 'aria-label': 'Advance time by' }, ...steps),
        form,
        h('div', { class: 'clock-steps' }, runNow),
        this.status,
      ),
    );
    dialog.setAttribute('aria-labelledby', 'clock-title');
    dialog.setAttribute('aria-describedby', 'clock-now');
    button.addEventListener('click', () => {
      replaceChildren(this.status);
      dialog.showModal();
    });
  }

  update(clock: ClockView | undefined): void {
    if (!clock) return;
    this.clock = clock;
    replaceChildren(this.button, `Time: ${clock.local}`);
    this.button.setAttribute('aria-label', `Emulated time: ${clock.local} (${clock.timeZone}). Change it`);
    replaceChildren(this.current, `Now: ${clock.local} (${clock.timeZone})${clock.running ? '' : ', stopped'}`);
    if (!this.dateInput.value) this.dateInput.min = clock.now.slice(0, 10);
  }

  private async advance(request: ClockAdvanceRequest, label: string): Promise<void> {
    await this.during(`Advancing ${label}…`, () => this.callbacks.advance(request, label));
  }

  private async runNow(): Promise<void> {
    await this.during('Running the time-driven trigger…', () => this.callbacks.runTriggersNow());
  }

  private async during(label: string, task: () => Promise<ClockResponse | null>): Promise<void> {
    for (const b of this.actions) b.disabled = true;
    replaceChildren(this.status, label);
    try {
      const reply = await task();
      if (!reply) {
        replaceChildren(this.status, 'Nothing changed (see the message).');
        return;
      }
      this.update(reply.clock);
      replaceChildren(this.status, summary(reply, this.clock));
    } finally {
      for (const b of this.actions) b.disabled = false;
    }
  }
}

/** "Now …. The time-driven trigger ran 24 times; 1 failed: …". */
function summary(reply: ClockResponse, clock: ClockView | null): string {
  const runs = reply.runs;
  const failed = runs.filter((r) => !r.ok);
  const now = clock ? `Now ${clock.local}.` : '';
  if (!reply.clock.clockTriggers) return `${now} No time-driven trigger is installed (run the add-on’s setup first), so nothing ran.`;
  const ran = runs.length === 0 ? 'No time-driven trigger fell due.' : `The time-driven trigger ran ${runs.length === 1 ? 'once' : `${runs.length} times`}.`;
  const failures = failed.length ? ` ${failed.length} failed: ${failed[0].error ?? 'no reason given'}` : '';
  return `${now} ${ran}${failures}`;
}
