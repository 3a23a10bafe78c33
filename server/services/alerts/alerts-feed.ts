/**
 * The in-app alert feed: recent alerts, newest first, capped. Portal alerts (PROBE_DOWN / PROBE_RECOVERED, no
 * block) are district-wide facts that every signed-in role reads; alerts tagged with a block (issue 5's
 * BLOCK_AT_RISK …) are shown only within the caller's scope. The payload's facts are returned for the page to word
 * in the reader's language; the webhook's last error (which may name the webhook host) is left out.
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
  /** The server's English sentence (also the webhook's and the log's). */
  message: string;
  /** What the alert says, as facts the page words in the reader's language (null for a payload of another shape). */
  facts: AlertFacts | null;
  createdAt: Date;
  webhookStatus: WebhookStatus;
  webhookSentAt: Date | null;
};

export type AlertFacts =
  | { about: "probe"; target: string; startedAt: Date; endedAt: Date | null; durationSeconds: number; firstError: string | null }
  | { about: "block"; block: string; blockHi: string | null; pending: number; alreadyOverdue: number; willCrossDeadline: number; firstMissAt: Date | null; episodeStartedAt: Date };

const date = (v: unknown): Date | null => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** The facts of a stored payload (written by the probe alert engine or the block-risk job); defensive, it is JSON. */
export function alertFactsOf(payload: unknown, blockHi: string | null): AlertFacts | null {
  if (typeof payload !== "object" || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const incident = p.incident as Record<string, unknown> | undefined;
  const target = p.target as Record<string, unknown> | undefined;
  if (incident && target && typeof target.name === "string") {
    const startedAt = date(incident.startedAt);
    if (!startedAt) return null;
    return { about: "probe", target: target.name, startedAt, endedAt: date(incident.endedAt), durationSeconds: num(incident.durationSeconds), firstError: typeof incident.firstError === "string" ? incident.firstError : null };
  }
  const block = p.block as Record<string, unknown> | undefined;
  const f = p.forecast as Record<string, unknown> | undefined;
  if (block && f && typeof block.name === "string") {
    const episodeStartedAt = date(p.episodeStartedAt);
    if (!episodeStartedAt) return null;
    return { about: "block", block: block.name, blockHi, pending: num(f.pending), alreadyOverdue: num(f.alreadyOverdue), willCrossDeadline: num(f.willCrossDeadline), firstMissAt: date(f.firstMissAt), episodeStartedAt };
  }
  return null;
}

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
    select: { id: true, kind: true, targetId: true, target: { select: { name: true } }, blockId: true, message: true, payload: true, createdAt: true, webhookStatus: true, webhookSentAt: true },
  });
  const blockIds = [...new Set(rows.map((r) => r.blockId).filter((id): id is number => id !== null))];
  const hindi = new Map((await db.block.findMany({ where: { id: { in: blockIds } }, select: { id: true, nameHi: true } })).map((b) => [b.id, b.nameHi]));
  return rows.map(({ target, payload, ...a }) => ({ ...a, targetName: target?.name ?? null, facts: alertFactsOf(payload, a.blockId === null ? null : (hindi.get(a.blockId) ?? null)) }));
}
