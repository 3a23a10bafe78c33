"use client";

import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { createColumnHelper } from "@tanstack/react-table";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/query-state";
import { CsvLink } from "@/app/_components/csv-link";
import { DataTable, useLocallySortedTable } from "@/app/_components/data-table";
import { formatCount } from "@/app/_components/format";
import { campSearchParams } from "@/app/_components/camp-url-state";
import type { RouterOutputs } from "@/app/_trpc/types";

type Trend = RouterOutputs["camps"]["getTrend"];
type Point = Trend["points"][number];

// Two hues that differ in lightness too (readable in grey); the legend, tooltip and the table carry the meaning.
const DOSE_COLOURS = { dose1: "#4292c6", dose2: "#08306b" } as const;
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

type Props = { megaCampId?: number; blockId?: number; campId?: number; defaultGrain: "hour" | "day"; title: string };

/** Vaccinations per IST hour or day, counted at the time of vaccination; grain and range live in the URL. */
export function CampTrend({ megaCampId, blockId, campId, defaultGrain, title }: Props) {
  const trpc = useTRPC();
  const [params, setParams] = useQueryStates({ grain: campSearchParams.grain, from: campSearchParams.from, to: campSearchParams.to });
  const grain = params.grain ?? defaultGrain;
  const from = params.from && DATE_KEY.test(params.from) ? params.from : undefined;
  const to = params.to && DATE_KEY.test(params.to) ? params.to : undefined;
  const trend = useQuery(trpc.camps.getTrend.queryOptions({ grain, megaCampId, blockId, campId, from, to }));
  const csv = new URLSearchParams({ grain });
  if (megaCampId) csv.set("megaCamp", String(megaCampId));
  if (blockId) csv.set("block", String(blockId));
  if (campId) csv.set("camp", String(campId));
  if (trend.data) {
    csv.set("from", trend.data.from);
    csv.set("to", trend.data.to);
  }
  return (
    <section aria-labelledby="camp-trend-title">
      <div className="section-head">
        <h2 id="camp-trend-title">{title}</h2>
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Trend settings">
        <label>
          Per
          <select value={grain} onChange={(e) => void setParams({ grain: e.target.value as "hour" | "day" })}>
            <option value="hour">Hour (IST)</option>
            <option value="day">Day (IST)</option>
          </select>
        </label>
        <label>
          From (vaccination date)
          <input type="date" value={from ?? trend.data?.from ?? ""} onChange={(e) => void setParams({ from: e.target.value || null })} />
        </label>
        <label>
          To
          <input type="date" value={to ?? trend.data?.to ?? ""} onChange={(e) => void setParams({ to: e.target.value || null })} />
        </label>
        {params.grain || params.from || params.to ? (
          <button type="button" onClick={() => void setParams({ grain: null, from: null, to: null })}>
            Reset
          </button>
        ) : null}
      </form>
      <QueryState query={trend}>{(data) => <TrendBody data={data} csvHref={`/api/v1/camps/trend.csv?${csv.toString()}`} />}</QueryState>
    </section>
  );
}

const column = createColumnHelper<Point>();
const count = (key: "vaccinated" | "dose1" | "dose2" | "entered" | "pending" | "rejected", header: string) =>
  column.accessor(key, { header, cell: (info) => formatCount(info.getValue()), meta: { numeric: true } });
const columns = [
  column.accessor("label", { header: "Period (IST)" }),
  count("vaccinated", "Vaccinated"),
  count("dose1", "Dose 1"),
  count("dose2", "Dose 2"),
  count("entered", "Entered"),
  count("pending", "Pending"),
  count("rejected", "Rejected"),
];

function TrendBody({ data, csvHref }: { data: Trend; csvHref: string }) {
  const total = data.points.reduce((s, p) => s + p.vaccinated, 0);
  const busy = useMemo(() => data.points.filter((p) => p.vaccinated > 0), [data]);
  const table = useLocallySortedTable(busy, columns, [{ id: "label", desc: false }]);
  const tick = (label: string) => (data.grain === "hour" ? label.slice(11, 13) + "h" : label.slice(5));
  return (
    <>
      <figure className="chart" aria-label={`Vaccinations per ${data.grain}, ${data.from} to ${data.to}, by dose`}>
        <figcaption>
          Vaccinations per {data.grain} by time of vaccination (IST), {data.from} to {data.to}: {formatCount(total)} in all
        </figcaption>
        <div className="chart-box camp-trend-box">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data.points} margin={{ left: 0, right: 8, top: 8, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tickFormatter={tick} minTickGap={12} tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} width={48} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Legend />
              <Bar dataKey="dose1" name="Dose 1" stackId="dose" fill={DOSE_COLOURS.dose1} isAnimationActive={false} />
              <Bar dataKey="dose2" name="Dose 2" stackId="dose" fill={DOSE_COLOURS.dose2} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <details>
        <summary>The same as a table ({busy.length} {data.grain === "hour" ? "hours" : "days"} with vaccinations)</summary>
        <DataTable table={table} label={`Vaccinations per ${data.grain}`} />
      </details>
      <CsvLink href={csvHref} label={`Download CSV (vaccinations per ${data.grain})`} />
    </>
  );
}
