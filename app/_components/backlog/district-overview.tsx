"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { SummaryTiles } from "@/app/_components/backlog/summary-tiles";
import { PendingByBlockChart } from "@/app/_components/backlog/pending-by-block-chart";
import { PendingHistoryChart } from "@/app/_components/backlog/pending-history-chart";
import { AtRiskBlocks } from "@/app/_components/backlog/at-risk-blocks";
import { BlockTable } from "@/app/_components/backlog/block-table";
import { QueryState } from "@/app/_components/common/query-state";
import { useFormat } from "@/i18n/format-hooks";
import { sharedRule, useRuleText } from "@/app/_components/rules/rule-text";
import type { DeadlineRule } from "@/core/domain/deadline-rule";

/** `districtName`: the district's name in the reader's language (from the database). */
export function DistrictOverview({ districtName }: { districtName: string }) {
  const trpc = useTRPC();
  const t = useTranslations("overview");
  const format = useFormat();
  const summary = useQuery(trpc.backlog.getSummary.queryOptions(undefined, { refetchInterval: 60_000 }));
  const tRules = useTranslations("rules");
  const ruleText = useRuleText();
  // The rule in force (issue 12): "48 h after vaccination" in Bihar; a state whose districts differ says so.
  const asOfText = (s: { generatedAt: Date; deadlines: { deadline: DeadlineRule }[] }) => {
    const rule = sharedRule(s.deadlines);
    const when = format.dateTime(s.generatedAt);
    return rule ? tRules("asOf", { when, rule: ruleText(rule) }) : tRules("asOfMixed", { when });
  };
  return (
    <>
      <div className="page-title">
        <h1>{t("title", { district: districtName })}</h1>
        {summary.data ? (
          <p className="muted">{asOfText(summary.data)}</p>
        ) : null}
      </div>
      <QueryState query={summary}>
        {(data) => (
          <>
            <SummaryTiles figures={data.district} deadline={sharedRule(data.deadlines)} />
            <AtRiskBlocks />
            <PendingHistoryChart title={t("historyTitle")} />
            <PendingByBlockChart blocks={data.blocks} />
            <h2>{t("blocks")}</h2>
            <BlockTable rows={data.blocks} />
          </>
        )}
      </QueryState>
    </>
  );
}
