"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { ProbeTargetCard } from "@/app/_components/probes/probe-target-card";
import { ProbeTargetDetail } from "@/app/_components/probes/probe-target-detail";
import { ProbeTargetForm } from "@/app/_components/probes/probe-target-form";
import { ProbeFieldReach } from "@/app/_components/probes/probe-field-reach";
import { ProbeFieldOutages } from "@/app/_components/probes/probe-field-outages";
import { ProbeAlertsList } from "@/app/_components/probes/probe-alerts-list";
import { ProbeAlertSettings } from "@/app/_components/probes/probe-alert-settings";

/** Editing state: nothing, a new target, or the target with this id. */
type Editing = null | "new" | number;

/** Refresh as often as the fastest enabled target is checked, between 5 s and 30 s. */
function refreshMs(rows: readonly { enabled: boolean; intervalSeconds: number }[] | undefined): number {
  const fastest = Math.min(30, ...(rows ?? []).filter((t) => t.enabled).map((t) => t.intervalSeconds));
  return Math.max(5, fastest) * 1000;
}

/** The probes page: every role reads it; only the district officer gets the edit controls. */
export function ProbeDashboard({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("probes");
  const targets = useQuery(trpc.probes.listTargets.queryOptions(undefined, { refetchInterval: (query) => refreshMs(query.state.data) }));
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  return (
    <>
      <div className="page-title">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
      </div>
      <QueryState query={targets}>
        {(rows) => {
          const selected = rows.find((t) => t.id === selectedId) ?? rows.find((t) => t.enabled) ?? rows[0] ?? null;
          const editTarget = typeof editing === "number" ? (rows.find((t) => t.id === editing) ?? null) : null;
          return (
            <>
              <div className="section-head">
                <h2>{t("targets")}</h2>
                {canEdit && editing === null ? (
                  <button type="button" className="primary" onClick={() => setEditing("new")}>
                    {t("addTarget")}
                  </button>
                ) : null}
              </div>
              {canEdit && editing !== null ? (
                <ProbeTargetForm
                  key={editing}
                  target={editTarget}
                  onDone={(id) => {
                    setEditing(null);
                    if (id !== null) setSelectedId(id);
                  }}
                />
              ) : null}
              {rows.length === 0 ? (
                <p className="notice">
                  {t("noTargets")}
                  {canEdit ? ` ${t("noTargetsEdit")}` : ""}
                </p>
              ) : null}
              <div className="probe-cards">
                {rows.map((t) => (
                  <ProbeTargetCard key={t.id} target={t} selected={selected?.id === t.id} onSelect={() => setSelectedId(t.id)} canEdit={canEdit} onEdit={() => setEditing(t.id)} />
                ))}
              </div>
              {selected ? <ProbeTargetDetail key={selected.id} target={selected} canEdit={canEdit} refreshMs={refreshMs([selected])} /> : null}
            </>
          );
        }}
      </QueryState>
      <ProbeFieldReach />
      <ProbeFieldOutages />
      <ProbeAlertsList />
      {canEdit ? <ProbeAlertSettings /> : null}
    </>
  );
}
