/**
 * Field probes (issue 4): reports from block HQ devices ("can we reach the portal?"), stored tagged by block,
 * and the per-block verdict over a window (server/domain/field-reach.ts decides; this file gathers).
 *
 * The verdict of a block compares it with every other block, so the figures are computed for every block of the
 * scope's district(s) and only then cut to the caller's scope: a supervisor sees their own row, judged against
 * their district. The central probe is one of the state's targets (shared by its districts).
 *
 * Rate limit (decision): the in-browser probe may store one report per user per 20 s (BROWSER_REPORT_GAP_MS),
 * checked in the database so that it holds across app instances. Script reports (REST) are not rate-limited
 * but are capped at 100 per request, and a resend of the same (block, reporter, checkedAt) is skipped, so a
 * device that replays its offline backlog twice stores it once.
 */
import "server-only";
import { AppError } from "@/server/errors/app-error";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { canSeeBlock, scopeDistrictIds, scopeStateId, type Scope } from "@/server/auth/scope";
import { fieldReachVerdicts, type BlockReach, type BlockReports, type CentralProbe } from "@/core/domain/field-reach";
import type { TimeWindow } from "@/core/domain/uptime";
import type { FieldReportInput } from "@/server/services/probes/probe-target-schema";
import { FIELD_REACH_MINUTES } from "@/server/services/probes/probe-target-schema";
import { loadSegments } from "@/server/services/probes/probe-segments";

export const BROWSER_REPORT_GAP_MS = 20_000;
export const MAX_REPORTS_PER_REQUEST = 100;

export type FieldReach = { window: TimeWindow; central: CentralProbe; blocks: BlockReach[] };

export async function chooseCentral(db: Db, scope: Scope, window: TimeWindow, targetId: number | undefined): Promise<{ id: number; name: string } | null> {
  const stateId = scopeStateId(scope);
  if (stateId === null) return null;
  if (targetId !== undefined) {
    return db.probeTarget.findFirst({ where: { id: targetId, stateId }, select: { id: true, name: true } });
  }
  const named = await db.fieldProbeReport.groupBy({
    by: ["targetId"],
    where: { districtId: { in: [...scopeDistrictIds(scope)] }, checkedAt: { gt: window.from, lte: window.to }, targetId: { not: null }, target: { enabled: true, stateId } },
    _count: { _all: true },
    orderBy: [{ _count: { targetId: "desc" } }, { targetId: "asc" }],
    take: 1,
  });
  const id = named[0]?.targetId ?? null;
  if (id !== null) return db.probeTarget.findUnique({ where: { id }, select: { id: true, name: true } });
  return db.probeTarget.findFirst({ where: { enabled: true, stateId }, orderBy: { id: "asc" }, select: { id: true, name: true } });
}

/** The central probe's state at the window's end, read off its timeline (null: no check covers that moment). */
async function centralStateAt(db: Db, targetId: number, at: Date, now: Date) {
  const segments = await loadSegments(db, targetId, { from: new Date(at.getTime() - 1), to: at }, now);
  const covering = segments.filter((s) => s.from.getTime() < at.getTime() && (s.to === null || s.to.getTime() >= at.getTime()));
  return covering[covering.length - 1]?.state ?? null;
}

type AggRow = Omit<BlockReports, "block">;

