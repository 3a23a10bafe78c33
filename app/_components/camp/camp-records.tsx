"use client";

import { useTranslations } from "next-intl";
import type { StoredCampRecord } from "@/app/_components/camp/camp-store";

type Props = { records: readonly StoredCampRecord[]; onEdit: (r: StoredCampRecord) => void; onDelete: (r: StoredCampRecord) => void };

/** The entries on this phone, newest first, each with its state; a rejected one says why and can be corrected. */
export function CampRecords({ records, onEdit, onDelete }: Props) {
  const t = useTranslations("camp");
  const server = useTranslations("errors.server.camp");
  const label = { waiting: t("stateWaiting"), synced: t("stateSynced"), rejected: t("stateRejected") } as const;
  const reasonOf = (r: StoredCampRecord) => {
    if (!r.reasonKey) return r.reason ?? "";
    const params = { ...(r.params ?? {}) };
    if (params.by) params.by = server(params.by as "byDevice");
    try {
      return server(r.reasonKey as "invalid", params as { detail: string });
    } catch {
      return r.reason ?? "";
    }
  };
  return (
    <section className="camp-records" aria-labelledby="camp-records-title">
      <h2 id="camp-records-title">{t("records")}</h2>
      {records.length === 0 ? <p>{t("noRecords")}</p> : null}
      <ul>
        {records.slice(0, 100).map((r) => (
          <li key={r.clientId} className={`camp-record state-${r.state}`} data-testid="camp-record" data-state={r.state}>
            <span className="camp-record-main">
              <strong>{r.name}</strong> · {r.registerSerial} · {t("dose")} {r.dose} · XXXX{r.idLast4}
            </span>
            <span className="camp-badge">{label[r.state]}</span>
            {r.state === "rejected" ? (
              <>
                <p className="camp-reason" data-testid="camp-reason">
                  {reasonOf(r)}
                </p>
                <span className="camp-record-actions">
                  <button type="button" onClick={() => onEdit(r)}>
                    {t("edit")}
                  </button>
                  <button type="button" className="link-button" onClick={() => onDelete(r)}>
                    {t("delete")}
                  </button>
                </span>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
