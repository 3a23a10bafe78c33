"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { SummaryTiles } from "@/app/_components/summary-tiles";
import { PendingByBlockChart } from "@/app/_components/pending-by-block-chart";
import { BlockTable } from "@/app/_components/block-table";
import { QueryState } from "@/app/_components/query-state";
import { formatIstDateTime } from "@/app/_components/format";

export function DistrictOverview() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.backlog.getSummary.queryOptions(undefined, { refetchInterval: 60_000 }));
  return (
    <>
      <div className="page-title">
        <h1>Bhagalpur district — portal entry backlog</h1>
        {summary.data ? <p className="muted">As of {formatIstDateTime(summary.data.generatedAt)} · deadline {summary.data.deadlineHours} h after vaccination</p> : null}
      </div>
      <QueryState query={summary}>
        {(data) => (
          <>
            <SummaryTiles figures={data.district} />
            <PendingByBlockChart blocks={data.blocks} />
            <h2>Blocks</h2>
            <BlockTable rows={data.blocks} />
          </>
        )}
      </QueryState>
    </>
  );
}
