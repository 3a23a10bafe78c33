/**
 * The in-app alert feed: recent alerts, newest first, capped. Portal alerts (PROBE_DOWN / PROBE_RECOVERED, no
 * block) are district-wide facts that every signed-in role reads; alerts tagged with a block (issue 5's
 * BLOCK_AT_RISK …) are shown only within the caller's scope. The payload and the webhook's last error (which
 * may name the webhook host) are left out.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import type { AlertKind, WebhookStatus } from "@/server/generated/prisma/enums";
import { districtIdWhere, type Scope } from "@/server/auth/scope";
import type { Prisma } from "@/server/generated/prisma/client";

export const ALERTS_DEFAULT_LIMIT = 20;
export const ALERTS_MAX_LIMIT = 100;

export type AlertItem = {
  id: number;
  kind: AlertKind;
  targetId: number | null;
  targetName: string | null;
  blockId: number | null;
  message: string;
  createdAt: Date;
  webhookStatus: WebhookStatus;
  webhookSentAt: Date | null;
};

/** The state's own alerts (its probe targets'), and the district alerts the scope sees (a block user: their block's). */
function alertsWhere(scope: Scope): Prisma.AlertWhereInput {
  if (scope.kind === "none") return { id: { in: [] } };
  const districtAlerts: Prisma.AlertWhereInput =
    scope.kind === "block" ? { districtId: scope.districtId, OR: [{ blockId: null }, { blockId: scope.blockId }] } : districtIdWhere(scope);
  return { OR: [{ stateId: scope.stateId }, districtAlerts] };
}

export async function listAlerts(db: Db, scope: Scope, limit = ALERTS_DEFAULT_LIMIT): Promise<AlertItem[]> {
  const take = Math.min(Math.max(1, Math.floor(limit)), ALERTS_MAX_LIMIT);
  const rows = await db.alert.findMany({
    where: alertsWhere(scope),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, kind: true, targetId: true, target: { select: { name: true } }, blockId: true, message: true, createdAt: true, webhookStatus: true, webhookSentAt: true },
  });
  return rows.map(({ target, ...a }) => ({ ...a, targetName: target?.name ?? null }));
}
