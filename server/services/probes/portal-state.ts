import "server-only";
/**
 * The portal's state at a glance, for the header of every page (issue 15): the worst state among the state's
 * enabled targets (a state may watch more than one portal endpoint; the one in trouble is the one to name), since
 * when, and for a block user whether their own block HQ can reach it — so "the portal is down" and "our network
 * is down" read differently. Cheap: the targets' current state is a column the scheduler keeps; the block's
 * verdict comes from the field-reach computation.
 */
import type { Db } from "@/server/db/client";
import { scopeStateId, type Scope } from "@/server/auth/scope";
import type { ProbeState } from "@/core/domain/probe-state";
import type { FieldReachVerdict } from "@/core/domain/field-reach";
import { getFieldReach } from "@/server/services/probes/field-reach";

export type PortalState = {
  targetId: number;
  name: string;
  /** null before the first check. */
  state: ProbeState | null;
  since: Date | null;
  /** For a block user: their block HQ's reach of the portal; null for the wider scopes. */
  blockReach: FieldReachVerdict | null;
} | null;

/** Worse first: what the header shows when targets disagree. */
const SEVERITY: Record<ProbeState, number> = { DOWN: 0, DEGRADED: 1, PENDING: 2, MAINTENANCE: 3, UP: 4 };

export async function getPortalState(db: Db, scope: Scope, now: Date): Promise<PortalState> {
  const stateId = scopeStateId(scope);
  if (stateId === null) return null;
  const targets = await db.probeTarget.findMany({ where: { stateId, enabled: true }, select: { id: true, name: true, state: true, stateSince: true }, orderBy: { id: "asc" } });
  const rank = (s: ProbeState | null) => (s === null ? 5 : SEVERITY[s]);
  // The worst state; among equals the one in it longest.
  const worst = [...targets].sort((a, b) => rank(a.state) - rank(b.state) || (a.stateSince?.getTime() ?? Infinity) - (b.stateSince?.getTime() ?? Infinity))[0];
  if (!worst) return null;
  const blockReach = scope.kind === "block" ? ((await getFieldReach(db, scope, now)).blocks.find((b) => b.blockId === scope.blockId)?.verdict ?? null) : null;
  return { targetId: worst.id, name: worst.name, state: worst.state, since: worst.stateSince, blockReach };
}
