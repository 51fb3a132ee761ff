import type { LeadTransitionInput } from '../src/domain/lead';

/**
 * What moving a lead to each status asks for, mirroring LEAD_TRANSITION_SCHEMA:
 * moves without fields happen on one click; the others open a small form.
 * Pure: unit-tested.
 */
export type MoveField = 'dealAmount' | 'closedOn' | 'reason';

export interface MoveFieldSpec {
  name: MoveField;
  required: boolean;
}

const NEEDS: Record<string, MoveFieldSpec[]> = {
  Rejected: [{ name: 'reason', required: true }],
  'Closed Won': [
    { name: 'dealAmount', required: true },
    { name: 'closedOn', required: true },
    { name: 'reason', required: false },
  ],
  'Closed Lost': [
    { name: 'reason', required: true },
    { name: 'closedOn', required: false },
  ],
  // A manager's move: it claws the deal's commissions back.
  Refunded: [{ name: 'reason', required: true }],
};

/** The fields a move to `to` takes in the sidebar (empty: no form, move at once). */
export function moveFields(to: string): MoveFieldSpec[] {
  return NEEDS[to] ?? [];
}

/** The transition the server expects, with only the fields that status takes. */
export function moveInput(to: string, values: Partial<Record<MoveField, string>>): LeadTransitionInput {
  const out: Record<string, string> = { to };
  for (const f of moveFields(to)) out[f.name] = values[f.name] ?? '';
  return out as unknown as LeadTransitionInput;
}

/** Statuses whose protection window is running (the lead owns its deal). */
export const PROTECTED_STATUSES = ['New', 'Accepted', 'Qualified'];

/** CSS class for a status chip: "s-closed-won". */
export function statusClass(status: string): string {
  return `s-${status.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'none'}`;
}
