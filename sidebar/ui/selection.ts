import type { BulkCommissionResult } from '../../src/sidebar-api/contract';
import { Child, fill, h } from '../dom';
import { plural, sentence } from '../format';
import { BannerKind, banner, messageOf, setBusy } from './feedback';

/**
 * A checkbox list that people act on in bulk (Approvals' commission lines,
 * Payouts' open payouts): the selection, its "select all" boxes (checked, mixed
 * or clear), the running summary, the problem slot beside the action buttons,
 * sending the chosen ids to the server with the controls locked, and the
 * outcome: a result banner listing every refusal, which is also shown beside
 * its item until the next action.
 *
 * The view draws the list (with checkbox(), selectAll() and refusalNote()) and
 * owns the buttons; this keeps the state and the wording.
 */
export interface SelectionGroup<T> {
  /** The value of the group's "select all" box's data attribute. */
  key: string;
  /** The group's selectable items, in list order. */
  items: T[];
}

export interface BulkSelectionOptions<T> {
  /** The element the checkboxes are drawn in; their changes are handled here. */
  list: HTMLElement;
  /** What an item is called in messages: "line" → "2 lines". */
  noun: string;
  /** The data attribute holding an item's id on its checkbox: 'line' → data-line="C-000001". */
  itemAttr: string;
  /** The data attribute holding a group's key on its "select all" box. */
  groupAttr: string;
  idOf(item: T): string;
  /** The amount the summary and the result banner add up. */
  amountOf(item: T): number;
  money(amount: number): string;
  /** The groups that have a "select all" box; together, every selectable item. */
  groups(): Array<SelectionGroup<T>>;
  /** The view's result slot (the outcome banner goes there) and the screen-reader announcer. */
  result: HTMLElement;
  announce(message: string): void;
  /** After the summary is redrawn: e.g. to relabel a submit button with the count. */
  onUpdate?(chosen: T[]): void;
}

/** What to say about an action: "Approved" (done) and "Approving…" (busy). */
export interface BulkVerb {
  done: string;
  busy: string;
}

export interface SendOptions {
  /** The button that started it: shows `verb.busy` meanwhile. */
  button: HTMLButtonElement;
  verb: BulkVerb;
  /** Buttons disabled meanwhile (the one that started it is left to setBusy); each gets its own state back after. */
  others: HTMLButtonElement[];
  /** Marked aria-busy meanwhile. */
  region: HTMLElement;
  call(ids: string[]): Promise<BulkCommissionResult>;
  /** What a failed call shows in `problem`; by default its message. */
  failure?(error: unknown): HTMLElement;
}

export interface Sent<T> {
  outcome: BulkCommissionResult;
  /** The items that were sent. */
  chosen: T[];
}

