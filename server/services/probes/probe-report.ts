import "server-only";
import type { Db } from "@/server/db/client";
import type { Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import { uptime } from "@/core/domain/uptime";
import { getProbeStatus } from "@/server/services/probes/probe-status";
import { listIncidents } from "@/server/services/probes/probe-history";
import { loadSegments } from "@/server/services/probes/probe-segments";

const DAY_MS = 86_400_000;
export const PROBE_REPORT_DAYS = [1, 7, 14, 30] as const;

/**
 * A probe target's availability over the last `days` for the printable report (a deadline-extension request):
 * the period's uptime and usable hours, and every incident with start, end, duration and first error.
 */
export async function getProbeReport(db: Db, scope: Scope, id: number, days: number, now: Date) {
  const status = await getProbeStatus(db, scope, id, now);
  if (!status) throw new AppError("NOT_FOUND", "probeTargetNotFound", { id });
  const period = { from: new Date(now.getTime() - days * DAY_MS), to: now };
  const [incidents, segments] = await Promise.all([listIncidents(db, id, period, now), loadSegments(db, id, period, now)]);
  const figures = uptime(segments, period, now);
  const downSeconds = incidents.filter((i) => i.state === "DOWN").reduce((sum, i) => sum + i.durationSeconds, 0);
  return { status, period, days, incidents, figures, downSeconds };
}
