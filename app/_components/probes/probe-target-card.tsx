"use client";

import { useTranslations } from "next-intl";
import type { RouterOutputs } from "@/app/_trpc/types";
import { formatMs, stateClass, UPTIME_WINDOW_SPANS, useProbeFormat, type ProbeStateName } from "@/app/_components/probes/probe-format";

export type ProbeTargetRow = RouterOutputs["probes"]["listTargets"][number];

export function StateBadge({ state, enabled = true }: { state: ProbeStateName | null; enabled?: boolean }) {
  const t = useTranslations("probes");
  const pf = useProbeFormat();
  if (!enabled) return <span className="state-badge state-paused">{t("states.PAUSED")}</span>;
  return <span className={`state-badge ${stateClass(state)}`}>{pf.state(state)}</span>;
}

type Props = { target: ProbeTargetRow; selected: boolean; onSelect: () => void; canEdit: boolean; onEdit: () => void };

/** One target at a glance: state in words, since when, latency, and uptime per window with usable hours. */
export function ProbeTargetCard({ target, selected, onSelect, canEdit, onEdit }: Props) {
  const t = target;
  const tr = useTranslations("probes");
  const pf = useProbeFormat();
  return (
    <article className={`card probe-card${selected ? " selected" : ""}`} aria-labelledby={`probe-${t.id}-name`} data-testid={`probe-card-${t.id}`}>
      <header className="probe-card-head">
        <h3 id={`probe-${t.id}-name`}>{t.name}</h3>
        <StateBadge state={t.state} enabled={t.enabled} />
      </header>
      <p className="probe-url muted">
        {t.method} {t.url}
      </p>
      <dl className="facts probe-facts">
        <dt>{tr("card.since")}</dt>
        <dd>{t.stateSince ? `${pf.dayTime(t.stateSince)} IST` : "—"}</dd>
        <dt>{tr("card.lastCheck")}</dt>
        <dd>
          {t.lastCheckedAt ? `${pf.dayTime(t.lastCheckedAt)} IST` : tr("card.notChecked")}
          {t.lastLatencyMs !== null ? `, ${formatMs(t.lastLatencyMs)}` : ""}
          {t.lastStatusCode !== null ? `, HTTP ${t.lastStatusCode}` : ""}
        </dd>
        {t.lastError ? (
          <>
            <dt>{tr("card.lastError")}</dt>
            <dd className="probe-error">{t.lastError}</dd>
          </>
        ) : null}
        <dt>{tr("card.latency24h")}</dt>
        <dd>
          p50 {formatMs(t.latency24h.p50)} · p95 {formatMs(t.latency24h.p95)} <span className="muted">({tr("slowAbove", { ms: formatMs(t.slowMs) })})</span>
        </dd>
      </dl>
      {t.openIncident ? (
        <p className={`notice ${t.openIncident.state === "DOWN" ? "error" : "warn"} probe-open`} role="status">
          {tr("card.openIncident", {
            state: pf.state(t.openIncident.state === "DOWN" ? "DOWN" : "DEGRADED"),
            duration: pf.duration(t.openIncident.durationSeconds),
          })}
          {t.openIncident.firstError ? ` — ${t.openIncident.firstError}` : ""}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data-table compact uptime-table">
          <caption className="sr-only">{tr("card.uptimeCaption", { name: t.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{tr("card.window")}</th>
              <th scope="col" className="num">
                {tr("card.uptime")}
              </th>
              <th scope="col" className="num">
                {tr("card.usableHours")}
              </th>
              <th scope="col" className="num">
                {tr("card.down")}
              </th>
            </tr>
          </thead>
          <tbody>
            {UPTIME_WINDOW_SPANS.map(([key, unit, n]) => {
              const u = t.uptime[key];
              return (
                <tr key={key}>
                  <th scope="row">{unit === "h" ? tr("units.hours", { n: String(n) }) : tr("units.days", { n: String(n) })}</th>
                  <td className="num">{pf.percent(u.upPercent)}</td>
                  <td className="num">{pf.hours(u.usableHours)}</td>
                  <td className="num">{pf.duration(u.downMinutes * 60)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="actions-row probe-card-actions">
        <button type="button" onClick={onSelect} aria-pressed={selected}>
          {selected ? tr("card.showingDetails") : tr("card.showDetails")}
        </button>
        {canEdit ? (
          <button type="button" onClick={onEdit}>
            {tr("card.editTarget")}
          </button>
        ) : null}
      </div>
    </article>
  );
}