export async function getFieldReach(db: Db, scope: Scope, now: Date, options: { minutes?: number; to?: Date; targetId?: number } = {}): Promise<FieldReach> {
  const to = options.to ?? now;
  const window = { from: new Date(to.getTime() - (options.minutes ?? FIELD_REACH_MINUTES.default) * 60_000), to };
  const centralTarget = await chooseCentral(db, scope, window, options.targetId);
  const districtIds = [...scopeDistrictIds(scope)];
  const central: CentralProbe = centralTarget ? { targetId: centralTarget.id, name: centralTarget.name, state: await centralStateAt(db, centralTarget.id, to, now) } : null;

  const downDuring = centralTarget
    ? Prisma.sql`EXISTS (SELECT 1 FROM probe_segments s WHERE s.target_id = ${centralTarget.id}
        AND s.state::text IN ('DOWN', 'PENDING', 'MAINTENANCE')
        AND s.started_at <= r.checked_at AND COALESCE(s.ended_at, ${now}) > r.checked_at)`
    : Prisma.sql`FALSE`;
  const targetFilter = centralTarget ? Prisma.sql`(r.target_id IS NULL OR r.target_id = ${centralTarget.id})` : Prisma.sql`TRUE`;
  const rows = await db.$queryRaw<AggRow[]>(Prisma.sql`
    SELECT r.block_id AS "blockId",
           count(*)::int AS reports,
           (count(*) FILTER (WHERE NOT r.ok))::int AS failures,
           (count(*) FILTER (WHERE NOT r.ok AND ${downDuring}))::int AS "failuresWhileCentralDown",
           max(r.checked_at) AS "lastReportAt",
           (array_agg(r.ok ORDER BY r.checked_at DESC, r.id DESC))[1] AS "lastOk",
           (array_agg(r.error ORDER BY r.checked_at DESC, r.id DESC))[1] AS "lastError"
    FROM field_probe_reports r
    WHERE r.district_id = ANY(${districtIds}::int[]) AND r.checked_at > ${window.from} AND r.checked_at <= ${window.to} AND ${targetFilter}
    GROUP BY r.block_id`);
  const byBlock = new Map(rows.map((r) => [r.blockId, r]));
  const blocks = await db.block.findMany({ where: { districtId: { in: districtIds } }, orderBy: { name: "asc" }, select: { id: true, districtId: true, name: true } });
  const districtOf = new Map(blocks.map((b) => [b.id, b.districtId]));
  const all: BlockReports[] = blocks.map((b) => {
    const r = byBlock.get(b.id);
    return {
      blockId: b.id,
      block: b.name,
      reports: r?.reports ?? 0,
      failures: r?.failures ?? 0,
      failuresWhileCentralDown: r?.failuresWhileCentralDown ?? 0,
      lastReportAt: r?.lastReportAt ?? null,
      lastOk: r?.lastOk ?? null,
      lastError: r?.lastError ?? null,
    };
  });
  return { window, central, blocks: fieldReachVerdicts(all, central).filter((b) => canSeeBlock(scope, { id: b.blockId, districtId: districtOf.get(b.blockId) ?? -1 })) };
}

export type StoredReports = { stored: number; duplicates: number; ids: string[] };

/**
 * Stores reports for one block. `targetId`s must exist. Reports already stored for the same block, reporter
 * and checkedAt are skipped (counted as duplicates).
 */
export async function recordFieldReports(
  db: Db,
  args: {
    block: { id: number; districtId: number; stateId: number };
    reportedById: number | null;
    source: "BROWSER" | "SCRIPT";
    now: Date;
    reports: (FieldReportInput & { checkedAt: Date })[];
  },
): Promise<StoredReports> {
  const { block, reportedById, source, now, reports } = args;
  const blockId = block.id;
  if (reports.length === 0) return { stored: 0, duplicates: 0, ids: [] };
  if (reports.length > MAX_REPORTS_PER_REQUEST) throw new AppError("BAD_REQUEST", "fieldTooManyReports", { max: MAX_REPORTS_PER_REQUEST });
  const targetIds = [...new Set(reports.map((r) => r.targetId).filter((id): id is number => typeof id === "number"))];
  if (targetIds.length) {
    // Another state's target reads like one that does not exist.
    const found = await db.probeTarget.findMany({ where: { id: { in: targetIds }, stateId: block.stateId }, select: { id: true } });
    const missing = targetIds.filter((id) => !found.some((t) => t.id === id));
    if (missing.length) throw new AppError("BAD_REQUEST", "fieldUnknownTarget", { ids: missing.join(", ") });
  }
  const existing = await db.fieldProbeReport.findMany({
    where: { blockId, reportedById, checkedAt: { in: reports.map((r) => r.checkedAt) } },
    select: { checkedAt: true },
  });
  const seen = new Set(existing.map((e) => e.checkedAt.getTime()));
  const fresh = reports.filter((r) => {
    const key = r.checkedAt.getTime();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const created = await db.fieldProbeReport.createManyAndReturn({
    data: fresh.map((r) => ({
      districtId: block.districtId,
      blockId,
      reportedById,
      source,
      checkedAt: r.checkedAt,
      receivedAt: now,
      ok: r.ok,
      latencyMs: r.latencyMs ?? null,
      error: r.ok ? null : (r.error ?? null) || null,
      targetId: r.targetId ?? null,
    })),
    select: { id: true },
  });
  return { stored: created.length, duplicates: reports.length - created.length, ids: created.map((c) => String(c.id)) };
}

/** Refuses a browser report within 20 s of the same user's previous one. */
export async function assertBrowserReportAllowed(db: Db, userId: number, now: Date): Promise<void> {
  const last = await db.fieldProbeReport.findFirst({
    where: { reportedById: userId, source: "BROWSER", receivedAt: { gt: new Date(now.getTime() - BROWSER_REPORT_GAP_MS), lte: now } },
    orderBy: { receivedAt: "desc" },
    select: { receivedAt: true },
  });
  if (!last) return;
  const waitS = Math.ceil((last.receivedAt.getTime() + BROWSER_REPORT_GAP_MS - now.getTime()) / 1000);
  throw new AppError("TOO_MANY_REQUESTS", "fieldTooSoon", { seconds: waitS }, { retryAfterSeconds: waitS });
}
