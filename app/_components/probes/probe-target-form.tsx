"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { ServerErrors } from "@/app/_components/probes/probe-errors";
import type { ProbeTargetRow } from "@/app/_components/probes/probe-target-card";

type Values = {
  name: string;
  url: string;
  method: "GET" | "HEAD";
  expectedStatus: string;
  keyword: string;
  intervalSeconds: string;
  timeoutMs: string;
  slowMs: string;
  retries: string;
  enabled: boolean;
};

const DEFAULTS: Values = { name: "", url: "", method: "GET", expectedStatus: "200", keyword: "", intervalSeconds: "60", timeoutMs: "10000", slowMs: "3000", retries: "2", enabled: true };

function fromTarget(t: ProbeTargetRow): Values {
  return {
    name: t.name,
    url: t.url,
    method: t.method,
    expectedStatus: t.expectedStatus.join(", "),
    keyword: t.keyword ?? "",
    intervalSeconds: String(t.intervalSeconds),
    timeoutMs: String(t.timeoutMs),
    slowMs: String(t.slowMs),
    retries: String(t.retries),
    enabled: t.enabled,
  };
}

/** Numbers go to the server as typed (NaN included) so that its validation message, not ours, is shown. */
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

function toInput(v: Values) {
  return {
    name: v.name,
    url: v.url,
    method: v.method,
    expectedStatus: v.expectedStatus.split(/[\s,]+/).filter(Boolean).map(Number),
    keyword: v.keyword.trim() === "" ? null : v.keyword,
    intervalSeconds: num(v.intervalSeconds),
    timeoutMs: num(v.timeoutMs),
    slowMs: num(v.slowMs),
    retries: num(v.retries),
    enabled: v.enabled,
  };
}

/** Add a target (no `target`) or edit one; district officer only (the server refuses everyone else). */
export function ProbeTargetForm({ target, onDone }: { target: ProbeTargetRow | null; onDone: (id: number | null) => void }) {
  const trpc = useTRPC();
  const t = useTranslations("probes.form");
  const probes = useTranslations("probes");
  const common = useTranslations("common");
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(target ? fromTarget(target) : DEFAULTS);
  const done = (id: number) => {
    void queryClient.invalidateQueries({ queryKey: trpc.probes.pathKey() });
    onDone(id);
  };
  const create = useMutation(trpc.probes.createTarget.mutationOptions({ onSuccess: (t) => done(t.id) }));
  const update = useMutation(trpc.probes.updateTarget.mutationOptions({ onSuccess: (t) => done(t.id) }));
  const mutation = target ? update : create;
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(values);
    if (target) update.mutate({ id: target.id, patch: input });
    else create.mutate(input);
  };

  const title = target ? t("editTitle", { name: target.name }) : t("addTitle");
  const field = (key: "name" | "url" | "keyword" | "expectedStatus" | "intervalSeconds" | "timeoutMs" | "slowMs" | "retries", label: string, hint?: string, type = "text") => (
    <label>
      {label}
      <input type={type} name={key} value={values[key]} onChange={(e) => set(key, e.target.value)} inputMode={type === "number" ? "numeric" : undefined} />
      {hint ? <small className="muted">{hint}</small> : null}
    </label>
  );
  return (
    <form className="form wide probe-form card" onSubmit={submit} aria-label={title} data-testid="probe-target-form">
      <h3>{title}</h3>
      {field("name", t("name"), t("nameHint"))}
      {field("url", t("url"), t("urlHint"), "url")}
      <label>
        {t("method")}
        <select name="method" value={values.method} onChange={(e) => set("method", e.target.value as Values["method"])}>
          <option value="GET">GET</option>
          <option value="HEAD">HEAD</option>
        </select>
      </label>
      {field("expectedStatus", t("expectedStatus"), t("expectedStatusHint"))}
      {field("keyword", t("keyword"), t("keywordHint"))}
      <div className="form-grid">
        {field("intervalSeconds", t("interval"), "5–3600", "number")}
        {field("timeoutMs", t("timeout"), t("timeoutHint"), "number")}
        {field("slowMs", t("slow"), t("slowHint"), "number")}
        {field("retries", t("retries"), "0–10", "number")}
      </div>
      <label className="checkbox">
        <input type="checkbox" name="enabled" checked={values.enabled} onChange={(e) => set("enabled", e.target.checked)} /> {t("enabled")}
      </label>
      <ServerErrors error={mutation.error} />
      <div className="actions-row">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? t("saving") : target ? t("saveChanges") : probes("addTarget")}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {common("cancel")}
        </button>
      </div>
    </form>
  );
}
