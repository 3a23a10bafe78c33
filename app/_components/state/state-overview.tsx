"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { SummaryTiles } from "@/app/_components/backlog/summary-tiles";
import { QueryState } from "@/app/_components/common/query-state";
import { DistrictTable } from "@/app/_components/state/district-table";
import { nameIn } from "@/app/_components/state/place-label";
import { useFormat } from "@/i18n/format-hooks";

/** What `/` shows a state officer: the state's tiles, its districts ranked, and the districts not set up yet. */
export function StateOverview({ canConfigure }: { canConfigure: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("state");
  const format = useFormat();
  const overview = useQuery(trpc.state.getOverview.queryOptions(undefined, { refetchInterval: 60_000 }));
  return (
    <QueryState query={overview}>
      {(data) => (
        <>
          <div className="page-title">
            <h1>{t("title", { state: nameIn(data.state, format.locale) })}</h1>
            <p className="muted">
              {t("asOf", {
                when: format.dateTime(data.generatedAt),
                hours: format.count(data.deadlineHours),
                setUp: data.districts.length,
                all: format.count(data.districts.length + data.notSetUp.length),
              })}
            </p>
          </div>
          <SummaryTiles figures={data.totals} />
          <p className={data.atRiskBlocks > 0 ? "notice warn" : "notice ok"} data-testid="state-at-risk">
            {t("atRiskTotal", { n: data.atRiskBlocks })}
          </p>
          <h2>{t("districts")}</h2>
          <DistrictTable districts={data.districts} />
          <section aria-labelledby="not-set-up-title" data-testid="not-set-up">
            <h2 id="not-set-up-title">{t("notSetUpTitle", { n: format.count(data.notSetUp.length) })}</h2>
            <p className="muted">{t("notSetUpBody")}</p>
            <ul className="not-set-up-list">
              {data.notSetUp.map((d) => (
                <li key={d.id} lang={format.locale}>
                  {nameIn(d, format.locale)}
                </li>
              ))}
            </ul>
            {canConfigure ? <Link href="/settings/districts">{t("setUpLink")}</Link> : null}
          </section>
        </>
      )}
    </QueryState>
  );
}
