"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/query-state";
import { formatCount, formatIstDateTime } from "@/app/_components/format";
import type { RouterOutputs } from "@/app/_trpc/types";

export type Forecast = RouterOutputs["performance"]["getForecasts"]["blocks"][number]["forecast"];

export const RATE_WINDOW_TEXT = "rate = entries in the last 3 working hours (08:00–22:00 IST) ÷ 3";

/** The rate in words: the uncertain cases are named, not shown as a number. */
export function rateText(f: Forecast): string {
  if (f.status === "NO_RATE" || f.ratePerHour === null) return "no rate yet (nothing entered so far)";
  if (f.status === "STALLED" || f.ratePerHour === 0) return "0 / h — no entries in the last 3 working hours";
  return `${f.ratePerHour.toFixed(1)} / h`;
}

export function clearsText(f: Forecast): string {
  if (f.status === "CLEAR") return "nothing pending";
  if (f.status === "NO_RATE") return "cannot forecast: no entries made yet";
  if (f.status === "STALLED") return "never, at rate 0";
  return f.clearsAt ? formatIstDateTime(f.clearsAt) : "—";
}

const STATUS_TEXT: Record<Forecast["status"], string> = {
  CLEAR: "Clear",
  NO_RATE: "No rate yet",
  STALLED: "Stalled",
  ON_TRACK: "On track",
  AT_RISK: "At risk",
};

/** The burn-down card of one block page. Mount inside the block dashboard: <BlockForecast blockId={…} />. */
export function BlockForecast({ blockId }: { blockId: number }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.performance.getBlockForecast.queryOptions({ blockId }, { refetchInterval: 60_000 }));
  return (
    <section className="forecast-card" aria-labelledby={`forecast-${blockId}`}>
      <h2 id={`forecast-${blockId}`}>Burn-down forecast</h2>
      <QueryState query={query}>
        {({ forecast: f, atRisk }) => (
          <>
            <p className={atRisk ? "forecast-status at-risk" : "forecast-status"} data-testid="forecast-status">
              <strong>{STATUS_TEXT[f.status]}</strong>
              {atRisk ? ` — at this rate ${formatCount(f.willCrossDeadline)} entries will cross 48 h before they are entered.` : null}
            </p>
            <dl className="forecast-figures">
              <dt>Pending</dt>
              <dd>{formatCount(f.pending)}</dd>
              <dt>Entry rate</dt>
              <dd>
                {rateText(f)} <span className="muted">({formatCount(f.entriesInWindow)} entries since {formatIstDateTime(f.rateWindow.from)})</span>
              </dd>
              <dt>Forecast clearing time</dt>
              <dd>{clearsText(f)}</dd>
              <dt>Already past 48 h</dt>
              <dd>{formatCount(f.alreadyOverdue)}</dd>
              <dt>Will cross 48 h</dt>
              <dd>{formatCount(f.willCrossDeadline)}</dd>
              <dt>First miss</dt>
              <dd>{f.firstMissAt ? formatIstDateTime(f.firstMissAt) : "none forecast"}</dd>
            </dl>
            <p className="muted">
              How this is worked out: {RATE_WINDOW_TEXT}. The forecast spends only working hours and assumes the oldest entries are keyed in first,
              so “will cross 48 h” is the fewest that can miss; the real order can only do worse.
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}
