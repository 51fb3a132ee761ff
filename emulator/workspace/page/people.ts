import type { PersonView } from '../api-types';
import { h, replaceChildren } from './dom';

/**
 * "You are:" in the top bar: who is at the keyboard. A native <select> (keyboard
 * and screen readers for free), each person with their account kind; beside it,
 * what Google lets the add-on's triggers see of them.
 */
export class PersonSwitcher {
  private shown = '';

  constructor(
    private readonly select: HTMLSelectElement,
    private readonly hint: HTMLElement,
    onChoose: (id: string) => void,
  ) {
    select.addEventListener('change', () => onChoose(select.value));
  }

  update(people: PersonView[], current: string): void {
    const key = JSON.stringify([people, current]);
    if (key === this.shown) return;
    this.shown = key;
    replaceChildren(this.select, ...people.map((person) => h('option', { value: person.id, selected: person.id === current }, optionLabel(person))));
    this.select.value = current;
    const person = people.find((p) => p.id === current);
    replaceChildren(this.hint, person ? hintFor(person, people) : '');
    this.hint.title = person ? hintFor(person, people) : '';
  }

  /** Puts the list back on the person the workspace acts as (a switch that failed). */
  reset(current: string): void {
    this.select.value = current;
  }

  set disabled(value: boolean) {
    this.select.disabled = value;
  }
}

export function optionLabel(person: PersonView): string {
  const who = person.email && person.email !== person.name ? `${person.name} <${person.email}>` : person.name;
  return `${who} · ${person.kindLabel}`;
}

/** What the add-on's triggers see of this person, and whether the add-on runs for them. */
export function hintFor(person: PersonView, people: PersonView[]): string {
  const owner = people.find((p) => p.isOwner);
  const revealed = person.revealedToOwnerTriggers;
  const seen =
    revealed === '' ? 'a blank user (Google does not name you to them)' : revealed === person.email ? 'your email' : owner && revealed === owner.email ? `the owner's email (${revealed})` : revealed;
  return `${person.canRunAddOn ? '' : 'Add-ons do not run for you. '}The add-on's triggers see ${seen}.`;
}
