"use client";

import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { BlockTimelinessTable, OperatorTimelinessTable } from "@/app/_components/performance/timeliness-tables";
import { EntriesByHourChart, LagHistogramChart } from "@/app/_components/performance/timeliness-charts";
import { timelinessSearchParams } from "@/app/_components/performance/timeliness-params";
import { istDateOf, istDateRange } from "@/core/time/ist-date-range";
import { useFormat } from "@/i18n/format-hooks";

/** The timeliness page: how fast each block and operator gets entries onto the portal. All state is in the URL. */
export function TimelinessView() {
  const trpc = useTRPC();
  const t = useTranslations("timeliness");
  const format = useFormat();
  const [params, setParams] = useQueryStates(timelinessSearchParams);
  const blocks = useQuery(trpc.blocks.list.queryOptions());
  const block = params.block ? blocks.data?.find((b) => b.slug === params.block) : undefined;
  const range = istDateRange(params.from, params.to);
  const rangeError = range.ok ? null : range.name === "from" ? t("badFrom", { value: range.value }) : t("badTo", { value: range.value });
  const blockUnknown = Boolean(params.block && blocks.data && !block);
  const ready = range.ok && !blockUnknown && (!params.block || block !== undefined);
  const input = range.ok ? { from: range.from, to: range.to, blockId: block?.id } : undefined;
  const report = useQuery({ ...trpc.performance.getTimeliness.queryOptions(input), enabled: ready });

  const csv = (table: string) => {
    const q = new URLSearchParams({ table });
    if (params.from) q.set("from", params.from);
    if (params.to) q.set("to", params.to);
    if (params.block) q.set("block", params.block);
    return `/api/v1/performance/timeliness.csv?${q.toString()}`;
  };

  return (
    <>
      <div className="page-title">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
      </div>
      <form className="filters" aria-label={t("filtersLabel")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("from")}
          <input type="date" value={params.from ?? ""} onChange={(e) => void setParams({ from: e.target.value || null })} />
        </label>
        <label>
          {t("to")}
          <input type="date" value={params.to ?? ""} onChange={(e) => void setParams({ to: e.target.value || null })} />
        </label>
        <label>
          {t("block")}
          <select value={params.block ?? ""} onChange={(e) => void setParams({ block: e.target.value || null })}>
            <option value="">{blocks.data && blocks.data.length === 1 ? blocks.data[0]!.name : t("allBlocks")}</option>
            {blocks.data && blocks.data.length > 1
              ? blocks.data.map((b) => (
                  <option key={b.slug} value={b.slug}>
                    {b.name}
                  </option>
                ))
              : null}
          </select>
        </label>
        <button type="button" onClick={() => void setParams({ from: null, to: null, block: null })}>
          {t("reset")}
        </button>
      </form>
      {rangeError ? (
        <p className="notice error" role="alert">
          {rangeError}
        </p>
      ) : null}
      {blockUnknown ? (
        <p className="notice error" role="alert">
          {t("blockUnknown", { block: params.block ?? "" })}
        </p>
      ) : null}
      {ready ? (
        <QueryState query={report}>
          {(data) => (
            <>
              <p className="muted">
                {t("summary", {
                  from: format.date(data.range.from),
                  to: format.date(new Date(data.range.to.getTime() - 1)),
                  defaultNote: params.from || params.to ? "" : t("defaultRange"),
                  asOf: format.dateTime(data.generatedAt),
                  entered: format.count(data.district.entered),
                  pending: format.count(data.district.pending),
                  overdue: format.count(data.district.pendingOverdue),
                })}
              </p>
              {!params.from && !params.to ? (
                <p className="muted">{t("tip", { from: istDateOf(data.range.from), to: istDateOf(new Date(data.range.to.getTime() - 1)) })}</p>
              ) : null}
              <p className="notice" data-testid="late-counted">
                {t("lateCounted", { n: data.district.latePending, count: format.count(data.district.latePending) })}
              </p>
              <h2>{t("byBlock")}</h2>
              <p>
                <a href={csv("blocks")} download>
                  {t("csvBlocks")}
                </a>
              </p>
              <BlockTimelinessTable rows={data.blocks} sort={params.bsort} dir={params.bdir} onSort={(s, d) => void setParams({ bsort: s, bdir: d })} />
              <h2>{t("byOperator")}</h2>
              <p className="muted">{t("operatorNote")}</p>
              <p>
                <a href={csv("operators")} download>
                  {t("csvOperators")}
                </a>
              </p>
              <OperatorTimelinessTable rows={data.operators} sort={params.osort} dir={params.odir} onSort={(s, d) => void setParams({ osort: s, odir: d })} />
              <LagHistogramChart buckets={data.lagHistogram} />
              <EntriesByHourChart hours={data.byHourOfDay} nightEntries={data.district.nightEntries} total={data.district.entered} />
              <p>
                <a href={csv("hours")} download>
                  {t("csvHours")}
                </a>
              </p>
            </>
          )}
        </QueryState>
      ) : null}
    </>
  );
}
