import "server-only";
/**
 * The dashboards' shared figures as read models (see read-model-cache.ts): each is the service's own answer,
 * served to every user of the same scope until a change or its bound. The bounds are how far the clock alone may
 * move such a figure before it is recomputed: the summary's time-left buckets and the forecast's rate window
 * move with every minute, the hourly history only when a new hour starts.
 */
import type { Db } from "@/server/db/client";
import type { Scope } from "@/server/auth/scope";
import { readModel, type ReadModelSpec } from "@/server/services/read-models/read-model-cache";
import { getBacklogSummary } from "@/server/services/backlog/backlog-summary";
import { getPendingHistory } from "@/server/services/backlog/pending-history";
import { getBlockForecasts } from "@/server/services/performance/burn-down";

export const READ_MODELS = {
  summary: { name: "backlog.summary", maxAgeMs: 15_000 },
  forecasts: { name: "performance.forecasts", maxAgeMs: 30_000 },
  pendingHistory: { name: "backlog.pendingHistory", maxAgeMs: 60_000, followsPortalState: true },
} as const satisfies Record<string, ReadModelSpec>;

export function backlogSummaryOf(db: Db, scope: Scope, now: Date, blockId?: number) {
  return readModel(READ_MODELS.summary, scope, now, { blockId }, () => getBacklogSummary(db, scope, now, blockId));
}

export function blockForecastsOf(db: Db, scope: Scope, now: Date, blockId?: number) {
  return readModel(READ_MODELS.forecasts, scope, now, { blockId }, () => getBlockForecasts(db, scope, now, blockId));
}

export function pendingHistoryOf(db: Db, scope: Scope, now: Date, input: Parameters<typeof getPendingHistory>[3]) {
  const args = { from: input.from?.toISOString(), to: input.to?.toISOString(), blockId: input.blockId };
  return readModel(READ_MODELS.pendingHistory, scope, now, args, () => getPendingHistory(db, scope, now, input));
}
