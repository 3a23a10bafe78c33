"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { useErrorText } from "@/i18n/errors";
import { MESSAGE_KINDS, type ChannelKind } from "@/core/contracts/alert-channels";
import type { RouterOutputs } from "@/app/_trpc/types";

type Channel = RouterOutputs["channels"]["list"][number];
type Config = Record<string, unknown>;

const str = (f: FormData, name: string) => String(f.get(name) ?? "").trim();

/** The form's fields as the provider's config (the server validates it again and says what is wrong). */
function configOf(kind: ChannelKind, f: FormData): Config {
  switch (kind) {
    case "EMAIL":
      return { host: str(f, "host"), port: Number(str(f, "port") || "587"), secure: f.get("secure") === "on", user: str(f, "user") || undefined, from: str(f, "from") };
    case "SMS":
      return {
        url: str(f, "url"),
        method: str(f, "method") === "GET" ? "GET" : "POST",
        headers: {},
        authHeader: str(f, "authHeader") || undefined,
        bodyTemplate: str(f, "bodyTemplate"),
        entityId: str(f, "entityId"),
        senderId: str(f, "senderId"),
        templateIds: Object.fromEntries(MESSAGE_KINDS.map((k) => [k, str(f, `tpl:${k}`)]).filter(([, v]) => v !== "")),
      };
    case "WHATSAPP":
      return { baseUrl: str(f, "baseUrl") || undefined, phoneNumberId: str(f, "phoneNumberId"), defaultTemplate: str(f, "defaultTemplate"), templates: {} };
    case "TELEGRAM":
      return { baseUrl: str(f, "baseUrl") || undefined };
  }
}

function Field({ name, label, value, type = "text", hint }: { name: string; label: string; value: unknown; type?: string; hint?: string }) {
  return (
    <label>
      {label}
      <input name={name} type={type} defaultValue={value === undefined || value === null ? "" : String(value)} />
      {hint ? <small>{hint}</small> : null}
    </label>
  );
}

/** One channel: its settings, a write-only secret, and Send test. */
export function ChannelForm({ channel, readOnly }: { channel: Channel; readOnly: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("alertSettings");
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const kind = channel.kind;
  const c = (channel.source === "own" ? (channel.config ?? {}) : {}) as Config;
  const [test, setTest] = useState<RouterOutputs["channels"]["sendTest"] | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.channels.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.channels.deliveries.queryKey() });
  };
  const save = useMutation(trpc.channels.upsert.mutationOptions({ onSuccess: refresh }));
  const send = useMutation(trpc.channels.sendTest.mutationOptions({ onSuccess: (d) => { setTest(d); refresh(); } }));

  function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const secret = str(f, "secret");
    save.mutate({ kind, config: configOf(kind, f), enabled: f.get("enabled") === "on", ...(secret ? { secret } : {}) } as never);
  }

  function onTest(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTest(null);
    send.mutate({ kind, to: str(new FormData(event.currentTarget), "to") });
  }

  const source = channel.source === "own" ? t("sourceOwn") : channel.source === "state" ? t("sourceState") : t("sourceNone");
  return (
    <section className="card" aria-labelledby={`ch-${kind}`} data-testid={`channel-${kind}`}>
      <h3 id={`ch-${kind}`}>
        {t(`kind_${kind}`)} <span className="badge">{source}</span> <span className="badge">{channel.secret === "set" ? t("secretSet") : t("secretNotSet")}</span>
      </h3>
      {readOnly ? null : (
        <form className="form wide" onSubmit={onSave}>
          {kind === "EMAIL" ? (
            <>
              <Field name="host" label={t("host")} value={c.host} />
              <Field name="port" label={t("port")} value={c.port ?? 587} type="number" />
              <label className="checkbox">
                <input type="checkbox" name="secure" defaultChecked={c.secure === true} /> {t("tls")}
              </label>
              <Field name="user" label={t("user")} value={c.user} />
              <Field name="from" label={t("from")} value={c.from} type="email" />
            </>
          ) : null}
          {kind === "SMS" ? (
            <>
              <Field name="url" label={t("url")} value={c.url} type="url" />
              <label>
                {t("method")}
                <select name="method" defaultValue={String(c.method ?? "POST")}>
                  <option>POST</option>
                  <option>GET</option>
                </select>
              </label>
              <Field name="authHeader" label={t("authHeader")} value={c.authHeader} />
              <label>
                {t("bodyTemplate")}
                <textarea name="bodyTemplate" rows={3} defaultValue={String(c.bodyTemplate ?? '{"to":"{to}","text":"{text}","pe_id":"{entityId}","sender":"{senderId}","template_id":"{templateId}"}')} />
                <small>{t("bodyTemplateHint", { to: "{to}", text: "{text}", entityId: "{entityId}", senderId: "{senderId}", templateId: "{templateId}" })}</small>
              </label>
              <Field name="entityId" label={t("entityId")} value={c.entityId} />
              <Field name="senderId" label={t("senderId")} value={c.senderId} />
              <fieldset>
                <legend>{t("templateIds")}</legend>
                {MESSAGE_KINDS.map((k) => (
                  <Field key={k} name={`tpl:${k}`} label={t(`message_${k}`)} value={(c.templateIds as Record<string, string> | undefined)?.[k]} />
                ))}
              </fieldset>
            </>
          ) : null}
          {kind === "WHATSAPP" ? (
            <>
              <Field name="baseUrl" label={t("baseUrl")} value={c.baseUrl ?? "https://graph.facebook.com/v21.0"} type="url" />
              <Field name="phoneNumberId" label={t("phoneNumberId")} value={c.phoneNumberId} />
              <Field name="defaultTemplate" label={t("defaultTemplate")} value={c.defaultTemplate} />
            </>
          ) : null}
          {kind === "TELEGRAM" ? <Field name="baseUrl" label={t("baseUrl")} value={c.baseUrl ?? "https://api.telegram.org"} type="url" /> : null}
          <label>
            {t(`secret_${kind}`)}
            <input name="secret" type="password" autoComplete="new-password" placeholder={channel.secret === "set" ? t("secretKeep") : ""} />
          </label>
          <label className="checkbox">
            <input type="checkbox" name="enabled" defaultChecked={channel.source !== "own" || channel.enabled} /> {t("enabled")}
          </label>
          <button type="submit" disabled={save.isPending}>
            {t("saveChannel")}
          </button>
          {save.error ? <p className="form-error" role="alert">{errorText(save.error)}</p> : null}
        </form>
      )}
      {channel.source !== null ? (
        <form className="form inline" onSubmit={onTest}>
          <label htmlFor={`to-${kind}`}>{t("testTo")}</label>
          <input id={`to-${kind}`} name="to" required inputMode={kind === "EMAIL" ? "email" : "tel"} />
          <button type="submit" className="primary" disabled={send.isPending}>
            {t("sendTest")}
          </button>
        </form>
      ) : null}
      {send.error ? <p className="form-error" role="alert">{errorText(send.error)}</p> : null}
      {test ? (
        <p role="status" className={test.status === "SENT" ? "notice ok" : "notice error"} data-testid={`test-result-${kind}`}>
          {t("testResult", { status: t(`status_${test.status}`) })}
          {test.error ? ` — ${test.error}` : ""}
        </p>
      ) : null}
    </section>
  );
}
