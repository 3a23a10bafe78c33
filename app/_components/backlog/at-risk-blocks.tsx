"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDistrictApiHref, useDistrictHref, useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { clearsText, rateText } from "@/app/_components/backlog/block-forecast";
import { useFormat } from "@/i18n/format-hooks";
import { NEEDS_ACTION_SHOWN, rankBySeverity, SEVERITY_TIERS } from "@/core/domain/block-severity";

/**
 * "Needs action now" (issue 15): blocks ranked in severity tiers (core/domain/block-severity.ts) — already
 * overdue, will miss the deadline at the current rate, tight — with the first few named and why; the full
 * table of blocks at risk one click away. Self-contained; mount on the district overview: <AtRiskBlocks />.
 * A supervisor sees only their own block.
 */
export function AtRiskBlocks() {
  const trpc = useTRPC();
  const t = useTranslations("forecast");
  const ts = useTranslations("severity");
  const format = useFormat();
  const href = useDistrictHref();
  const apiHref = useDistrictApiHref();
  const query = useQuery(trpc.performance.getForecasts.queryOptions(undefined, { refetchInterval: 60_000 }));
  // The same summary the tiles read (one request for both): its "due within 6 h" marks the tight blocks.
  const summary = useQuery(trpc.backlog.getSummary.queryOptions(undefined));
  return (
    <section className="at-risk" aria-labelledby="at-risk-title">
      <h2 id="at-risk-title">{ts("title")}</h2>
      <QueryState query={query}>
        {(data) => {
          const dueSoon = new Map((summary.data?.blocks ?? []).map((b) => [b.blockId, b.dueWithin6h]));
          const ranked = rankBySeverity(
            data.blocks.map((b) => ({ ...b, alreadyOverdue: b.forecast.alreadyOverdue, willCrossDeadline: b.forecast.willCrossDeadline, firstMissAt: b.forecast.firstMissAt, dueWithin6h: dueSoon.get(b.blockId) ?? 0 })),
          );
          const needing = ranked.filter((b) => b.tier !== "ON_TRACK");
          const rows = ranked.filter((b) => b.atRisk);
          const tierCounts = SEVERITY_TIERS.map((tier) => [tier, ranked.filter((b) => b.tier === tier).length] as const);
          return (
            <>
              {needing.length === 0 ? null : (
                <ol className="needs-action" data-testid="needs-action">
                  {needing.slice(0, NEEDS_ACTION_SHOWN).map((b) => (
                    <li key={b.blockId} className={`severity-${b.tier.toLowerCase()}`} data-testid={`needs-action-${b.slug}`}>
                      <Link href={`/blocks/${b.slug}`}>{b.block}</Link> <span className="severity-tier">{ts(`tiers.${b.tier}`)}</span>
                      <br />
                      <span className="muted">
                        {b.tier === "OVERDUE"
                          ? ts("why.OVERDUE", { n: b.alreadyOverdue, pending: format.count(b.forecast.pending) })
                          : b.tier === "WILL_MISS"
                            ? ts("why.WILL_MISS", { n: b.willCrossDeadline, when: b.firstMissAt ? format.dateTime(b.firstMissAt) : "—" })
                            : ts("why.TIGHT", { n: b.dueWithin6h })}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
              <p className="muted" data-testid="severity-counts">
                {tierCounts.map(([tier, n]) => `${ts(`tiers.${tier}`)}: ${format.count(n)}`).join(" · ")}
              </p>
              {rows.length === 0 ? (
                <p className="notice ok">{t("atRisk.none")}</p>
              ) : (
                <details className="table-wrap">
                  <summary>{ts("allAtRisk", { n: rows.length })}</summary>
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
                </details>
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
