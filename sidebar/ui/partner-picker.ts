import { h } from '../dom';
import { PartnerChoice, filterPartners, partnerLabel, resolvePartner } from '../partner-match';

/**
 * A searchable partner picker: an ARIA 1.2 combobox (editable input + listbox
 * popup, list autocomplete with the first match active). Typing filters by
 * name or code; arrows move, Enter or Tab picks, Escape closes then clears.
 * Its value is the chosen partner's ID; unresolved text is returned as typed,
 * so validation can say "choose from the list".
 */
export class PartnerPicker {
  readonly input: HTMLInputElement;
  readonly el: HTMLDivElement;
  private readonly listbox: HTMLUListElement;
  private partners: PartnerChoice[] = [];
  private shown: PartnerChoice[] = [];
  private active = -1;
  private selected: PartnerChoice | null = null;

  constructor(id: string) {
    const listId = `${id}-list`;
    this.input = h('input', {
      id,
      type: 'text',
      role: 'combobox',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': listId,
      placeholder: 'Type a name or code',
    });
    this.listbox = h('ul', { id: listId, role: 'listbox', class: 'listbox', hidden: true, 'aria-label': 'Partners' });
    this.el = h('div', { class: 'combo' }, this.input, this.listbox);

    this.input.addEventListener('input', () => {
      this.selected = null;
      this.open(filterPartners(this.partners, this.input.value), this.input.value.trim() ? 0 : -1);
    });
    this.input.addEventListener('click', () => {
      if (this.listbox.hidden) this.openAll();
    });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => {
      this.close();
      if (!this.selected) {
        const match = resolvePartner(this.partners, this.input.value);
        if (match) this.choose(match, false);
      }
    });
    // Keep focus in the input while an option is clicked.
    this.listbox.addEventListener('mousedown', (e) => e.preventDefault());
    this.listbox.addEventListener('click', (e) => {
      const li = (e.target as HTMLElement).closest('li[data-index]') as HTMLElement | null;
      if (li) this.choose(this.shown[Number(li.dataset.index)], true);
    });
  }

  setPartners(partners: PartnerChoice[]): void {
    this.partners = partners;
    if (this.selected) {
      const still = partners.find((p) => p.id === this.selected?.id) ?? null;
      if (still) this.choose(still, false);
      else this.selected = null;
    }
  }

  /** The chosen partner's ID, or the text as typed when it names no partner. */
  value(): string {
    return this.selected ? this.selected.id : this.input.value.trim();
  }

  setValue(id: string): void {
    const match = this.partners.find((p) => p.id === id);
    if (match) this.choose(match, false);
    else {
      this.selected = null;
      this.input.value = id;
    }
  }

  private onKey(e: KeyboardEvent): void {
    const isOpen = !this.listbox.hidden;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        if (!isOpen || e.altKey) {
          if (!isOpen) this.openAll();
          return;
        }
        if (!this.shown.length) return;
        const step = e.key === 'ArrowDown' ? 1 : -1;
        this.setActive(this.active < 0 ? (step > 0 ? 0 : this.shown.length - 1) : (this.active + step + this.shown.length) % this.shown.length);
        return;
      }
      case 'Enter':
        if (isOpen && this.active >= 0) {
          e.preventDefault();
          this.choose(this.shown[this.active], true);
        }
        return;
      case 'Tab':
        if (isOpen && this.active >= 0) this.choose(this.shown[this.active], true);
        return;
      case 'Escape':
        if (isOpen) {
          e.preventDefault();
          e.stopPropagation();
          this.close();
        } else if (this.input.value) {
          e.preventDefault();
          this.selected = null;
          this.input.value = '';
          this.input.dispatchEvent(new Event('change'));
        }
        return;
      default:
        return;
    }
  }

  private openAll(): void {
    const index = this.selected ? this.partners.findIndex((p) => p.id === this.selected?.id) : -1;
    this.open(this.partners.slice(), index);
  }

  private open(list: PartnerChoice[], active: number): void {
    this.shown = list;
    this.listbox.replaceChildren(
      ...(list.length
        ? list.map((p, i) =>
            h(
              'li',
              { id: `${this.listbox.id}-${i}`, role: 'option', 'data-index': i, 'aria-selected': 'false' },
              h('span', { class: 'opt-name' }, p.name),
              ' ',
              h('span', { class: 'opt-code' }, p.code),
            ),
          )
        : [h('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' }, this.partners.length ? 'No partner matches' : 'No active partners')]),
    );
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.setActive(list.length ? active : -1);
  }

  private close(): void {
    this.listbox.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  private setActive(index: number): void {
    this.active = index;
    this.listbox.querySelectorAll('li[data-index]').forEach((li, i) => {
      li.setAttribute('aria-selected', String(i === index));
      li.classList.toggle('active', i === index);
    });
    const li = index >= 0 ? (this.listbox.children[index] as HTMLElement) : null;
    if (li) {
      this.input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }

  private choose(p: PartnerChoice, byPerson: boolean): void {
    this.selected = p;
    this.input.value = partnerLabel(p);
    this.close();
    if (byPerson) this.input.dispatchEvent(new Event('change'));
  }
}
