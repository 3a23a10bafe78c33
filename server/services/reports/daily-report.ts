/**
 * The daily review report (issue 6, part 3): one page for the DIO's meeting with the District Magistrate, or a
 * block user's own block. `buildDailyReport` returns plain data, the single source of the page, the PDF and the
 * CSV. It re-derives nothing: each section comes from the service the dashboard shows, at the same `now` and
 * with the same scope, so the figures match the screens exactly.
 */
import "server-only";
import type { Db } from "@/server/db/client";
import type { Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import { slugOf } from "@/core/domain/block-directory";
import { DEADLINE_HOURS } from "@/core/domain/aging";
import type { ForecastStatus } from "@/core/domain/burn-down";
import type { ProbeState } from "@/core/domain/probe-state";
import { getBacklogSummary, type BacklogCounts } from "@/server/services/backlog/backlog-summary";
import { resolveBlock } from "@/server/services/backlog/blocks";
import { atRiskFirst, getBlockForecasts } from "@/server/services/performance/burn-down";
import { listProbeStatuses } from "@/server/services/probes/probe-status";
import { listIncidents } from "@/server/services/probes/probe-history";
import { getCampDay, type ReportCampDay } from "@/server/services/reports/daily-report-camps";
import { getTopAnomalies, type ReportAnomalies } from "@/server/services/reports/daily-report-anomalies";

const DAY_MS = 24 * 3_600_000;

export type ReportBlockRef = { blockId: number; block: string; blockHi: string; slug: string };

export type ReportBacklogRow = ReportBlockRef & BacklogCounts;

export type ReportAtRiskBlock = ReportBlockRef & {
  status: ForecastStatus;
  pending: number;
  alreadyOverdue: number;
  willCrossDeadline: number;
  firstMissAt: Date | null;
  clearsAt: Date | null;
  ratePerHour: number | null;
};

export type ReportIncident = { startedAt: Date; endedAt: Date | null; durationSeconds: number; state: "DOWN" | "DEGRADED"; firstError: string | null };

export type ReportProbeTarget = {
  id: number;
  name: string;
  enabled: boolean;
  state: ProbeState | null;
  upPercent: number | null;
  usableHours: number;
  downMinutes: number;
  degradedMinutes: number;
  noDataMinutes: number;
  incidents: ReportIncident[];
};

export type DailyReport = {
  generatedAt: Date;
  /** The district, or the one block the report is about. */
  scope: { kind: "district"; district: string; districtHi: string; slug: string } | ({ kind: "block"; district: string; districtHi: string } & ReportBlockRef);
  deadlineHours: number;
  backlog: { district: BacklogCounts; blocks: ReportBacklogRow[] };
  /** Blocks with entries past 48 h (most first), and blocks whose burn-down forecast misses the deadline (worst first). */
  risk: { overdueBlocks: ReportBacklogRow[]; atRiskBlocks: ReportAtRiskBlock[]; rateWindowWorkingHours: number };
  camps: ReportCampDay;
  portal: { window: { from: Date; to: Date }; targets: ReportProbeTarget[] };
  anomalies: ReportAnomalies;
};

export async function buildDailyReport(db: Db, scope: Scope, now: Date, options: { blockId?: number } = {}): Promise<DailyReport> {
  if (scope.kind === "none") throw new AppError("FORBIDDEN", "noScope");
  // A block user's report is always about their own block; a district officer may narrow it to any one block.
  const blockId = options.blockId ?? (scope.kind === "block" ? scope.blockId : undefined);
  const block = blockId === undefined ? null : await resolveBlock(db, scope, blockId);

  const window = { from: new Date(now.getTime() - DAY_MS), to: now };
  const [summary, forecasts, probes, camps, anomalies] = await Promise.all([
    getBacklogSummary(db, scope, now, blockId),
    getBlockForecasts(db, scope, now, blockId),
    listProbeStatuses(db, scope, now),
    getCampDay(db, scope, now, blockId),
    getTopAnomalies(db, scope, blockId),
  ]);
  // The area the report covers: the block's district, the district, or for a state officer the state.
  const districtRow = block
    ? await db.district.findUniqueOrThrow({ where: { id: block.districtId } })
    : scope.kind === "state"
      ? await db.state.findUniqueOrThrow({ where: { id: scope.stateId } })
      : await db.district.findUniqueOrThrow({ where: { id: scope.districtId } });

  const blocks: ReportBacklogRow[] = summary.blocks.map((b) => ({
    blockId: b.blockId,
    block: b.block,
    blockHi: b.blockHi,
    slug: b.slug,
    vaccinated: b.vaccinated,
    entered: b.entered,
    pending: b.pending,
    rejected: b.rejected,
    overdue: b.overdue,
    dueWithin6h: b.dueWithin6h,
  }));
  const hiName = new Map(summary.blocks.map((b) => [b.blockId, b.blockHi]));
  const d = summary.district;
  const district: BacklogCounts = { vaccinated: d.vaccinated, entered: d.entered, pending: d.pending, rejected: d.rejected, overdue: d.overdue, dueWithin6h: d.dueWithin6h };

  const targets = await Promise.all(
    probes.map(async (t): Promise<ReportProbeTarget> => {
      const day = t.uptime["24h"];
      const incidents = await listIncidents(db, t.id, window, now);
      return {
        id: t.id,
        name: t.name,
        enabled: t.enabled,
        state: t.state,
        upPercent: day.upPercent,
        usableHours: day.usableHours,
        downMinutes: day.downMinutes,
        degradedMinutes: day.degradedMinutes,
        noDataMinutes: day.noDataMinutes,
        incidents: incidents.map((i) => ({ startedAt: i.startedAt, endedAt: i.endedAt, durationSeconds: i.durationSeconds, state: i.state, firstError: i.firstError })),
      };
    }),
  );

  return {
    generatedAt: now,
    scope: block
      ? { kind: "block", blockId: block.id, block: block.name, blockHi: block.nameHi, slug: block.slug, district: districtRow.name, districtHi: districtRow.nameHi }
      : { kind: "district", district: districtRow.name, districtHi: districtRow.nameHi, slug: slugOf(districtRow.name) },
    deadlineHours: DEADLINE_HOURS,
    backlog: { district, blocks },
    risk: {
      overdueBlocks: blocks.filter((b) => b.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.block.localeCompare(b.block)),
      atRiskBlocks: atRiskFirst(forecasts.blocks).map((b) => ({
        blockId: b.blockId,
        block: b.block,
        blockHi: hiName.get(b.blockId) ?? b.block,
        slug: b.slug,
        status: b.forecast.status,
        pending: b.forecast.pending,
        alreadyOverdue: b.forecast.alreadyOverdue,
        willCrossDeadline: b.forecast.willCrossDeadline,
        firstMissAt: b.forecast.firstMissAt,
        clearsAt: b.forecast.clearsAt,
        ratePerHour: b.forecast.ratePerHour,
      })),
      rateWindowWorkingHours: forecasts.rateWindowWorkingHours,
    },
    camps,
    portal: { window, targets },
    anomalies,
  };
}
