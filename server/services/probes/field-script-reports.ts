import "server-only";
import type { Db } from "@/server/db/client";
import { scopeStateId, type Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import type { FieldReportInput } from "@/server/services/probes/probe-target-schema";
import { resolveBlock } from "@/server/services/backlog/blocks";
import { MAX_REPORTS_PER_REQUEST, recordFieldReports } from "@/server/services/probes/field-reach";

const MAX_AGE_MS = 24 * 3_600_000;
const CLOCK_SKEW_MS = 60_000;

export type ScriptReport = Omit<FieldReportInput, "targetId"> & { checkedAt?: string; target?: number; block?: string };

/**
 * Reports sent by a block HQ's script (POST /api/v1/probes/field), one or a queue of up to 100 from a device that
 * was offline. Each is tagged with the token owner's block, or the block a district officer's token names; its
 * `checkedAt` (default now) may not be in the future (1 min of clock skew allowed) nor older than 24 h. Everything
 * is checked before anything is stored, so a request is stored whole or refused whole; a resend is skipped.
 * `numbered`: the request was an array, so refusals say which report ("Report 3: …").
 */
export async function recordScriptReports(db: Db, scope: Scope, reportedById: number, reports: readonly ScriptReport[], now: Date, numbered: boolean) {
  if (reports.length === 0) throw new AppError("BAD_REQUEST", "fieldEmpty");
  if (reports.length > MAX_REPORTS_PER_REQUEST) throw new AppError("BAD_REQUEST", "fieldTooManyReports", { max: MAX_REPORTS_PER_REQUEST });
  const label = (i: number) => (numbered ? `Report ${i + 1}: ` : "");

  const stateId = scopeStateId(scope);
  if (stateId === null) throw new AppError("FORBIDDEN", "noScope");
  const byBlock = new Map<number, (FieldReportInput & { checkedAt: Date })[]>();
  const districtOf = new Map<number, number>();
  for (const [i, r] of reports.entries()) {
    const at = r.checkedAt ? new Date(r.checkedAt) : now;
    if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new AppError("BAD_REQUEST", "fieldInFuture", { label: label(i), at: r.checkedAt ?? "" });
    if (at.getTime() < now.getTime() - MAX_AGE_MS) throw new AppError("BAD_REQUEST", "fieldTooOld", { label: label(i), at: r.checkedAt ?? "" });
    let block: { id: number; districtId: number };
    if (r.block === undefined) {
      if (scope.kind !== "block") throw new AppError("BAD_REQUEST", "fieldNameBlock", { label: label(i) });
      block = { id: scope.blockId, districtId: scope.districtId };
    } else {
      block = await resolveBlock(db, scope, r.block);
    }
    districtOf.set(block.id, block.districtId);
    byBlock.set(block.id, [...(byBlock.get(block.id) ?? []), { ok: r.ok, latencyMs: r.latencyMs, error: r.error, targetId: r.target, checkedAt: at }]);
  }

  // Targets are checked for the whole request before anything is stored.
  const targetIds = [...new Set(reports.map((r) => r.target).filter((t): t is number => t !== undefined))];
  const known = await db.probeTarget.findMany({ where: { id: { in: targetIds }, stateId }, select: { id: true } });
  const missing = targetIds.filter((t) => !known.some((k) => k.id === t));
  if (missing.length) throw new AppError("BAD_REQUEST", "fieldUnknownTarget", { ids: missing.join(", ") });

  let stored = 0;
  let duplicates = 0;
  for (const [blockId, group] of byBlock) {
    const block = { id: blockId, districtId: districtOf.get(blockId)!, stateId };
    const result = await recordFieldReports(db, { block, reportedById, source: "SCRIPT", now, reports: group });
    stored += result.stored;
    duplicates += result.duplicates;
  }
  return { stored, duplicates };
}