export class BulkSelection<T> {
  /** "Selected: 2 lines, $1,750.05" (or "Selected: none"), announced politely. */
  readonly summary = h('p', { class: 'selection', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  /** Problems with the current action (nothing selected, the server failing): beside the buttons. */
  readonly problem = h('div');
  private readonly selected = new Set<string>();
  /** Refusals from the last action, shown beside their items until the next one. */
  private refusals = new Map<string, string>();

  constructor(private readonly o: BulkSelectionOptions<T>) {
    o.list.addEventListener('change', (e) => {
      const box = e.target as HTMLInputElement;
      if (box.type !== 'checkbox') return;
      const id = box.getAttribute(`data-${o.itemAttr}`);
      const key = box.getAttribute(`data-${o.groupAttr}`);
      if (id) {
        this.toggle(id, box.checked);
      } else if (key !== null) {
        for (const item of o.groups().find((g) => g.key === key)?.items ?? []) {
          const itemId = o.idOf(item);
          this.toggle(itemId, box.checked);
          const itemBox = o.list.querySelector<HTMLInputElement>(`input[data-${o.itemAttr}="${cssEscape(itemId)}"]`);
          if (itemBox) itemBox.checked = box.checked;
        }
      }
      fill(this.problem);
      this.update();
    });
  }

  /** The selected items, in list order. */
  chosen(): T[] {
    return this.o.groups().flatMap((g) => g.items.filter((item) => this.selected.has(this.o.idOf(item))));
  }

  /** Forgets the selection of items for which `keep` is false (gone, or nothing left to do). */
  keepSelected(keep: (id: string) => boolean): void {
    for (const id of [...this.selected]) if (!keep(id)) this.selected.delete(id);
  }

  /** Forgets the refusals of items for which `keep` is false. */
  keepRefusals(keep: (id: string) => boolean): void {
    for (const id of [...this.refusals.keys()]) if (!keep(id)) this.refusals.delete(id);
  }

  clearSelection(): void {
    this.selected.clear();
  }

  clearRefusals(): void {
    this.refusals.clear();
  }

  isRefused(id: string): boolean {
    return Boolean(this.refusals.get(id));
  }

  /** An item's checkbox (`boxId` for its label), checked when selected and described by its refusal. */
  checkbox(itemId: string, boxId: string): HTMLInputElement {
    const box = h('input', { type: 'checkbox', id: boxId, [`data-${this.o.itemAttr}`]: itemId });
    box.checked = this.selected.has(itemId);
    if (this.isRefused(itemId)) box.setAttribute('aria-describedby', refusalNoteId(boxId));
    return box;
  }

  /** "Refused: why" under an item refused last time; null otherwise. */
  refusalNote(itemId: string, boxId: string): HTMLParagraphElement | null {
    const refusal = this.refusals.get(itemId);
    return refusal ? h('p', { class: 'line-note', id: refusalNoteId(boxId) }, `Refused: ${sentence(refusal)}`) : null;
  }

  /** A group's "select all" box with its visible label; update() sets it checked, mixed or clear. */
  selectAll(key: string, boxId: string, ariaLabel: string, text: string): HTMLDivElement {
    const box = h('input', { type: 'checkbox', id: boxId, [`data-${this.o.groupAttr}`]: key, 'aria-label': ariaLabel });
    return h('div', { class: 'check select-all' }, box, h('label', { for: boxId }, text));
  }

  /** Redraws the list; redrawing replaces the checkboxes, so keyboard focus moves to the same one again. */
  draw(...children: Child[]): void {
    const active = document.activeElement;
    const focused = active instanceof HTMLInputElement && this.o.list.contains(active) ? active.id : null;
    fill(this.o.list, ...children);
    if (focused) document.getElementById(focused)?.focus();
  }

  /** Each "select all" (checked, mixed or clear) and the running summary. */
  update(): void {
    for (const group of this.o.groups()) {
      const box = this.o.list.querySelector<HTMLInputElement>(`input[data-${this.o.groupAttr}="${cssEscape(group.key)}"]`);
      if (!box) continue;
      const n = group.items.filter((item) => this.selected.has(this.o.idOf(item))).length;
      box.checked = n > 0 && n === group.items.length;
      box.indeterminate = n > 0 && n < group.items.length;
    }
    const chosen = this.chosen();
    fill(this.summary, chosen.length ? `Selected: ${plural(chosen.length, this.o.noun)}, ${this.o.money(this.total(chosen))}` : 'Selected: none');
    this.o.onUpdate?.(chosen);
  }

  /** True when something is selected; otherwise says so beside the buttons and focuses `button`. */
  needSelection(button: HTMLButtonElement): boolean {
    if (this.chosen().length) return true;
    fill(this.problem, banner('error', `Select at least one ${this.o.noun} first.`));
    button.focus();
    return false;
  }

  /**
   * Sends the chosen items' ids with the controls locked (the checkboxes too),
   * then unlocks them. Null when the call failed: its error is in `problem`.
   */
  async send(s: SendOptions): Promise<Sent<T> | null> {
    const chosen = this.chosen();
    fill(this.problem);
    setBusy(s.button, s.verb.busy);
    const others = s.others.filter((b) => b !== s.button);
    const wasDisabled = others.map((b) => b.disabled);
    others.forEach((b) => (b.disabled = true));
    const boxes = Array.from(this.o.list.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'));
    boxes.forEach((b) => (b.disabled = true));
    s.region.setAttribute('aria-busy', 'true');
    try {
      return { outcome: await s.call(chosen.map((item) => this.o.idOf(item))), chosen };
    } catch (e) {
      fill(this.problem, s.failure ? s.failure(e) : banner('error', h('p', null, messageOf(e))));
      return null;
    } finally {
      setBusy(s.button, null);
      others.forEach((b, i) => (b.disabled = wasDisabled[i]));
      boxes.forEach((b) => (b.disabled = false));
      s.region.removeAttribute('aria-busy');
    }
  }

  /**
   * Shows what the server did: changed items leave the selection, refusals
   * stay beside their items, and the result banner (announced too) is focused
   * at the top of the view. The caller then loads the list again.
   */
  report(verb: BulkVerb, { outcome, chosen }: Sent<T>): void {
    this.refusals = new Map(outcome.refused.map((r) => [r.id, r.reason.startsWith(`${r.id}: `) ? r.reason.slice(r.id.length + 2) : r.reason]));
    for (const id of outcome.changed) this.selected.delete(id);
    const line = this.resultLine(verb, outcome, chosen);
    const refused = outcome.refused.length;
    const kind: BannerKind = !refused ? 'ok' : outcome.changed.length ? 'warn' : 'error';
    const note = banner(
      kind,
      h('p', { class: 'banner-title' }, line),
      refused
        ? [
            h('p', null, `${plural(refused, this.o.noun)} ${refused === 1 ? 'was' : 'were'} refused:`),
            h(
              'ul',
              { class: 'refusals' },
              outcome.refused.map((r) => h('li', null, refusalLine(r))),
            ),
          ]
        : null,
    );
    fill(this.o.result, note);
    this.o.announce(line + (refused ? ` ${plural(refused, this.o.noun)} refused.` : ''));
    // The banner is at the top: show it from there; the list is brought up to date under it.
    window.scrollTo(0, 0);
    note.focus({ preventScroll: true });
  }

  private resultLine(verb: BulkVerb, outcome: BulkCommissionResult, chosen: T[]): string {
    const changed = chosen.filter((item) => outcome.changed.includes(this.o.idOf(item)));
    const n = outcome.changed.length;
    if (!n) return `No ${this.o.noun}s were ${verb.done.toLowerCase()}.`;
    // The amount is known for items this list showed; the server may name others (never expected).
    const amount = changed.length === n ? `, ${this.o.money(this.total(changed))}` : '';
    return `${verb.done} ${plural(n, this.o.noun)}${amount}.`;
  }

  /** Sums amounts in cents, so 0.1 + 0.2 is 0.3. */
  private total(items: T[]): number {
    return items.reduce((cents, item) => cents + Math.round(this.o.amountOf(item) * 100), 0) / 100;
  }

  private toggle(id: string, on: boolean): void {
    if (on) this.selected.add(id);
    else this.selected.delete(id);
  }
}

/**
 * Disables the buttons and points them (aria-describedby) at why, when `whyId`
 * is given; otherwise enables them and drops both attributes.
 */
export function blockButtons(buttons: HTMLButtonElement[], whyId: string | null): void {
  for (const b of buttons) {
    b.disabled = whyId !== null;
    if (whyId !== null) {
      b.setAttribute('aria-disabled', 'true');
      b.setAttribute('aria-describedby', whyId);
    } else {
      b.removeAttribute('aria-disabled');
      b.removeAttribute('aria-describedby');
    }
  }
}

/** An id-safe form of a record ID. */
export function cssId(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_');
}

function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

function refusalNoteId(boxId: string): string {
  return `${boxId}-refused`;
}

/** "C-000004: why", whether or not the server's reason already names the item. */
function refusalLine(r: { id: string; reason: string }): string {
  return r.reason.startsWith(r.id) ? r.reason : `${r.id}: ${r.reason}`;
}
