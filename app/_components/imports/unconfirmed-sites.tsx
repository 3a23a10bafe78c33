"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { useErrorText } from "@/i18n/errors";
import { QueryState } from "@/app/_components/common/query-state";

export function UnconfirmedSites() {
  const trpc = useTRPC();
  const t = useTranslations("sites");
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const sites = useQuery(trpc.sites.listUnconfirmed.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() });
  const confirm = useMutation(trpc.sites.confirm.mutationOptions({ onSuccess: refresh }));
  const merge = useMutation(trpc.sites.merge.mutationOptions({ onSuccess: refresh }));
  const error = confirm.error ?? merge.error;
  return (
    <>
      {error ? <p className="form-error" role="alert">{errorText(error)}</p> : null}
      <QueryState query={sites}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t("empty")}</p>
          ) : (
            <ul className="token-list">
              {rows.map((s) => (
                <li key={s.id}>
                  <strong>{s.name}</strong> ({s.block}, {t("camps", { n: s.camps })}){" "}
                  <button type="button" onClick={() => confirm.mutate({ id: s.id })}>
                    {t("confirm")}
                  </button>{" "}
                  {s.mergeTargets.length > 0 ? (
                    <label>
                      {t("mergeInto")}{" "}
                      <select defaultValue="" onChange={(e) => e.target.value && merge.mutate({ id: s.id, intoId: Number(e.target.value) })}>
                        <option value="">{t("chooseSite")}</option>
                        {s.mergeTargets.map((target) => (
                          <option key={target.id} value={target.id}>
                            {target.name}
                          </option>
                        ))}
                      </select>
                    </label>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
