import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { pageCaller, requirePage } from "@/server/api/page-guard";
import { parseIdText } from "@/core/contracts/ids";
import { PROBE_REPORT_DAYS } from "@/server/services/probes/probe-report";
import { ProbePrintButton } from "@/app/_components/probes/probe-print-button";
import { probeFormat, UPTIME_WINDOW_SPANS } from "@/app/_components/probes/probe-format";
import { getFormat } from "@/server/i18n/format";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("probes.report");
  return { title: t("metaTitle") };
}


/**
 * A one-page, printable record of a probe target's availability, for a deadline-extension request: the period's
 * uptime and usable hours, the rolling windows, and every incident with start, end, duration and first error.
 */
export default async function ProbeReportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ days?: string }> }) {
  const { id: rawId } = await params;
  const { days: rawDays } = await searchParams;
  await requirePage(`/probes/${rawId}/report`, "dashboard.read");
  const id = parseIdText(rawId);
  if (id === null) notFound();
  const days = PROBE_REPORT_DAYS.find((d) => String(d) === rawDays) ?? 7;
  const report = await (await pageCaller()).probes.getReport({ id, days }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!report) notFound();
  const { status, period, incidents, figures, downSeconds } = report;
  const down = incidents.filter((i) => i.state === "DOWN");
  const t = await getTranslations("probes.report");
  const tp = await getTranslations("probes");
  const pf = probeFormat(await getLocale(), tp);
  const format = await getFormat();
  const ist = (d: Date) => `${format.dateTimeFull(d)} IST`;
  const periodHours = (period.to.getTime() - period.from.getTime()) / 3_600_000;
  return (
    <article className="report" data-testid="probe-report">
      <div className="no-print report-tools">
        <Link href="/probes">{t("back")}</Link>
        <span className="actions-row">
          {t("period")}
          {PROBE_REPORT_DAYS.map((d) => (
            <Link key={d} href={`/probes/${id}/report?days=${d}`} aria-current={d === days ? "page" : undefined}>
              {t("days", { n: d })}
            </Link>
          ))}
        </span>
        <ProbePrintButton />
      </div>
      <header>
        <h1>{t("title", { name: status.name })}</h1>
        <p>
          {status.method} {status.url}
          <br />
          {t.rich("periodLine", {
            b: (chunks) => <strong>{chunks}</strong>,
            from: ist(period.from),
            to: ist(period.to),
            days: t("days", { n: days }),
            interval: format.count(status.intervalSeconds),
            slow: format.count(status.slowMs),
            checks: status.retries + 1,
          })}
        </p>
      </header>
      <section>
        <h2>{t("summary")}</h2>
        <table className="report-table">
          <tbody>
            <tr>
              <th scope="row">{t("uptime")}</th>
              <td>{pf.percent(figures.upPercent)}</td>
            </tr>
            <tr>
              <th scope="row">{t("usable")}</th>
              <td>{t("usableValue", { usable: figures.usableHours.toFixed(1), total: periodHours.toFixed(0) })}</td>
            </tr>
            <tr>
              <th scope="row">{t("down")}</th>
              <td>{t("downValue", { n: down.length, duration: pf.duration(downSeconds) })}</td>
            </tr>
            <tr>
              <th scope="row">{t("slow")}</th>
              <td>{pf.duration(figures.degradedMs / 1000)}</td>
            </tr>
            <tr>
              <th scope="row">{t("maintenance")}</th>
              <td>
                {pf.duration(figures.maintenanceMs / 1000)} / {pf.duration(figures.noDataMs / 1000)}
              </td>
            </tr>
            <tr>
              <th scope="row">{t("stateNow")}</th>
              <td>{status.enabled ? pf.state(status.state) : tp("states.PAUSED")}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <section>
        <h2>{t("rolling")}</h2>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{tp("card.window")}</th>
              <th scope="col">{tp("card.uptime")}</th>
              <th scope="col">{tp("card.usableHours")}</th>
              <th scope="col">{tp("card.down")}</th>
            </tr>
          </thead>
          <tbody>
            {UPTIME_WINDOW_SPANS.map(([key, unit, n]) => (
              <tr key={key}>
                <th scope="row">{unit === "h" ? t("lastHours", { n }) : t("lastDays", { n })}</th>
                <td>{pf.percent(status.uptime[key].upPercent)}</td>
                <td>{pf.hours(status.uptime[key].usableHours)}</td>
                <td>{pf.duration(status.uptime[key].downMinutes * 60)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section>
        <h2>{t("incidents", { n: format.count(incidents.length) })}</h2>
        {incidents.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <div className="report-scroll">
            <table className="report-table incidents">
              <thead>
                <tr>
                  <th scope="col">{tp("incidents.state")}</th>
                  <th scope="col">{t("started")}</th>
                  <th scope="col">{t("ended")}</th>
                  <th scope="col">{tp("incidents.duration")}</th>
                  <th scope="col">{tp("incidents.firstError")}</th>
                </tr>
              </thead>
              <tbody>
                {incidents.map((i) => (
                  <tr key={i.startedAt.getTime()}>
                    <td>{pf.state(i.state === "DOWN" ? "DOWN" : "DEGRADED")}</td>
                    <td>{pf.dayTimeSeconds(i.startedAt)}</td>
                    <td>{i.endedAt ? pf.dayTimeSeconds(i.endedAt) : t("ongoing")}</td>
                    <td>{pf.duration(i.durationSeconds)}</td>
                    <td>{i.firstError ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <footer className="report-footer">
        {t("footer", { when: ist(period.to), path: `/api/v1/probes/${id}/incidents?format=csv` })}
      </footer>
    </article>
  );
}
