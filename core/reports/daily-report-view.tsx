/**
 * The daily review report as markup. Pure and hook-free: the page renders it as a server component and the PDF
 * route renders it to static HTML (server/reports/daily-report-html.ts), from the same DailyReport data.
 */
import type { DailyReport } from "@/server/services/reports/daily-report";
import { reportFormat, type ReportLang } from "@/core/reports/daily-report-text";

type Props = { report: DailyReport; lang: ReportLang };
type Fmt = ReturnType<typeof reportFormat>;

export function DailyReportView({ report, lang }: Props) {
  const f = reportFormat(lang);
  const { t } = f;
  const place = lang === "hi" ? report.scope.districtHi : report.scope.district;
  const scopeLabel = report.scope.kind === "district" ? t.scopeDistrict(place) : t.scopeBlock(f.blockName(report.scope), place);
  return (
    <article className="daily-report" lang={t.htmlLang}>
      <header className="dr-head">
        <div>
          <h1>{t.title}</h1>
          <p>{scopeLabel}</p>
        </div>
        <div className="dr-meta">
          <p>{t.generatedAt(f.dateTime(report.generatedAt))}</p>
          <p className="dr-note">{t.deadlineNote(report.deadlineHours)}</p>
        </div>
      </header>
      <div className="dr-grid">
        <BacklogSection report={report} f={f} />
        <RiskSection report={report} f={f} />
        <CampsSection report={report} f={f} />
        <div>
          <PortalSection report={report} f={f} />
          <AnomaliesSection report={report} f={f} />
        </div>
      </div>
      <footer>{t.footer}</footer>
    </article>
  );
}

