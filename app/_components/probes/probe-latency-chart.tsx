"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "@/app/_trpc/types";
import { formatMs, useProbeFormat } from "@/app/_components/probes/probe-format";
import { useFormat } from "@/i18n/format-hooks";

type Series = RouterOutputs["probes"]["getLatencySeries"];

/** Latency of the checks that answered, per rollup bucket; failed checks are counted in the tooltip. */
export function ProbeLatencyChart({ series, from, to, slowMs }: { series: Series; from: number; to: number; slowMs: number }) {
  const t = useTranslations("probes");
  const pf = useProbeFormat();
  const format = useFormat();
  const grain = t(`latency.grains.${series.grain}`);
  const data = series.points.map((p) => ({ t: p.at.getTime(), avg: p.avgMs, p95: p.p95Ms ?? p.maxMs, checks: p.checks, failed: p.failedChecks }));
  const short = to - from <= 36 * 3_600_000;
  const failed = series.points.reduce((sum, p) => sum + p.failedChecks, 0);
  const checks = series.points.reduce((sum, p) => sum + p.checks, 0);
  return (
    <figure className="chart" aria-label={t("latency.label", { grain })} data-testid="latency-chart">
      <figcaption>
        {t("latency.caption", { grain })} <span className="muted">{t("latency.checks", { checks: format.count(checks), failed: format.count(failed) })}</span>
      </figcaption>
      {data.length === 0 ? (
        <p className="muted">{t("latency.empty")}</p>
      ) : (
        <div className="chart-box latency-box">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ left: 4, right: 12, top: 8, bottom: 4 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} tickFormatter={(tick: number) => (short ? pf.time(tick) : pf.day(tick))} minTickGap={24} tick={{ fontSize: 11 }} />
              <YAxis width={56} tickFormatter={(v: number) => formatMs(v)} tick={{ fontSize: 11 }} />
              <ReferenceLine y={slowMs} stroke="#b86e00" strokeDasharray="6 3" label={{ value: t("slowAbove", { ms: formatMs(slowMs) }), position: "insideTopRight", fontSize: 11, fill: "#8a5200" }} />
              <Tooltip
                labelFormatter={(label) => `${pf.dayTime(Number(label))} IST`}
                formatter={(value, name) => [formatMs(typeof value === "number" ? value : null), name]}
              />
              <Legend />
              <Line type="monotone" dataKey="avg" name={t("latency.average")} stroke="#0b5cad" dot={false} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
              <Line type="monotone" dataKey="p95" name={t("latency.p95")} stroke="#a50f15" strokeDasharray="4 2" dot={false} isAnimationActive={false} connectNulls={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
