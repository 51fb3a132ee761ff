/**
 * How the partner picker finds partners from what someone types: by name or
 * partner code, case-insensitively, best matches first. Pure: unit-tested.
 */
export interface PartnerChoice {
  id: string;
  name: string;
  code: string;
}

export function partnerLabel(p: PartnerChoice): string {
  return `${p.name} (${p.code})`;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

function score(p: PartnerChoice, q: string): number {
  const name = norm(p.name);
  const code = norm(p.code);
  if (code === q || norm(p.id) === q || norm(partnerLabel(p)) === q) return 0;
  if (name === q) return 1;
  if (name.startsWith(q)) return 2;
  if (code.startsWith(q)) return 3;
  if (name.split(/[\s\-_.,&()]+/).some((word) => word.startsWith(q))) return 4;
  if (name.includes(q) || code.includes(q)) return 5;
  return -1;
}

/** Partners matching the query, best first (ties keep the given order); all of them for a blank query. */
export function filterPartners<P extends PartnerChoice>(partners: readonly P[], query: string): P[] {
  const q = norm(query);
  if (!q) return partners.slice();
  return partners
    .map((p, i) => ({ p, i, s: score(p, q) }))
    .filter((m) => m.s >= 0)
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((m) => m.p);
}

/**
 * The one partner the text names exactly (ID, code, "Name (CODE)", or a name no
 * other partner shares), or null.
 */
export function resolvePartner<P extends PartnerChoice>(partners: readonly P[], text: string): P | null {
  const q = norm(text);
  if (!q) return null;
  const exact = partners.find((p) => norm(p.id) === q || norm(p.code) === q || norm(partnerLabel(p)) === q);
  if (exact) return exact;
  const byName = partners.filter((p) => norm(p.name) === q);
  return byName.length === 1 ? byName[0] : null;
}
