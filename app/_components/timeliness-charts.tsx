"use client";

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { RouterOutputs } from "@/app/_trpc/types";

type Report = RouterOutputs["performance"]["getTimeliness"];

// The deadline is 48 h: buckets past it are drawn hatched and named "(late)" in the axis label, not by colour alone.
export function LagHistogramChart({ buckets }: { buckets: Report["lagHistogram"] }) {
  const data = buckets.map((b) => ({ ...b, late: b.fromHours >= 48, name: b.fromHours >= 48 ? `${b.label} (late)` : b.label }));
  return (
    <figure className="chart" aria-label="Time from vaccination to portal entry">
      <figcaption>Time from vaccination to portal entry (lag histogram)</figcaption>
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
            <Tooltip formatter={(v) => [String(v), "entries"]} />
            <Bar dataKey="count" name="Entries" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.label} fill={d.late ? "url(#late-hatch)" : "#4292c6"} stroke={d.late ? "#a50f15" : undefined} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="muted">Hatched bars, marked “late”, are entries made 48 hours or more after vaccination.</p>
    </figure>
  );
}

// Night-shift hours (22:00–06:00 IST) are hatched and their axis labels end in "☾ night".
export function EntriesByHourChart({ hours, nightEntries, total }: { hours: Report["byHourOfDay"]; nightEntries: number; total: number }) {
  const data = hours.map((h) => ({ ...h, name: `${String(h.istHour).padStart(2, "0")}:00${h.night ? " ☾" : ""}` }));
  const share = total > 0 ? ((nightEntries / total) * 100).toFixed(1) : "0";
  return (
    <figure className="chart" aria-label="Entries per hour of the day, IST, night shift marked">
      <figcaption>Entries per hour of the day (IST) — night shift 22:00–06:00 marked ☾ and hatched</figcaption>
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
            <Tooltip formatter={(v, _n, item) => [String(v), (item?.payload as { night?: boolean })?.night ? "entries (night shift)" : "entries"]} />
            <Bar dataKey="entries" name="Entries" isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.istHour} fill={d.night ? "url(#night-hatch)" : "#6baed6"} stroke={d.night ? "#08306b" : undefined} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p>
        <strong>{nightEntries.toLocaleString("en-IN")}</strong> of {total.toLocaleString("en-IN")} entries ({share} %) were made on the night shift
        (22:00–06:00 IST).
      </p>
    </figure>
  );
}
