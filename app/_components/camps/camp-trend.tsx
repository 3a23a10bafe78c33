"use client";

import { istMidnightOfKey } from "@/core/time/ist";
import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useTranslations } from "next-intl";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { createColumnHelper } from "@tanstack/react-table";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { CsvLink } from "@/app/_components/common/csv-link";
import { DataTable, useLocallySortedTable } from "@/app/_components/common/data-table";
import { campSearchParams } from "@/app/_components/camps/camp-url-state";
import type { RouterOutputs } from "@/app/_trpc/types";
import { useFormat, type Formatters } from "@/i18n/format-hooks";

type Trend = RouterOutputs["camps"]["getTrend"];
type Point = Trend["points"][number];

// Two hues that differ in lightness too (readable in grey); the legend, tooltip and the table carry the meaning.
const DOSE_COLOURS = { dose1: "#4292c6", dose2: "#08306b" } as const;
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

type Props = { megaCampId?: number; blockId?: number; campId?: number; defaultGrain: "hour" | "day"; title: string };

/** Vaccinations per IST hour or day, counted at the time of vaccination; grain and range live in the URL. */
export function CampTrend({ megaCampId, blockId, campId, defaultGrain, title }: Props) {
  const trpc = useTRPC();
  const t = useTranslations("camps.trend");
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
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={t("settings")}>
        <label>
          {t("per")}
          <select value={grain} onChange={(e) => void setParams({ grain: e.target.value as "hour" | "day" })}>
            <option value="hour">{t("hour")}</option>
            <option value="day">{t("day")}</option>
          </select>
        </label>
        <label>
          {t("from")}
          <input type="date" value={from ?? trend.data?.from ?? ""} onChange={(e) => void setParams({ from: e.target.value || null })} />
        </label>
        <label>
          {t("to")}
          <input type="date" value={to ?? trend.data?.to ?? ""} onChange={(e) => void setParams({ to: e.target.value || null })} />
        </label>
        {params.grain || params.from || params.to ? (
          <button type="button" onClick={() => void setParams({ grain: null, from: null, to: null })}>
            {t("reset")}
          </button>
        ) : null}
      </form>
      <QueryState query={trend}>{(data) => <TrendBody data={data} csvHref={`/api/v1/camps/trend.csv?${csv.toString()}`} />}</QueryState>
    </section>
  );
}

const column = createColumnHelper<Point>();

function makeColumns(t: ReturnType<typeof useTranslations<"camps">>, format: Formatters) {
  const count = (key: "vaccinated" | "dose1" | "dose2" | "entered" | "pending" | "rejected") =>
    column.accessor(key, { header: t(`columns.${key}`), cell: (info) => format.count(info.getValue()), meta: { numeric: true } });
  return [
    column.accessor("label", { header: t("trend.period") }),
    count("vaccinated"),
    count("dose1"),
    count("dose2"),
    count("entered"),
    count("pending"),
    count("rejected"),
  ];
}

/** "2021-06-21" (an IST calendar date) in the active language: "21 Jun 2021" / "21 जून 2021". */
const showDay = (format: Formatters, key: string) => format.date(istMidnightOfKey(key));

function TrendBody({ data, csvHref }: { data: Trend; csvHref: string }) {
  const t = useTranslations("camps");
  const format = useFormat();
  const columns = useMemo(() => makeColumns(t, format), [t, format.locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const total = data.points.reduce((s, p) => s + p.vaccinated, 0);
  const busy = useMemo(() => data.points.filter((p) => p.vaccinated > 0), [data]);
  const table = useLocallySortedTable(busy, columns, [{ id: "label", desc: false }]);
  const tick = (label: string) => (data.grain === "hour" ? t("trend.tickHour", { hour: label.slice(11, 13) }) : label.slice(5));
  const range = { grain: data.grain, from: showDay(format, data.from), to: showDay(format, data.to) };
  return (
    <>
      <figure className="chart" aria-label={t("trend.chartLabel", range)}>
        <figcaption>{t("trend.caption", { ...range, total: format.count(total) })}</figcaption>
        <div className="chart-box camp-trend-box">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data.points} margin={{ left: 0, right: 8, top: 8, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tickFormatter={tick} minTickGap={12} tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} width={48} tick={{ fontSize: 12 }} />
              <Tooltip />
              <Legend />
              <Bar dataKey="dose1" name={t("columns.dose1")} stackId="dose" fill={DOSE_COLOURS.dose1} isAnimationActive={false} />
              <Bar dataKey="dose2" name={t("columns.dose2")} stackId="dose" fill={DOSE_COLOURS.dose2} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <details>
        <summary>{t("trend.tableSummary", { count: format.count(busy.length), grain: data.grain })}</summary>
        <DataTable table={table} label={t("trend.tableLabel", { grain: data.grain })} />
      </details>
      <CsvLink href={csvHref} label={t("trend.csv", { grain: data.grain })} />
    </>
  );
}
