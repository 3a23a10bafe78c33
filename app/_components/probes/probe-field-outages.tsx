"use client";
/** The last 7 days of "a block HQ could not reach the portal", each with its cause: the portal, or the block's own network. */
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useProbeFormat } from "@/app/_components/probes/probe-format";
import { useFormat } from "@/i18n/format-hooks";

export function ProbeFieldOutages() {
  const trpc = useTRPC();
  const t = useTranslations("probes.reach.outages");
  const pf = useProbeFormat();
  const format = useFormat();
  const outages = useQuery(trpc.probes.listFieldOutages.queryOptions({ days: 7 }));
  return (
    <section aria-labelledby="field-outages-title" data-testid="field-outages">
      <h3 id="field-outages-title">{t("title")}</h3>
      <QueryState query={outages}>
        {(data) =>
          data.outages.length === 0 ? (
            <p className="muted">{t("none")}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th scope="col">{t("block")}</th>
                    <th scope="col">{t("cause")}</th>
                    <th scope="col">{t("when")}</th>
                    <th scope="col" className="num">
                      {t("duration")}
                    </th>
                    <th scope="col" className="num">
                      {t("failures")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.outages.map((o) => (
                    <tr key={`${o.blockId}-${o.startedAt.toISOString()}`}>
                      <th scope="row">{o.block}</th>
                      <td>
                        <span className={`verdict verdict-${o.cause === "PORTAL" ? "portal_down" : "block_network"}`}>{t(`causes.${o.cause}`, { block: o.block })}</span>
                      </td>
                      <td>{o.endedAt ? pf.span(o.startedAt, o.endedAt) : `${pf.dayTime(o.startedAt)} – ${t("ongoing")}`}</td>
                      <td className="num">{pf.duration(Math.round(((o.endedAt ?? o.lastFailedAt).getTime() - o.startedAt.getTime()) / 1000))}</td>
                      <td className="num">{format.count(o.failures)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}