function BacklogSection({ report, f }: { report: DailyReport; f: Fmt }) {
  const { t } = f;
  const d = report.backlog.district;
  return (
    <section aria-labelledby="dr-backlog">
      <h2 id="dr-backlog">{t.backlogHeading}</h2>
      <table>
        <thead>
          <tr>
            <th>{t.block}</th>
            <th className="n">{t.pending}</th>
            <th className="n">{t.overdue}</th>
            <th className="n">{t.dueWithin6h}</th>
          </tr>
        </thead>
        <tbody>
          {report.backlog.blocks.map((b) => (
            <tr key={b.blockId}>
              <td>{f.blockName(b)}</td>
              <td className="n">{f.count(b.pending)}</td>
              <td className="n">{f.count(b.overdue)}</td>
              <td className="n">{f.count(b.dueWithin6h)}</td>
            </tr>
          ))}
          {report.scope.kind === "district" ? (
            <tr className="dr-total">
              <td>{t.districtTotal}</td>
              <td className="n">{f.count(d.pending)}</td>
              <td className="n">{f.count(d.overdue)}</td>
              <td className="n">{f.count(d.dueWithin6h)}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}

/** The report is one A4 page: the worst at-risk blocks are listed, the rest are counted (the CSV has them all). */
const AT_RISK_SHOWN = 6;

function RiskSection({ report, f }: { report: DailyReport; f: Fmt }) {
  const { t } = f;
  const { overdueBlocks, rateWindowWorkingHours } = report.risk;
  const atRiskBlocks = report.risk.atRiskBlocks.slice(0, AT_RISK_SHOWN);
  const moreAtRisk = report.risk.atRiskBlocks.length - atRiskBlocks.length;
  return (
    <section aria-labelledby="dr-risk">
      <h2 id="dr-risk">{t.riskHeading}</h2>
      <h3>{t.overdueBlocksHeading}</h3>
      {overdueBlocks.length === 0 ? (
        <p>{t.noOverdue}</p>
      ) : (
        <ul className="dr-list">
          {overdueBlocks.map((b) => (
            <li key={b.blockId}>
              {f.blockName(b)} <span className="dr-warn">{f.count(b.overdue)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t.atRiskHeading(rateWindowWorkingHours)}</h3>
      {atRiskBlocks.length === 0 ? (
        <p>{t.noAtRisk}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.block}</th>
              <th className="n">{t.pending}</th>
              <th className="n">{t.willMiss}</th>
              <th className="n">{t.ratePerHour}</th>
              <th>{t.clearsAt}</th>
            </tr>
          </thead>
          <tbody>
            {atRiskBlocks.map((b) => (
              <tr key={b.blockId}>
                <td>
                  {f.blockName(b)}{" "}
                  {b.status === "AT_RISK" ? null : <span className="dr-tag dr-tag-risk">{t.forecastStatus[b.status]}</span>}
                </td>
                <td className="n">{f.count(b.pending)}</td>
                <td className="n dr-warn">{f.count(b.willCrossDeadline)}</td>
                <td className="n">{b.ratePerHour === null ? "–" : f.decimal(b.ratePerHour)}</td>
                <td className="t">{b.clearsAt ? f.shortDateTime(b.clearsAt) : t.never}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {moreAtRisk > 0 ? <p className="dr-note">{t.moreAtRisk(moreAtRisk)}</p> : null}
    </section>
  );
}

function CampsSection({ report, f }: { report: DailyReport; f: Fmt }) {
  const { t } = f;
  const c = report.camps;
  const perSite = report.scope.kind === "block";
  return (
    <section aria-labelledby="dr-camps">
      <h2 id="dr-camps">{t.campsHeading}</h2>
      {c.day === null ? (
        <p>{t.noCampsEver}</p>
      ) : (
        <>
          <p className={c.isYesterday ? undefined : "dr-warn"}>{c.isYesterday ? t.campsYesterday(f.day(c.day)) : t.noCampsYesterday(f.day(c.yesterday), f.day(c.day))}</p>
          {c.megaCamp ? <p className="dr-note">{t.megaCamp(c.megaCamp)}</p> : null}
          <table>
            <thead>
              <tr>
                <th>{perSite ? t.site : t.block}</th>
                {perSite ? null : <th className="n">{t.campsCount}</th>}
                <th className="n">{t.vaccinated}</th>
                <th className="n">{t.entered}</th>
                <th className="n">{t.pending}</th>
                <th className="n">{t.rejected}</th>
              </tr>
            </thead>
            <tbody>
              {c.rows.map((r) => (
                <tr key={r.label}>
                  <td>{f.lang === "hi" ? r.labelHi : r.label}</td>
                  {perSite ? null : <td className="n">{f.count(r.camps)}</td>}
                  <td className="n">{f.count(r.vaccinated)}</td>
                  <td className="n">{f.count(r.entered)}</td>
                  <td className="n">{f.count(r.pending)}</td>
                  <td className="n">{f.count(r.rejected)}</td>
                </tr>
              ))}
              <tr className="dr-total">
                <td>{t.total}</td>
                {perSite ? null : <td className="n">{f.count(c.totals.camps)}</td>}
                <td className="n">{f.count(c.totals.vaccinated)}</td>
                <td className="n">{f.count(c.totals.entered)}</td>
                <td className="n">{f.count(c.totals.pending)}</td>
                <td className="n">{f.count(c.totals.rejected)}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function PortalSection({ report, f }: { report: DailyReport; f: Fmt }) {
  const { t } = f;
  const { targets, window } = report.portal;
  return (
    <section aria-labelledby="dr-portal">
      <h2 id="dr-portal">{t.portalHeading}</h2>
      <p className="dr-note">{t.portalWindow(f.dateTime(window.from), f.dateTime(window.to))}</p>
      {targets.length === 0 ? <p>{t.noTargets}</p> : null}
      {targets.map((p) => (
        <div key={p.id}>
          <table>
            <thead>
              <tr>
                <th>{t.target}</th>
                <th className="n">{t.uptime}</th>
                <th className="n">{t.usableHours}</th>
                <th className="n">{t.downMinutes}</th>
                <th className="n">{t.slowMinutes}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  {p.name} {p.enabled ? null : <span className="dr-tag">{t.paused}</span>}
                </td>
                <td className="n dr-warn">{f.percent(p.upPercent)}</td>
                <td className="n">{f.decimal(p.usableHours)}</td>
                <td className="n">{f.decimal(p.downMinutes)}</td>
                <td className="n">{f.decimal(p.degradedMinutes)}</td>
              </tr>
            </tbody>
          </table>
          <h3>
            {t.incidents} — {p.name}
          </h3>
          {p.incidents.length === 0 ? (
            <p>{t.noIncidents}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>{t.start}</th>
                  <th>{t.end}</th>
                  <th className="n">{t.duration}</th>
                  <th>{t.state}</th>
                  <th>{t.firstError}</th>
                </tr>
              </thead>
              <tbody>
                {p.incidents.map((i) => (
                  <tr key={i.startedAt.toISOString()}>
                    <td className="t">{f.shortDateTime(i.startedAt)}</td>
                    <td className="t">{i.endedAt ? f.shortDateTime(i.endedAt) : t.ongoing}</td>
                    <td className="n">{f.duration(i.durationSeconds)}</td>
                    <td>{t.stateName[i.state]}</td>
                    <td className="dr-error">{i.firstError ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}

function AnomaliesSection({ report, f }: { report: DailyReport; f: Fmt }) {
  const { t } = f;
  const a = report.anomalies;
  return (
    <section aria-labelledby="dr-anomalies">
      <h2 id="dr-anomalies">{t.anomaliesHeading}</h2>
      {a.open === 0 ? (
        <p>{t.noAnomalies}</p>
      ) : (
        <>
          <p>{t.anomaliesOpen(f.count(a.open))}</p>
          <table>
            <thead>
              <tr>
                <th>{t.kind}</th>
                <th>{t.block}</th>
                <th className="n">{t.count}</th>
                <th>{t.oldest}</th>
              </tr>
            </thead>
            <tbody>
              {a.top.map((g) => (
                <tr key={`${g.kind}-${g.blockId ?? "none"}`}>
                  <td>{t.anomalyKind[g.kind]}</td>
                  <td>{g.block === null ? t.noBlock : f.blockName({ block: g.block, blockHi: g.blockHi ?? g.block })}</td>
                  <td className="n">{f.count(g.count)}</td>
                  <td className="t">{f.shortDateTime(g.oldestAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
