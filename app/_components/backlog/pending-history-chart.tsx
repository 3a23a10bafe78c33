"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Area, AreaChart, CartesianGrid, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/app/_trpc/client";
import type { RouterOutputs } from "@/app/_trpc/types";
import { QueryState } from "@/app/_components/common/query-state";
import { istMidnights, useProbeFormat, type ProbeFormat } from "@/app/_components/probes/probe-format";
import { useFormat, type Formatters } from "@/i18n/format-hooks";

type History = RouterOutputs["backlog"]["getPendingHistory"];
type Outage = History["outages"][number];
type HistoryT = ReturnType<typeof useTranslations<"history">>;

// Colour repeats what the patterns and words say: DOWN bands are hatched and labelled "DOWN" (Hindi: "DOWN (बंद)")
// above the plot; slow (DEGRADED) spells are dotted and named in the legend, the tooltip and the caption (labelling
// each of the daily peak-hour spells would crowd the DOWN label).
const BAND = {
  DOWN: { fill: "url(#pending-history-down)", stroke: "#a50f15" },
  DEGRADED: { fill: "url(#pending-history-slow)", stroke: "#b86e00" },
} as const;

export function PendingHistoryChart({ blockId, title }: { blockId?: number; title: string }) {
  const trpc = useTRPC();
  const t = useTranslations("history");
  const history = useQuery(trpc.backlog.getPendingHistory.queryOptions(blockId ? { blockId } : undefined, { staleTime: 60_000, refetchInterval: 5 * 60_000 }));
  return (
    <figure className="chart pending-history" aria-label={t("figureLabel", { title })} data-testid="pending-history">
      <figcaption>{title}</figcaption>
      <QueryState query={history}>{(data) => <HistoryBody data={data} />}</QueryState>
    </figure>
  );
}

function HistoryBody({ data }: { data: History }) {
  const t = useTranslations("history");
  const format = useFormat();
  const pf = useProbeFormat();
  const from = data.from.getTime();
  const to = data.to.getTime();
  const points = data.points.map((p) => ({ t: p.at.getTime(), pending: p.pending }));
  const bands = data.outages.map((o) => ({ ...o, x1: Math.max(o.startedAt.getTime(), from), x2: Math.min((o.endedAt ?? data.to).getTime(), to) })).filter((b) => b.x2 > b.x1);
  const targets = new Set(data.outages.map((o) => o.target));
  const downCount = data.outages.filter((o) => o.state === "DOWN").length;
  const slowCount = data.outages.length - downCount;
  return (
    <>
      <div className="chart-box history-box">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={points} margin={{ left: 4, right: 12, top: 22, bottom: 4 }}>
            <defs>
              <pattern id="pending-history-down" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
                <rect width="8" height="8" fill="#a50f15" fillOpacity="0.16" />
                <line x1="0" y1="0" x2="0" y2="8" stroke="#a50f15" strokeWidth="3" strokeOpacity="0.45" />
              </pattern>
              <pattern id="pending-history-slow" patternUnits="userSpaceOnUse" width="6" height="6">
                <rect width="6" height="6" fill="#e6a700" fillOpacity="0.18" />
                <circle cx="3" cy="3" r="1" fill="#b86e00" fillOpacity="0.5" />
              </pattern>
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[from, to]}
              ticks={istMidnights(from, to)}
              tickFormatter={(tick: number) => pf.day(tick)}
              interval="preserveStartEnd"
              minTickGap={8}
              tick={{ fontSize: 11 }}
            />
            <YAxis allowDecimals={false} width={52} tickFormatter={(v: number) => format.count(v)} tick={{ fontSize: 11 }} />
            {bands.map((b, i) => (
              <ReferenceArea
                key={`${b.targetId}-${b.startedAt.getTime()}-${i}`}
                x1={b.x1}
                x2={b.x2}
                ifOverflow="hidden"
                fill={BAND[b.state].fill}
                stroke={BAND[b.state].stroke}
                strokeOpacity={0.5}
                label={b.state === "DOWN" ? { value: t("down"), position: "top", fontSize: 11, fontWeight: 700, fill: BAND.DOWN.stroke } : undefined}
              />
            ))}
            <Tooltip content={<PointTooltip outages={data.outages} t={t} format={format} pf={pf} />} />
            <Area type="monotone" dataKey="pending" name={t("series")} stroke="#0b5cad" strokeWidth={2} fill="#0b5cad" fillOpacity={0.12} isAnimationActive={false} dot={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <ul className="chart-legend" aria-label={t("legend")}>
        <li>
          <span className="swatch swatch-line" aria-hidden="true" /> {t("legendPending")}
        </li>
        <li>
          <span className="swatch swatch-down" aria-hidden="true" /> {t("legendDown", { n: format.count(downCount) })}
        </li>
        <li>
          <span className="swatch swatch-slow" aria-hidden="true" /> {t("legendSlow", { n: format.count(slowCount) })}
        </li>
      </ul>
      <OutageCaption data={data} multipleTargets={targets.size > 1} t={t} format={format} pf={pf} />
    </>
  );
}

