/**
 * The daily report as one CSV: each section after the other, each with a title row naming it (`# backlog`, …) and
 * a header row, separated by an empty line. Machine columns (ISO 8601 UTC times, plain counts, English and Hindi
 * block names) whatever the report's language; every cell goes through server/imports/csv-safe.ts.
 */
import "server-only";
import type { DailyReport } from "@/server/services/reports/daily-report";

type Row = readonly unknown[];

export const DAILY_REPORT_CSV_SECTIONS = ["report", "backlog", "overdue_blocks", "at_risk_blocks", "camps", "portal_uptime_24h", "portal_incidents_24h", "top_anomalies"] as const;

function section(name: (typeof DAILY_REPORT_CSV_SECTIONS)[number], header: readonly string[], rows: readonly Row[]): Row[] {
  return [[`# ${name}`], header, ...rows, []];
}

const iso = (d: Date | null) => (d ? d.toISOString() : "");

export function dailyReportCsvRows(report: DailyReport): Row[] {
  const scope = report.scope.kind === "district" ? "district" : report.scope.block;
  const { backlog, risk, camps, portal, anomalies } = report;
  const d = backlog.district;
  return [
    ...section("report", ["generated_at", "scope", "deadline_hours", "camp_day", "camp_day_is_yesterday", "mega_camp", "open_anomalies"], [
      [iso(report.generatedAt), scope, report.deadlineHours, camps.day ?? "", camps.isYesterday, camps.megaCamp ?? "", anomalies.open],
    ]),
    ...section("backlog", ["block", "block_hi", "vaccinated", "entered", "pending", "rejected", "overdue", "due_within_6h"], [
      ...backlog.blocks.map((b) => [b.block, b.blockHi, b.vaccinated, b.entered, b.pending, b.rejected, b.overdue, b.dueWithin6h]),
      ...(report.scope.kind === "district" ? [["District total", "ज़िला कुल", d.vaccinated, d.entered, d.pending, d.rejected, d.overdue, d.dueWithin6h]] : []),
    ]),
    ...section("overdue_blocks", ["block", "block_hi", "overdue", "pending"], risk.overdueBlocks.map((b) => [b.block, b.blockHi, b.overdue, b.pending])),
    ...section(
      "at_risk_blocks",
      ["block", "block_hi", "status", "pending", "already_overdue", "will_cross_deadline", "first_miss_at", "clears_at", "entries_per_hour"],
      risk.atRiskBlocks.map((b) => [b.block, b.blockHi, b.status, b.pending, b.alreadyOverdue, b.willCrossDeadline, iso(b.firstMissAt), iso(b.clearsAt), b.ratePerHour === null ? "" : b.ratePerHour.toFixed(2)]),
    ),
    ...section(
      "camps",
      ["camp_day", report.scope.kind === "district" ? "block" : "site", "name_hi", "camps", "vaccinated", "entered", "pending", "rejected"],
      camps.rows.map((r) => [camps.day, r.label, r.labelHi, r.camps, r.vaccinated, r.entered, r.pending, r.rejected]),
    ),
    ...section(
      "portal_uptime_24h",
      ["target", "window_from", "window_to", "uptime_percent", "usable_hours", "down_minutes", "slow_minutes", "no_data_minutes", "enabled"],
      portal.targets.map((t) => [t.name, iso(portal.window.from), iso(portal.window.to), t.upPercent === null ? "" : t.upPercent.toFixed(3), t.usableHours.toFixed(2), t.downMinutes, t.degradedMinutes, t.noDataMinutes, t.enabled]),
    ),
    ...section(
      "portal_incidents_24h",
      ["target", "started_at", "ended_at", "duration_seconds", "state", "first_error"],
      portal.targets.flatMap((t) => t.incidents.map((i) => [t.name, iso(i.startedAt), iso(i.endedAt), i.durationSeconds, i.state, i.firstError ?? ""])),
    ),
    ...section("top_anomalies", ["kind", "block", "block_hi", "open", "oldest_at"], anomalies.top.map((g) => [g.kind, g.block ?? "", g.blockHi ?? "", g.count, iso(g.oldestAt)])),
  ];
}
