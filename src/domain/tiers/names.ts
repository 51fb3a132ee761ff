/**
 * Why a tier typed into a cell (a partner's Tier, a rule's Partner Tier) is not one of the Tiers
 * tab's, or null when it is (or is blank): names compared without regard to case. A module of its
 * own: the partner editor, the edit trigger and the imports carry this, not the rules' parser.
 */
export function tierProblem(label: string, tier: string, tierNames: readonly string[], blankMeans?: string): string | null {
  const t = tier.trim();
  if (t === '' || tierNames.some((n) => n.toLowerCase() === t.toLowerCase())) return null;
  const names = tierNames.length > 1 ? `${tierNames.slice(0, -1).join(', ')} or ${tierNames[tierNames.length - 1]}` : (tierNames[0] ?? 'a tier (the Tiers tab is empty)');
  return `${label} "${t}" is not on the Tiers tab: use ${names}${blankMeans ? `, or blank for ${blankMeans}` : ''}`;
}
