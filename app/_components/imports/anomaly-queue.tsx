"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { parseAsInteger, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useErrorText } from "@/i18n/errors";
import { useFormat } from "@/i18n/format-hooks";

const RESOLUTIONS = ["ACCEPT_PORTAL", "KEEP_REGISTER", "DUPLICATE"] as const;
const SEXES = ["MALE", "FEMALE", "OTHER"] as const;

const queueParams = {
  status: parseAsStringLiteral(["OPEN", "RESOLVED"] as const).withDefault("OPEN"),
  page: parseAsInteger.withDefault(1),
};

export function AnomalyQueue() {
  const trpc = useTRPC();
  const t = useTranslations("anomalies");
  const tc = useTranslations("common");
  const ts = useTranslations("recordStatus");
  const tsex = useTranslations("sex");
  const format = useFormat();
  const errorText = useErrorText();
  const sex = (s: string) => ((SEXES as readonly string[]).includes(s) ? tsex(s as (typeof SEXES)[number]) : s);
  const status = (s: string) => (s === "PENDING" || s === "ENTERED" || s === "REJECTED" ? ts(s) : s);
  const resolution = (r: string | null) => (r && (RESOLUTIONS as readonly string[]).includes(r) ? t(`resolutions.${r as (typeof RESOLUTIONS)[number]}`) : (r ?? tc("unknown")));
  const queryClient = useQueryClient();
  const [params, setParams] = useQueryStates(queueParams, { history: "replace" });
  const list = useQuery(trpc.anomalies.list.queryOptions({ status: params.status, page: Math.max(1, params.page), pageSize: 20 }));
  // A resolution changes a record's status: it applies only after the user has read what will change.
  const [asked, setAsked] = useState<{ id: number; resolution: (typeof RESOLUTIONS)[number]; recordId?: number; serial?: string } | null>(null);
  const resolve = useMutation(
    trpc.anomalies.resolve.mutationOptions({
      onSuccess: () => {
        setAsked(null);
        void queryClient.invalidateQueries({ queryKey: trpc.anomalies.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.backlog.pathKey() });
      },
    }),
  );
  return (
    <>
      <label>
        {t("show")}{" "}
        <select value={params.status} onChange={(e) => void setParams({ status: e.target.value as "OPEN" | "RESOLVED", page: 1 })}>
          <option value="OPEN">{t("open")}</option>
          <option value="RESOLVED">{t("resolved")}</option>
        </select>
      </label>
      {resolve.error ? <p className="form-error" role="alert">{errorText(resolve.error)}</p> : null}
      <QueryState query={list}>
        {(page) => (
          <>
            <p className="muted" data-testid="anomaly-total">
              {t("total", { total: format.count(page.total), status: params.status, n: page.total })}
            </p>
            {page.rows.map((a) => (
              <article key={a.id} className="card anomaly" aria-label={t("cardLabel", { id: String(a.id) })}>
                <h2>
                  {t(`kinds.${a.kind}`)} <span className="muted">· {a.block ?? t("unknownBlock")} · #{a.id}</span>
                </h2>
                <p>{a.portal.explanation}</p>
                <div className="evidence">
                  <section className="card">
                    <h3>{t("portal", { ref: a.portal.portalRef })}</h3>
                    <p>
                      {a.portal.beneficiaryName} · {t("born", { year: String(a.portal.birthYear) })} · {sex(a.portal.sex)}
                      <br />
                      {t("dose", { n: String(a.portal.dose) })} · {t("vaccinated", { when: format.dateTime(a.portal.vaccinatedAt) })}
                      <br />
                      {a.portal.site ?? "—"}, {a.portal.block} · {t("entered", { when: format.dateTime(a.portal.enteredAt) })}
                      <br />
                      {a.portal.idMasked} · {a.portal.mobileMasked}
                    </p>
                  </section>
                  {a.records.length === 0 ? (
                    <section className="card">
                      <h3>{t("register")}</h3>
                      <p>{t("noRow")}</p>
                    </section>
                  ) : (
                    a.records.map((r) => (
                      <section key={r.id} className="card">
                        <h3>{t("registerSerial", { serial: r.registerSerial })}</h3>
                        <p>
                          {r.beneficiaryName} · {t("born", { year: String(r.birthYear) })} · {sex(r.sex)}
                          <br />
                          {t("dose", { n: String(r.dose) })} ({r.vaccine}) · {t("vaccinated", { when: format.dateTime(r.vaccinatedAt) })}
                          <br />
                          {r.site} · {status(r.status)}
                          {r.portalRef ? ` (${r.portalRef})` : ""}
                          <br />
                          {r.idMasked} · {r.mobileMasked}
                        </p>
                        {a.status === "OPEN" && a.kind === "AMBIGUOUS_MATCH" ? (
                          <button type="button" onClick={() => setAsked({ id: a.id, resolution: "ACCEPT_PORTAL", recordId: r.id, serial: r.registerSerial })}>
                            {t("thisOne")}
                          </button>
                        ) : null}
                      </section>
                    ))
                  )}
                </div>
                {a.status === "OPEN" && asked?.id === a.id ? (
                  <div className="confirm-box" role="group" aria-label={t("confirmLabel")}>
                    <p data-testid="anomaly-confirm">
                      {asked.resolution === "ACCEPT_PORTAL"
                        ? a.kind === "NO_REGISTER_ROW"
                          ? t("willAcceptNoRow", { ref: a.portal.portalRef })
                          : t("willAccept", { serial: asked.serial ?? a.records[0]?.registerSerial ?? "?", ref: a.portal.portalRef })
                        : asked.resolution === "KEEP_REGISTER"
                          ? t("willKeep")
                          : t("willDuplicate")}
                    </p>
                    <div className="actions-row">
                      <button type="button" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: asked.id, resolution: asked.resolution, recordId: asked.recordId })}>
                        {t("confirm", { resolution: t(`resolutions.${asked.resolution}`) })}
                      </button>
                      <button type="button" onClick={() => setAsked(null)}>
                        {tc("cancel")}
                      </button>
                    </div>
                  </div>
                ) : a.status === "OPEN" ? (
                  <div className="actions-row">
                    {RESOLUTIONS.filter((value) => value !== "ACCEPT_PORTAL" || a.kind !== "AMBIGUOUS_MATCH").map((value) => (
                      <button key={value} type="button" disabled={resolve.isPending} onClick={() => setAsked({ id: a.id, resolution: value, serial: a.records[0]?.registerSerial })}>
                        {t(`resolutions.${value}`)}
                      </button>
                    ))}
                  </div>
                ) : (
                  <p className="muted">
                    {t("resolvedLine", {
                      resolution: resolution(a.resolution),
                      by: a.resolvedBy?.displayName ?? tc("unknown"),
                      when: a.resolvedAt ? format.dateTime(a.resolvedAt) : tc("unknown"),
                    })}
                    {a.resolutionNote ? ` — ${a.resolutionNote}` : ""}
                  </p>
                )}
              </article>
            ))}
            <nav className="pager" aria-label={tc("pages")}>
              <button type="button" disabled={page.page <= 1} onClick={() => void setParams({ page: page.page - 1 })}>
                {tc("previous")}
              </button>
              <span>{tc("page", { page: format.count(page.page) })}</span>
              <button type="button" disabled={page.page * page.pageSize >= page.total} onClick={() => void setParams({ page: page.page + 1 })}>
                {tc("next")}
              </button>
            </nav>
          </>
        )}
      </QueryState>
    </>
  );
}
