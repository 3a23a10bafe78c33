"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useDistrictHref, useFocusedDistrict, useTRPC } from "@/app/_trpc/client";
import { SummaryTiles } from "@/app/_components/backlog/summary-tiles";
import { QueryState } from "@/app/_components/common/query-state";
import { CampsTable } from "@/app/_components/backlog/camps-table";
import { PendingRecordsTable } from "@/app/_components/backlog/pending-records-table";
import { AgeBucketStrip } from "@/app/_components/backlog/age-bucket-strip";
import { PendingHistoryChart } from "@/app/_components/backlog/pending-history-chart";
import { BlockForecast } from "@/app/_components/backlog/block-forecast";

type Props = { blockId: number; blockName: string; blockNameHi: string; showDistrictLink: boolean; canUndo: boolean };

export function BlockDashboard({ blockId, blockName, blockNameHi, showDistrictLink, canUndo }: Props) {
  const trpc = useTRPC();
  const t = useTranslations("overview");
  const locale = useLocale();
  const district = useFocusedDistrict();
  const districtHref = useDistrictHref();
  const summary = useQuery(trpc.backlog.getSummary.queryOptions({ blockId }, { refetchInterval: 60_000 }));
  const camps = useQuery(trpc.backlog.listBlockCamps.queryOptions({ blockId }));
  return (
    <>
      <div className="page-title">
        {showDistrictLink ? (
          <nav aria-label={t("breadcrumb")} className="breadcrumb">
            {district ? (
              // Within a district's pages: State › District › Block.
              <>
                <Link href="/">{locale === "hi" ? district.stateNameHi : district.stateName}</Link> ›{" "}
                <Link href={districtHref("/")}>{locale === "hi" ? district.nameHi : district.name}</Link> ›{" "}
              </>
            ) : (
              <>
                <Link href="/">{t("district")}</Link> ›{" "}
              </>
            )}
            {locale === "hi" ? blockNameHi : blockName}
          </nav>
        ) : null}
        <h1>
          {blockName} <span className="hi" lang="hi">{blockNameHi}</span> — {t("blockTitle")}
        </h1>
      </div>
      <QueryState query={summary}>
        {(data) => (
          <>
            <SummaryTiles figures={data.district} />
            <AgeBucketStrip buckets={data.district.ageBuckets} />
            <BlockForecast blockId={blockId} />
            <PendingHistoryChart blockId={blockId} title={t("blockHistoryTitle", { block: locale === "hi" ? blockNameHi : blockName })} />
          </>
        )}
      </QueryState>
      <h2>{t("campsAndSites")}</h2>
      <QueryState query={camps}>{(rows) => <CampsTable rows={rows} />}</QueryState>
      <h2 id="pending-records">{t("records")}</h2>
      <PendingRecordsTable blockId={blockId} sites={camps.data ?? []} canUndo={canUndo} />
    </>
  );
}
