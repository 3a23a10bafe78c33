"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RouterOutputs } from "@/app/_trpc/types";
import { useProbeFormat } from "@/app/_components/probes/probe-format";

type Incident = RouterOutputs["probes"]["listIncidents"][number];

/** Incidents newest first, with the CSV export and the printable report. */
export function ProbeIncidentLog({ targetId, incidents }: { targetId: number; incidents: readonly Incident[] }) {
  const rows = [...incidents].reverse();
  const t = useTranslations("probes.incidents");
  const common = useTranslations("common");
  const pf = useProbeFormat();
  return (
    <section aria-labelledby="incident-log-title" data-testid="incident-log">
      <div className="section-head">
        <h3 id="incident-log-title">{t("title")}</h3>
        <div className="actions-row">
          <a href={`/api/v1/probes/${targetId}/incidents?format=csv`} download>
            {common("downloadCsv")}
          </a>
          <Link href={`/probes/${targetId}/report`}>{t("printReport")}</Link>
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">{t("state")}</th>
                <th scope="col">{t("when")}</th>
                <th scope="col" className="num">
                  {t("duration")}
                </th>
                <th scope="col">{t("firstError")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.startedAt.getTime()} data-testid="incident-row">
                  <td>
                    <span className={`state-badge state-${i.state.toLowerCase()}`}>{pf.state(i.state === "DOWN" ? "DOWN" : "DEGRADED")}</span>
                  </td>
                  <td>
                    {pf.span(i.startedAt, i.endedAt)}
                    {i.endedAt ? "" : t("ongoing")}
                  </td>
                  <td className="num">{pf.duration(i.durationSeconds)}</td>
                  <td className="wrap">{i.firstError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
