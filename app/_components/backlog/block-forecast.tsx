"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import type { RouterOutputs } from "@/app/_trpc/types";
import { useFormat, type Formatters } from "@/i18n/format-hooks";

export type Forecast = RouterOutputs["performance"]["getForecasts"]["blocks"][number]["forecast"];
export type ForecastT = ReturnType<typeof useTranslations<"forecast">>;

/** The rate in words: the uncertain cases are named, not shown as a number. */
export function rateText(f: Forecast, t: ForecastT): string {
  if (f.status === "NO_RATE" || f.ratePerHour === null) return t("noRate");
  if (f.status === "STALLED" || f.ratePerHour === 0) return t("stalledRate");
  return t("rate", { rate: f.ratePerHour.toFixed(1) });
}

export function clearsText(f: Forecast, t: ForecastT, format: Formatters): string {
  if (f.status === "CLEAR") return t("clear");
  if (f.status === "NO_RATE") return t("cannotForecast");
  if (f.status === "STALLED") return t("never");
  return f.clearsAt ? format.dateTime(f.clearsAt) : "—";
}

/** The burn-down card of one block page. Mount inside the block dashboard: <BlockForecast blockId={…} />. */
export function BlockForecast({ blockId }: { blockId: number }) {
  const trpc = useTRPC();
  const t = useTranslations("forecast");
  const format = useFormat();
  const query = useQuery(trpc.performance.getBlockForecast.queryOptions({ blockId }, { refetchInterval: 60_000 }));
  return (
    <section className="forecast-card" aria-labelledby={`forecast-${blockId}`}>
      <h2 id={`forecast-${blockId}`}>{t("title")}</h2>
      <QueryState query={query}>
        {({ forecast: f, atRisk }) => (
          <>
            <p className={atRisk ? "forecast-status at-risk" : "forecast-status"} data-testid="forecast-status">
              <strong>{t(`status.${f.status}`)}</strong>
              {atRisk ? t("atRiskLine", { count: format.count(f.willCrossDeadline), n: f.willCrossDeadline }) : null}
            </p>
            <dl className="forecast-figures">
              <dt>{t("pending")}</dt>
              <dd>{format.count(f.pending)}</dd>
              <dt>{t("entryRate")}</dt>
              <dd>
                {rateText(f, t)}{" "}
                <span className="muted">{t("entriesSince", { count: format.count(f.entriesInWindow), n: f.entriesInWindow, since: format.dateTime(f.rateWindow.from) })}</span>
              </dd>
              <dt>{t("clearingTime")}</dt>
              <dd>{clearsText(f, t, format)}</dd>
              <dt>{t("alreadyPast")}</dt>
              <dd>{format.count(f.alreadyOverdue)}</dd>
              <dt>{t("willCross")}</dt>
              <dd>{format.count(f.willCrossDeadline)}</dd>
              <dt>{t("firstMiss")}</dt>
              <dd>{f.firstMissAt ? format.dateTime(f.firstMissAt) : t("noneForecast")}</dd>
            </dl>
            <p className="muted">{t("howWorked", { rateWindow: t("rateWindow") })}</p>
          </>
        )}
      </QueryState>
    </section>
  );
}
