"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { parseAsInteger, parseAsStringLiteral, useQueryStates } from "nuqs";
import { useTRPC } from "@/app/_trpc/client";
import type { RouterOutputs } from "@/app/_trpc/types";
import { QueryState } from "@/app/_components/query-state";
import { formatCount, formatIstDateTime } from "@/app/_components/format";

type Anomaly = RouterOutputs["anomalies"]["list"]["rows"][number];

const KIND_LABELS: Record<Anomaly["kind"], string> = {
  DOSE_MISMATCH: "Dose differs (register vs portal)",
  NO_REGISTER_ROW: "On the portal, not in the register",
  AMBIGUOUS_MATCH: "Two or more possible register rows",
  DATE_MISMATCH: "Vaccination dates more than a day apart",
};

const RESOLUTIONS = [
  ["ACCEPT_PORTAL", "Accept the portal's version"],
  ["KEEP_REGISTER", "Keep the register's"],
  ["DUPLICATE", "Mark as duplicate"],
] as const;

const queueParams = {
  status: parseAsStringLiteral(["OPEN", "RESOLVED"] as const).withDefault("OPEN"),
  page: parseAsInteger.withDefault(1),
};

export function AnomalyQueue() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [params, setParams] = useQueryStates(queueParams, { history: "replace" });
  const list = useQuery(trpc.anomalies.list.queryOptions({ status: params.status, page: Math.max(1, params.page), pageSize: 20 }));
  const resolve = useMutation(
    trpc.anomalies.resolve.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.anomalies.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.backlog.pathKey() });
      },
    }),
  );
  return (
    <>
      <label>
        Show{" "}
        <select value={params.status} onChange={(e) => void setParams({ status: e.target.value as "OPEN" | "RESOLVED", page: 1 })}>
          <option value="OPEN">Open</option>
          <option value="RESOLVED">Resolved</option>
        </select>
      </label>
      {resolve.error ? <p className="form-error" role="alert">{resolve.error.message}</p> : null}
      <QueryState query={list}>
        {(page) => (
          <>
            <p className="muted" data-testid="anomaly-total">
              {formatCount(page.total)} {params.status.toLowerCase()} anomal{page.total === 1 ? "y" : "ies"}
            </p>
            {page.rows.map((a) => (
              <article key={a.id} className="card anomaly" aria-label={`Anomaly ${a.id}`}>
                <h2>
                  {KIND_LABELS[a.kind]} <span className="muted">· {a.block ?? "unknown block"} · #{a.id}</span>
                </h2>
                <p>{a.portal.explanation}</p>
                <div className="evidence">
                  <section className="card">
                    <h3>Portal ({a.portal.portalRef})</h3>
                    <p>
                      {a.portal.beneficiaryName} · born {a.portal.birthYear} · {a.portal.sex}
                      <br />
                      Dose {a.portal.dose} · vaccinated {formatIstDateTime(a.portal.vaccinatedAt)}
                      <br />
                      {a.portal.site ?? "—"}, {a.portal.block} · entered {formatIstDateTime(a.portal.enteredAt)}
                      <br />
                      {a.portal.idMasked} · {a.portal.mobileMasked}
                    </p>
                  </section>
                  {a.records.length === 0 ? (
                    <section className="card">
                      <h3>Register</h3>
                      <p>No matching register row.</p>
                    </section>
                  ) : (
                    a.records.map((r) => (
                      <section key={r.id} className="card">
                        <h3>Register {r.registerSerial}</h3>
                        <p>
                          {r.beneficiaryName} · born {r.birthYear} · {r.sex}
                          <br />
                          Dose {r.dose} ({r.vaccine}) · vaccinated {formatIstDateTime(r.vaccinatedAt)}
                          <br />
                          {r.site} · {r.status}
                          {r.portalRef ? ` (${r.portalRef})` : ""}
                          <br />
                          {r.idMasked} · {r.mobileMasked}
                        </p>
                        {a.status === "OPEN" && a.kind === "AMBIGUOUS_MATCH" ? (
                          <button type="button" onClick={() => resolve.mutate({ id: a.id, resolution: "ACCEPT_PORTAL", recordId: r.id })}>
                            This is the one: accept the portal&apos;s version
                          </button>
                        ) : null}
                      </section>
                    ))
                  )}
                </div>
                {a.status === "OPEN" ? (
                  <div className="actions-row">
                    {RESOLUTIONS.filter(([value]) => value !== "ACCEPT_PORTAL" || a.kind !== "AMBIGUOUS_MATCH").map(([value, label]) => (
                      <button key={value} type="button" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: a.id, resolution: value })}>
                        {label}
                      </button>
                    ))}
                  </div>
                ) : (
                  <p className="muted">
                    Resolved: {a.resolution} by {a.resolvedBy?.displayName ?? "?"} on {a.resolvedAt ? formatIstDateTime(a.resolvedAt) : "?"}
                    {a.resolutionNote ? ` — ${a.resolutionNote}` : ""}
                  </p>
                )}
              </article>
            ))}
            <nav className="pager" aria-label="Pages">
              <button type="button" disabled={page.page <= 1} onClick={() => void setParams({ page: page.page - 1 })}>
                ‹ Previous
              </button>
              <span>Page {page.page}</span>
              <button type="button" disabled={page.page * page.pageSize >= page.total} onClick={() => void setParams({ page: page.page + 1 })}>
                Next ›
              </button>
            </nav>
          </>
        )}
      </QueryState>
    </>
  );
}
