/**
 * Which blocks need action first (issue 15): a ranking in tiers, not a list that holds nearly everything.
 * - OVERDUE: entries are already past the deadline — those citizens are already late;
 * - WILL_MISS: none late yet, but at the block's current rate some will cross the deadline before their turn;
 * - TIGHT: nothing forecast to miss, but entries fall due within 6 h (a slower hour would tip it);
 * - ON_TRACK: the rest (nothing pending counts here too).
 * Within a tier the larger count first, then the earlier first miss, then the name, so the order is stable.
 * Pure: the forecast and the summary carry the clock.
 */
export const SEVERITY_TIERS = ["OVERDUE", "WILL_MISS", "TIGHT", "ON_TRACK"] as const;
export type SeverityTier = (typeof SEVERITY_TIERS)[number];

export type SeverityInput = {
  block: string;
  alreadyOverdue: number;
  willCrossDeadline: number;
  firstMissAt: Date | null;
  dueWithin6h: number;
};

export function severityTierOf(b: SeverityInput): SeverityTier {
  if (b.alreadyOverdue > 0) return "OVERDUE";
  if (b.willCrossDeadline > 0) return "WILL_MISS";
  if (b.dueWithin6h > 0) return "TIGHT";
  return "ON_TRACK";
}

/** The count that orders a tier: how many are late, will be late, or fall due soon. */
function weightIn(tier: SeverityTier, b: SeverityInput): number {
  if (tier === "OVERDUE") return b.alreadyOverdue;
  if (tier === "WILL_MISS") return b.willCrossDeadline;
  if (tier === "TIGHT") return b.dueWithin6h;
  return 0;
}

export function rankBySeverity<T extends SeverityInput>(blocks: readonly T[]): Array<T & { tier: SeverityTier }> {
  return blocks
    .map((b) => ({ ...b, tier: severityTierOf(b) }))
    .sort(
      (a, b) =>
        SEVERITY_TIERS.indexOf(a.tier) - SEVERITY_TIERS.indexOf(b.tier) ||
        weightIn(b.tier, b) - weightIn(a.tier, a) ||
        (a.firstMissAt?.getTime() ?? Infinity) - (b.firstMissAt?.getTime() ?? Infinity) ||
        a.block.localeCompare(b.block),
    );
}

/** How many the first screen names: the few that need action now; the rest sit one click away. */
export const NEEDS_ACTION_SHOWN = 3;
