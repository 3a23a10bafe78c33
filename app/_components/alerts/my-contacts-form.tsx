"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useErrorText } from "@/i18n/errors";
import { ALERT_GROUPS, CHANNEL_KINDS, type AlertGroup, type ChannelKind } from "@/core/contracts/alert-channels";
import type { RouterOutputs } from "@/app/_trpc/types";

type Mine = RouterOutputs["contacts"]["getMine"];

const orNull = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/** A user's own contact details, language, quiet hours and channels per alert group. */
export function MyContactsForm() {
  const trpc = useTRPC();
  const mine = useQuery(trpc.contacts.getMine.queryOptions());
  return <QueryState query={mine}>{(data) => <ContactsForm initial={data} key={JSON.stringify(data)} />}</QueryState>;
}

function ContactsForm({ initial }: { initial: Mine }) {
  const trpc = useTRPC();
  const t = useTranslations("alertSettings");
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const save = useMutation(
    trpc.contacts.updateMine.mutationOptions({
      onSuccess: (data) => {
        setSaved(true);
        queryClient.setQueryData(trpc.contacts.getMine.queryKey(), data);
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const f = new FormData(event.currentTarget);
    const start = orNull(f.get("quietStart"));
    const end = orNull(f.get("quietEnd"));
    const channels: Partial<Record<AlertGroup, ChannelKind[]>> = {};
    for (const group of ALERT_GROUPS) channels[group] = CHANNEL_KINDS.filter((k) => f.get(`${group}:${k}`) === "on");
    save.mutate({
      mobile: orNull(f.get("mobile")),
      email: orNull(f.get("email")),
      telegramChatId: orNull(f.get("telegram")),
      language: f.get("language") === "en" ? "en" : "hi",
      quietHours: start && end ? { start, end } : null,
      channels,
    });
  }

  const chosen = (group: AlertGroup, kind: ChannelKind) => (initial.channels[group] ?? ["SMS", "EMAIL", "TELEGRAM"]).includes(kind);

  return (
    <form className="card form wide" onSubmit={onSubmit} aria-labelledby="mine-title">
      <h2 id="mine-title">{t("mineTitle")}</h2>
      <label>
        {t("mobile")}
        <input name="mobile" type="tel" inputMode="tel" autoComplete="tel" defaultValue={initial.mobile ?? ""} placeholder="+919876543210" />
        <small>{t("mobileHint")}</small>
      </label>
      <label>
        {t("email")}
        <input name="email" type="email" autoComplete="email" defaultValue={initial.email ?? ""} />
      </label>
      <label>
        {t("telegram")}
        <input name="telegram" inputMode="numeric" defaultValue={initial.telegramChatId ?? ""} />
        <small>{t("telegramHint")}</small>
      </label>
      <label>
        {t("language")}
        <select name="language" defaultValue={initial.language}>
          <option value="hi">हिन्दी</option>
          <option value="en">English</option>
        </select>
      </label>
      <fieldset>
        <legend>{t("quiet")}</legend>
        <label>
          {t("quietFrom")} <input name="quietStart" type="time" defaultValue={initial.quietHours?.start ?? ""} />
        </label>
        <label>
          {t("quietTo")} <input name="quietEnd" type="time" defaultValue={initial.quietHours?.end ?? ""} />
        </label>
        <small>{t("quietHint")}</small>
      </fieldset>
      <fieldset>
        <legend>{t("groups")}</legend>
        {ALERT_GROUPS.map((group) => (
          <div key={group} role="group" aria-label={t(`group_${group}`)}>
            <strong>{t(`group_${group}`)}</strong>
            {CHANNEL_KINDS.map((kind) => (
              <label key={kind} className="checkbox">
                <input type="checkbox" name={`${group}:${kind}`} defaultChecked={chosen(group, kind)} /> {t(`kind_${kind}`)}
              </label>
            ))}
          </div>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={save.isPending}>
        {t("save")}
      </button>
      {save.error ? <p className="form-error" role="alert">{errorText(save.error)}</p> : null}
      {saved ? <p role="status">{t("saved")}</p> : null}
    </form>
  );
}
