/**
 * "Top anomalies" for the daily report: the open anomalies of the reconciliation queue (server/services/anomalies.ts)
 * counted by kind and block, with the same scope filter as the queue, so `open` equals the queue's total of open
 * anomalies. An anomaly without a block (a portal row naming no known block) is district-wide: only the district
 * officer's unfiltered report counts it.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import type { AnomalyKind } from "@/server/generated/prisma/enums";
import { factWhere, type Scope } from "@/server/auth/scope";

export const TOP_ANOMALY_GROUPS = 5;

export type AnomalyGroup = { kind: AnomalyKind; blockId: number | null; block: string | null; blockHi: string | null; count: number; oldestAt: Date };

export type ReportAnomalies = {
  open: number;
  byKind: Partial<Record<AnomalyKind, number>>;
  /** The largest groups, at most TOP_ANOMALY_GROUPS, largest first (then the oldest first). */
  top: AnomalyGroup[];
};

export async function getTopAnomalies(db: Db, scope: Scope, blockId?: number): Promise<ReportAnomalies> {
  const groups = await db.anomaly.groupBy({
    by: ["kind", "blockId"],
    where: { AND: [factWhere(scope), blockId === undefined ? {} : { blockId }, { status: "OPEN" }] },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  const blockIds = [...new Set(groups.map((g) => g.blockId).filter((id): id is number => id !== null))];
  const blocks = blockIds.length === 0 ? [] : await db.block.findMany({ where: { id: { in: blockIds } }, select: { id: true, name: true, nameHi: true } });
  const byId = new Map(blocks.map((b) => [b.id, b]));

  const byKind: Partial<Record<AnomalyKind, number>> = {};
  for (const g of groups) byKind[g.kind] = (byKind[g.kind] ?? 0) + g._count._all;
  const all: AnomalyGroup[] = groups.map((g) => ({
    kind: g.kind,
    blockId: g.blockId,
    block: g.blockId === null ? null : (byId.get(g.blockId)?.name ?? null),
    blockHi: g.blockId === null ? null : (byId.get(g.blockId)?.nameHi ?? null),
    count: g._count._all,
    oldestAt: g._min.createdAt ?? new Date(0),
  }));
  all.sort((a, b) => b.count - a.count || a.oldestAt.getTime() - b.oldestAt.getTime() || a.kind.localeCompare(b.kind));
  return { open: all.reduce((sum, g) => sum + g.count, 0), byKind, top: all.slice(0, TOP_ANOMALY_GROUPS) };
}
