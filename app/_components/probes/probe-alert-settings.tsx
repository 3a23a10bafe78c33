"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { ServerErrors } from "@/app/_components/probes/probe-errors";

type Settings = { webhookUrl: string | null; downAfterMinutes: number };

/** District officer only: where alerts are POSTed, and how long a target must be DOWN before one is raised. */
export function ProbeAlertSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.probes.getAlertSettings.queryOptions());
  const t = useTranslations("probes.settings");
  return (
    <section aria-labelledby="alert-settings-title" className="card">
      <h3 id="alert-settings-title">{t("title")}</h3>
      <QueryState query={settings}>{(data) => <SettingsForm key={`${data.webhookUrl}-${data.downAfterMinutes}`} initial={data} />}</QueryState>
    </section>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const trpc = useTRPC();
  const t = useTranslations("probes.settings");
  const queryClient = useQueryClient();
  const [webhookUrl, setWebhookUrl] = useState(initial.webhookUrl ?? "");
  const [minutes, setMinutes] = useState(String(initial.downAfterMinutes));
  const save = useMutation(trpc.probes.setAlertSettings.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.probes.getAlertSettings.queryKey() }) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ webhookUrl: webhookUrl.trim() === "" ? null : webhookUrl.trim(), downAfterMinutes: minutes.trim() === "" ? Number.NaN : Number(minutes) });
  };
  return (
    <form className="form wide" onSubmit={submit} aria-label={t("title")}>
      <label>
        {t("webhook")}
        <input type="url" value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} placeholder="https://example.org/hooks/teeka" />
        <small className="muted">{t("webhookHelp")}</small>
      </label>
      <label>
        {t("downMinutes")}
        <input type="number" inputMode="numeric" min={0} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        <small className="muted">{t("downMinutesHelp")}</small>
      </label>
      <ServerErrors error={save.error} />
      {save.isSuccess ? <p className="ok-text" role="status">
          {t("saved")}
        </p> : null}
      <div>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t("save")}
        </button>
      </div>
    </form>
  );
}