/** The pending count at the last point at or before `at` (the first point when `at` is earlier). */
function pendingAt(points: History["points"], at: number): number {
  let value = points[0]?.pending ?? 0;
  for (const p of points) {
    if (p.at.getTime() > at) break;
    value = p.pending;
  }
  return value;
}

type Words = { t: HistoryT; format: Formatters; pf: ProbeFormat };

function outageSentence(o: Outage, data: History, withTarget: boolean, { t, format, pf }: Words): string {
  const start = Math.max(o.startedAt.getTime(), data.from.getTime());
  const end = Math.min((o.endedAt ?? data.to).getTime(), data.to.getTime());
  const before = pendingAt(data.points, start);
  const after = pendingAt(data.points, end);
  const counts = { before: format.count(before), after: format.count(after) };
  const change = after > before ? t("rose", counts) : after < before ? t("fell", counts) : t("stayed", counts);
  return t("outage", {
    target: withTarget ? o.target : t("portal"),
    state: o.state === "DOWN" ? t("stateDown") : t("stateSlow"),
    span: pf.span(o.startedAt, o.endedAt),
    stillOpen: o.endedAt ? "" : t("stillOpen"),
    change,
  });
}

function OutageCaption({ data, multipleTargets, ...words }: { data: History; multipleTargets: boolean } & Words) {
  const { t, format, pf } = words;
  const down = data.outages.filter((o) => o.state === "DOWN");
  const slow = data.outages.filter((o) => o.state === "DEGRADED");
  const slowHours = slow.reduce((sum, o) => sum + (Math.min((o.endedAt ?? data.to).getTime(), data.to.getTime()) - Math.max(o.startedAt.getTime(), data.from.getTime())), 0) / 3_600_000;
  const first = data.points[0];
  const last = data.points.at(-1);
  return (
    <div className="chart-caption" data-testid="pending-history-caption">
      {down.length === 0 ? <p>{t("noDown")}</p> : null}
      {down.slice(-4).map((o) => (
        <p key={`${o.targetId}-${o.startedAt.getTime()}`} className="caption-down">
          {outageSentence(o, data, multipleTargets, words)}
        </p>
      ))}
      {down.length > 4 ? <p className="muted">{t("moreDown", { n: down.length - 4 })}</p> : null}
      <p className="muted">
        {slow.length > 0 ? `${t("slowSpells", { n: slow.length, hours: slowHours.toFixed(1) })} ` : ""}
        {first && last
          ? t("range", { from: pf.dayTime(first.at), to: pf.dayTime(last.at), first: format.count(first.pending), last: format.count(last.pending) })
          : ""}
      </p>
    </div>
  );
}

type TooltipProps = { active?: boolean; payload?: readonly { payload?: { t: number; pending: number } }[]; outages: Outage[] } & Words;

function PointTooltip({ active, payload, outages, t, format, pf }: TooltipProps) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  const during = outages.filter((o) => o.startedAt.getTime() <= point.t && (o.endedAt === null || o.endedAt.getTime() >= point.t));
  return (
    <div className="chart-tooltip">
      <strong>{pf.dayTime(point.t)} IST</strong>
      <div>{t("tooltipPending", { n: format.count(point.pending) })}</div>
      {during.map((o) => (
        <div key={`${o.targetId}-${o.startedAt.getTime()}`} className={o.state === "DOWN" ? "bad" : "warn"}>
          {o.target}: {o.state === "DOWN" ? t("stateDown") : t("stateSlow")}
        </div>
      ))}
    </div>
  );
}
