"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDistrictApiHref, useDistrictHref, useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { clearsText, rateText } from "@/app/_components/backlog/block-forecast";
import { useFormat } from "@/i18n/format-hooks";

/**
 * "At risk": blocks whose burn-down forecast misses the 48-hour deadline, worst first. Self-contained; mount on
 * the district overview: <AtRiskBlocks />. A supervisor sees only their own block.
 */
export function AtRiskBlocks() {
  const trpc = useTRPC();
  const t = useTranslations("forecast");
  const format = useFormat();
  const href = useDistrictHref();
  const apiHref = useDistrictApiHref();
  const query = useQuery(trpc.performance.getForecasts.queryOptions(undefined, { refetchInterval: 60_000 }));
  return (
    <section className="at-risk" aria-labelledby="at-risk-title">
      <h2 id="at-risk-title">{t("atRisk.title")}</h2>
      <QueryState query={query}>
        {(data) => {
          const rows = data.blocks
            .filter((b) => b.atRisk)
            .sort(
              (a, b) =>
                b.forecast.willCrossDeadline - a.forecast.willCrossDeadline ||
                (a.forecast.firstMissAt?.getTime() ?? Infinity) - (b.forecast.firstMissAt?.getTime() ?? Infinity),
            );
          return (
            <>
              {rows.length === 0 ? (
                <p className="notice ok">{t("atRisk.none")}</p>
              ) : (
                <div className="table-wrap">
                  <table className="data-table" aria-label={t("atRisk.tableLabel")}>
                    <thead>
                      <tr>
                        <th>{t("atRisk.block")}</th>
                        <th className="num">{t("pending")}</th>
                        <th>{t("entryRate")}</th>
                        <th>{t("clearingTime")}</th>
                        <th className="num">{t("willCross")}</th>
                        <th>{t("firstMiss")}</th>
                        <th className="num">{t("alreadyPast")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map(({ blockId, block, slug, forecast: f }) => (
                        <tr key={blockId} data-testid={`at-risk-${slug}`}>
                          <td>
                            <Link href={href(`/blocks/${slug}`)}>{block}</Link>
                          </td>
                          <td className="num">{format.count(f.pending)}</td>
                          <td>{rateText(f, t)}</td>
                          <td>{clearsText(f, t, format)}</td>
                          <td className="num">{format.count(f.willCrossDeadline)}</td>
                          <td>{f.firstMissAt ? format.dateTime(f.firstMissAt) : "—"}</td>
                          <td className="num">{format.count(f.alreadyOverdue)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <p className="muted">
                {t("atRisk.asOf", { when: format.dateTime(data.generatedAt), rateWindow: t("rateWindow") })}{" "}
                <a href={apiHref("/api/v1/performance/forecasts.csv")} download>
                  {t("atRisk.csv")}
                </a>
              </p>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
