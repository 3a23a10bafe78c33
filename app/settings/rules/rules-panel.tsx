"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useErrorText } from "@/i18n/errors";
import { useFormat } from "@/i18n/format-hooks";
import { useRuleText } from "@/app/_components/rules/rule-text";
import { minuteText, type WorkWindow } from "@/core/domain/programme-rules";
import { RuleFields, rulesFromForm } from "@/app/settings/rules/rule-fields";

const workText = (w: WorkWindow) => `${minuteText(w.startMinute)}–${minuteText(w.endMinute)}`;

export function RulesPanel({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("rules");
  const locale = useLocale();
  const format = useFormat();
  const errorText = useErrorText();
  const ruleText = useRuleText();
  const queryClient = useQueryClient();
  const view = useQuery(trpc.rules.get.queryOptions());
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation(
    trpc.rules.update.mutationOptions({
      onSuccess: (data, input) => {
        queryClient.setQueryData(trpc.rules.get.queryKey(), data);
        setSaved(input.district === undefined ? t("savedState") : input.rules ? t("savedDistrict") : t("clearedDistrict"));
      },
      onError: () => setSaved(null),
    }),
  );

  function onState(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ rules: rulesFromForm(new FormData(event.currentTarget)) });
  }
  function onDistrict(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    update.mutate({ district: Number(form.get("district")), rules: rulesFromForm(form) });
  }

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <QueryState query={view}>
        {(data) => (
          <>
            <section className="card">
              <h2>{t("stateHeading")}</h2>
              <p data-testid="state-rule">
                {t("deadlineIs", { rule: ruleText(data.state.deadline) })} · {t("workIs", { hours: workText(data.state.work) })}
              </p>
              {data.updatedAt ? <p className="muted">{t("updated", { when: format.dateTime(data.updatedAt), who: data.updatedBy ?? t("setUp") })}</p> : null}
              {canEdit ? (
                <form className="form wide" onSubmit={onState} key={JSON.stringify(data.state)}>
                  <RuleFields prefix="state" value={data.state} />
                  <button type="submit" className="primary" disabled={update.isPending}>
                    {t("saveState")}
                  </button>
                </form>
              ) : null}
            </section>
            {update.error ? <p className="form-error" role="alert">{errorText(update.error)}</p> : null}
            {saved && !update.error ? <p className="notice ok" role="status">{saved}</p> : null}
            <section className="card">
              <h2>{t("districtsHeading")}</h2>
              <p className="muted">{t("districtsIntro")}</p>
              <ul className="token-list">
                {data.districts.map((d) => (
                  <li key={d.districtId}>
                    <strong>{locale === "hi" ? d.nameHi : d.name}</strong>: {ruleText(d.deadline)} · {workText(d.work)}{" "}
                    <span className="badge">{d.source === "district" ? t("ownRules") : t("stateRules")}</span>
                    {canEdit && d.override ? (
                      <button type="button" className="link-button" disabled={update.isPending} onClick={() => update.mutate({ district: d.districtId, rules: null })}>
                        {t("clear")}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
              {canEdit && data.districts.length > 0 ? (
                <form className="form wide" onSubmit={onDistrict} key={`d-${JSON.stringify(data.state)}`}>
                  <label htmlFor="district-pick">
                    {t("district")}
                    <select id="district-pick" name="district" defaultValue={data.districts[0]!.districtId}>
                      {data.districts.map((d) => (
                        <option key={d.districtId} value={d.districtId}>
                          {locale === "hi" ? d.nameHi : d.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <RuleFields prefix="district" value={data.state} />
                  <button type="submit" disabled={update.isPending}>
                    {t("saveDistrict")}
                  </button>
                </form>
              ) : null}
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
