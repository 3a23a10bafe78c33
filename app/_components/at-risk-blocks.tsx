"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/query-state";
import { formatCount, formatIstDateTime } from "@/app/_components/format";
import { RATE_WINDOW_TEXT, clearsText, rateText } from "@/app/_components/block-forecast";

/**
 * "At risk": blocks whose burn-down forecast misses the 48-hour deadline, worst first. Self-contained; mount on
 * the district overview: <AtRiskBlocks />. A supervisor sees only their own block.
 */
export function AtRiskBlocks() {
  const trpc = useTRPC();
  const query = useQuery(trpc.performance.getForecasts.queryOptions(undefined, { refetchInterval: 60_000 }));
  return (
    <section className="at-risk" aria-labelledby="at-risk-title">
      <h2 id="at-risk-title">At risk of missing the 48-hour deadline</h2>
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
                <p className="notice ok">No block is forecast to miss the deadline at its current entry rate.</p>
              ) : (
                <div className="table-wrap">
                  <table className="data-table" aria-label="Blocks at risk">
                    <thead>
                      <tr>
                        <th>Block</th>
                        <th className="num">Pending</th>
                        <th>Entry rate</th>
                        <th>Forecast clearing time</th>
                        <th className="num">Will cross 48 h</th>
                        <th>First miss</th>
                        <th className="num">Already past 48 h</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map(({ blockId, block, slug, forecast: f }) => (
                        <tr key={blockId} data-testid={`at-risk-${slug}`}>
                          <td>
                            <Link href={`/blocks/${slug}`}>{block}</Link>
                          </td>
                          <td className="num">{formatCount(f.pending)}</td>
                          <td>{rateText(f)}</td>
                          <td>{clearsText(f)}</td>
                          <td className="num">{formatCount(f.willCrossDeadline)}</td>
                          <td>{f.firstMissAt ? formatIstDateTime(f.firstMissAt) : "—"}</td>
                          <td className="num">{formatCount(f.alreadyOverdue)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <p className="muted">
                As of {formatIstDateTime(data.generatedAt)}. {RATE_WINDOW_TEXT}; the forecast counts only working hours and assumes the oldest entries
                go first. <a href="/api/v1/performance/forecasts.csv" download>Download CSV (all blocks)</a>
              </p>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
