"use client";

import { IST_ISO_OFFSET } from "@/core/time/ist";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { ServerErrors } from "@/app/_components/probes/probe-errors";
import { useProbeFormat } from "@/app/_components/probes/probe-format";

/** A datetime-local value ("2021-06-24T22:00") read as IST, whatever the device's zone. */
function istInput(value: string): Date {
  return new Date(value ? `${value}:00${IST_ISO_OFFSET}` : "invalid");
}

/** Planned work on a target: checks inside a window count as MAINTENANCE and are left out of uptime. */
export function ProbeMaintenance({ targetId, canEdit }: { targetId: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("probes.maintenance");
  const pf = useProbeFormat();
  const queryClient = useQueryClient();
  const windows = useQuery(trpc.probes.listMaintenance.queryOptions({ id: targetId }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.probes.pathKey() });
  const create = useMutation(trpc.probes.createMaintenance.mutationOptions({ onSuccess: () => { refresh(); setForm({ startsAt: "", endsAt: "", reason: "" }); } }));
  const remove = useMutation(trpc.probes.deleteMaintenance.mutationOptions({ onSuccess: refresh }));
  const [form, setForm] = useState({ startsAt: "", endsAt: "", reason: "" });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ targetId, startsAt: istInput(form.startsAt), endsAt: istInput(form.endsAt), reason: form.reason });
  };

  return (
    <section aria-labelledby="maintenance-title" data-testid="maintenance">
      <h3 id="maintenance-title">{t("title")}</h3>
      <QueryState query={windows}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t("empty")}</p>
          ) : (
            <ul className="plain-list">
              {rows.map((w) => (
                <li key={w.id}>
                  {pf.span(w.startsAt, w.endsAt)} — {w.reason}
                  {w.active ? <strong> {t("now")}</strong> : null}
                  {canEdit ? (
                    <button type="button" className="link-button" onClick={() => remove.mutate({ id: w.id })} disabled={remove.isPending} aria-label={t("deleteLabel", { span: pf.span(w.startsAt, w.endsAt) })}
                    >
                      {t("delete")}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <ServerErrors error={remove.error} />
      {canEdit ? (
        <form className="form inline maintenance-form" onSubmit={submit} aria-label={t("formLabel")}>
          <div className="form-grid">
            <label>
              {t("starts")}
              <input type="datetime-local" value={form.startsAt} onChange={(e) => setForm((f) => ({ ...f, startsAt: e.target.value }))} required />
            </label>
            <label>
              {t("ends")}
              <input type="datetime-local" value={form.endsAt} onChange={(e) => setForm((f) => ({ ...f, endsAt: e.target.value }))} required />
            </label>
          </div>
          <label>
            {t("reason")}
            <input type="text" value={form.reason} onChange={(e) => setForm((f) => ({ ...f, reason: e.target.value }))} placeholder={t("reasonPlaceholder")} />
          </label>
          <ServerErrors error={create.error} />
          <div>
            <button type="submit" disabled={create.isPending}>
              {t("submit")}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
