"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { ProbeLatencyChart } from "@/app/_components/probes/probe-latency-chart";
import { ProbeTimelineStrip } from "@/app/_components/probes/probe-timeline-strip";
import { ProbeIncidentLog } from "@/app/_components/probes/probe-incident-log";
import { ProbeMaintenance } from "@/app/_components/probes/probe-maintenance";
import type { ProbeTargetRow } from "@/app/_components/probes/probe-target-card";

/** Key, length in hours, and how the button reads: a number of hours ("h") or days ("d"). */
const RANGES = [
  ["24h", 24, "h", 24],
  ["7d", 7 * 24, "d", 7],
  ["30d", 30 * 24, "d", 30],
] as const;
type RangeKey = (typeof RANGES)[number][0];

const HOUR_MS = 3_600_000;

function rangeFor(key: RangeKey): { key: RangeKey; from: Date; to: Date } {
  const hours = RANGES.find((r) => r[0] === key)![1];
  // Rounded to the minute, so that a re-render does not make a new query key.
  const to = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  return { key, from: new Date(to.getTime() - hours * HOUR_MS), to };
}

/** The selected target over a chosen range: latency, state strip, incidents, maintenance. */
export function ProbeTargetDetail({ target, canEdit, refreshMs }: { target: ProbeTargetRow; canEdit: boolean; refreshMs: number }) {
  const trpc = useTRPC();
  const t = useTranslations("probes");
  const [range, setRange] = useState(() => rangeFor("24h"));
  const input = { id: target.id, from: range.from, to: range.to };
  const latency = useQuery(trpc.probes.getLatencySeries.queryOptions(input, { refetchInterval: Math.max(refreshMs, 30_000) }));
  const timeline = useQuery(trpc.probes.getTimeline.queryOptions(input, { refetchInterval: Math.max(refreshMs, 30_000) }));
  // Open-ended, so that an incident that starts after the page was opened shows up.
  const incidents = useQuery(trpc.probes.listIncidents.queryOptions({ id: target.id, from: range.from }, { refetchInterval: refreshMs }));
  const from = range.from.getTime();
  const to = range.to.getTime();
  return (
    <section className="probe-detail" aria-labelledby="probe-detail-title" data-testid="probe-detail">
      <div className="section-head">
        <h2 id="probe-detail-title">{t("detail.history", { name: target.name })}</h2>
        <div className="range-buttons" role="group" aria-label={t("detail.period")}>
          {RANGES.map(([key, , unit, n]) => (
            <button key={key} type="button" aria-pressed={range.key === key} onClick={() => setRange(rangeFor(key))}>
              {unit === "h" ? t("units.hours", { n: String(n) }) : t("units.days", { n: String(n) })}
            </button>
          ))}
        </div>
      </div>
      <QueryState query={timeline}>{(segments) => <ProbeTimelineStrip segments={segments} from={from} to={to} />}</QueryState>
      <QueryState query={latency}>{(series) => <ProbeLatencyChart series={series} from={from} to={to} slowMs={target.slowMs} />}</QueryState>
      <QueryState query={incidents}>{(rows) => <ProbeIncidentLog targetId={target.id} incidents={rows} />}</QueryState>
      <ProbeMaintenance targetId={target.id} canEdit={canEdit} />
    </section>
  );
}
