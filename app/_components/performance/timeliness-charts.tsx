"use client";

import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "@/app/_trpc/types";
import { useFormat } from "@/i18n/format-hooks";

type Report = RouterOutputs["performance"]["getTimeliness"];

// The deadline is 48 h: buckets past it are drawn hatched and named "(late)" in the axis label, not by colour alone.
export function LagHistogramChart({ buckets }: { buckets: Report["lagHistogram"] }) {
  const t = useTranslations("timeliness.lag");
  const data = buckets.map((b) => {
    // The server's label ("0–6 h", "72 h +") rebuilt from the hours, in the active language.
    const label = b.toHours === null ? t("open", { from: String(b.fromHours) }) : t("range", { from: String(b.fromHours), to: String(b.toHours) });
    const late = b.fromHours >= 48;
    return { ...b, late, name: late ? t("late", { label }) : label };
  });
  return (
    <figure className="chart" aria-label={t("label")}>
      <figcaption>{t("caption")}</figcaption>
      <div className="chart-box chart-box-short">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
            <defs>
              <pattern id="late-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#fdd0a2" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#a50f15" strokeWidth="3" />
              </pattern>
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(v) => [String(v), t("tooltip")]} />
            <Bar dataKey="count" name={t("series")} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.label} fill={d.late ? "url(#late-hatch)" : "#4292c6"} stroke={d.late ? "#a50f15" : undefined} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="muted">{t("note")}</p>
    </figure>
  );
}

// Night-shift hours (22:00–06:00 IST) are hatched and their axis labels end in "☾ night".
export function EntriesByHourChart({ hours, nightEntries, total }: { hours: Report["byHourOfDay"]; nightEntries: number; total: number }) {
  const t = useTranslations("timeliness.hours");
  const format = useFormat();
  const data = hours.map((h) => ({ ...h, name: `${String(h.istHour).padStart(2, "0")}:00${h.night ? " ☾" : ""}` }));
  const share = total > 0 ? ((nightEntries / total) * 100).toFixed(1) : "0";
  return (
    <figure className="chart" aria-label={t("label")}>
      <figcaption>{t("caption")}</figcaption>
      <div className="chart-box chart-box-short">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ left: 8, right: 16, top: 8, bottom: 24 }}>
            <defs>
              <pattern id="night-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
                <rect width="6" height="6" fill="#c6dbef" />
                <line x1="0" y1="0" x2="0" y2="6" stroke="#08306b" strokeWidth="3" />
              </pattern>
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} angle={-60} textAnchor="end" height={56} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(v, _n, item) => [String(v), (item?.payload as { night?: boolean })?.night ? t("tooltipNight") : t("tooltip")]} />
            <Bar dataKey="entries" name={t("series")} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.istHour} fill={d.night ? "url(#night-hatch)" : "#6baed6"} stroke={d.night ? "#08306b" : undefined} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p>{t.rich("share", { night: format.count(nightEntries), total: format.count(total), share, b: (chunks) => <strong>{chunks}</strong> })}</p>
    </figure>
  );
}
