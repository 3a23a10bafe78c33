"use client";

import { useQuery } from "@tanstack/react-query";
import { useQueryStates } from "nuqs";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/query-state";
import { formatCount, formatIstDate, formatIstDateTime } from "@/app/_components/format";
import { BlockTimelinessTable, OperatorTimelinessTable } from "@/app/_components/timeliness-tables";
import { EntriesByHourChart, LagHistogramChart } from "@/app/_components/timeliness-charts";
import { timelinessSearchParams } from "@/app/_components/timeliness-params";
import { istDateOf, istDateRange } from "@/app/_components/timeliness-dates";

/** The timeliness page: how fast each block and operator gets entries onto the portal. All state is in the URL. */
export function TimelinessView() {
  const trpc = useTRPC();
  const [params, setParams] = useQueryStates(timelinessSearchParams);
  const blocks = useQuery(trpc.blocks.list.queryOptions());
  const block = params.block ? blocks.data?.find((b) => b.slug === params.block) : undefined;
  const range = istDateRange(params.from, params.to);
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
        <h1>Entry timeliness</h1>
        <p className="muted">
          How soon after vaccination entries reached the portal, for vaccinations in the chosen dates (IST). Entry time = when the entry reached
          the portal (the portal&apos;s own time for entries learnt from a portal export). Within 24 h / 48 h means strictly less than 24:00 / 48:00
          hours after vaccination.
        </p>
      </div>
      <form className="filters" aria-label="Date range and block" onSubmit={(e) => e.preventDefault()}>
        <label>
          Vaccinated from
          <input type="date" value={params.from ?? ""} onChange={(e) => void setParams({ from: e.target.value || null })} />
        </label>
        <label>
          to (inclusive)
          <input type="date" value={params.to ?? ""} onChange={(e) => void setParams({ to: e.target.value || null })} />
        </label>
        <label>
          Block
          <select value={params.block ?? ""} onChange={(e) => void setParams({ block: e.target.value || null })}>
            <option value="">{blocks.data && blocks.data.length === 1 ? blocks.data[0]!.name : "All blocks in my view"}</option>
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
          Reset
        </button>
      </form>
      {!range.ok ? <p className="notice error" role="alert">{range.error}</p> : null}
      {blockUnknown ? <p className="notice error" role="alert">There is no block “{params.block}” in your view. Choose one from the list.</p> : null}
      {ready ? (
        <QueryState query={report}>
          {(data) => (
            <>
              <p className="muted">
                Vaccinations from {formatIstDate(data.range.from)} to {formatIstDate(new Date(data.range.to.getTime() - 1))}
                {params.from || params.to ? "" : " (default: the last 30 days)"} · as of {formatIstDateTime(data.generatedAt)} ·{" "}
                {formatCount(data.district.entered)} entries, {formatCount(data.district.pending)} still pending ({formatCount(data.district.pendingOverdue)} past 48 h)
              </p>
              {!params.from && !params.to ? (
                <p className="muted">
                  Tip: the dates are part of the link, e.g. from {istDateOf(data.range.from)} to {istDateOf(new Date(data.range.to.getTime() - 1))}.
                </p>
              ) : null}
              <h2>By block</h2>
              <p>
                <a href={csv("blocks")} download>
                  Download CSV (blocks)
                </a>
              </p>
              <BlockTimelinessTable rows={data.blocks} sort={params.bsort} dir={params.bdir} onSort={(s, d) => void setParams({ bsort: s, bdir: d })} />
              <h2>By operator</h2>
              <p className="muted">Entries learnt from a portal export, or recorded without a user, are shown per block as “Portal import”.</p>
              <p>
                <a href={csv("operators")} download>
                  Download CSV (operators)
                </a>
              </p>
              <OperatorTimelinessTable rows={data.operators} sort={params.osort} dir={params.odir} onSort={(s, d) => void setParams({ osort: s, odir: d })} />
              <LagHistogramChart buckets={data.lagHistogram} />
              <EntriesByHourChart hours={data.byHourOfDay} nightEntries={data.district.nightEntries} total={data.district.entered} />
              <p>
                <a href={csv("hours")} download>
                  Download CSV (entries per clock hour)
                </a>
              </p>
            </>
          )}
        </QueryState>
      ) : null}
    </>
  );
}
