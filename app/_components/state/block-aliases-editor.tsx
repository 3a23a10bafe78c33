"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useErrorText } from "@/i18n/errors";

/** A set-up district's blocks and their other spellings: add one, or remove one. */
export function BlockAliasesEditor({ districtId, districtName }: { districtId: number; districtName: string }) {
  const trpc = useTRPC();
  const t = useTranslations("setup");
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const blocks = useQuery(trpc.setup.listBlocks.queryOptions({ districtId }));
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.setup.listBlocks.queryKey({ districtId }) });
  const add = useMutation(trpc.setup.addAliases.mutationOptions({ onSuccess: (r) => { setMessage(t("aliasAdded", { n: r.added })); refresh(); } }));
  const remove = useMutation(trpc.setup.removeAlias.mutationOptions({ onSuccess: (r) => { setMessage(t("aliasRemoved", { alias: r.removed })); refresh(); } }));
  const failed = add.error ?? remove.error;

  function onAdd(blockId: number, event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const alias = String(new FormData(form).get("alias") ?? "").trim();
    if (!alias) return;
    add.mutate({ blockId, aliases: [alias] }, { onSuccess: () => form.reset() });
  }

  return (
    <>
      <h2>{t("blocksTitle", { district: districtName })}</h2>
      {message ? <p className="notice ok" role="status">{message}</p> : null}
      {failed ? <p className="notice error" role="alert">{errorText(failed)}</p> : null}
      <QueryState query={blocks}>
        {(list) => (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th>{t("name")}</th>
                  <th>{t("nameHi")}</th>
                  <th>{t("lgdCode")}</th>
                  <th>{t("aliases")}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((b) => (
                  <tr key={b.id} data-testid={`setup-block-${b.id}`}>
                    <td>{b.name}</td>
                    <td lang="hi">{b.nameHi}</td>
                    <td>{b.lgdCode ?? "—"}</td>
                    <td>
                      <ul className="alias-list">
                        {b.aliases.map((a) => (
                          <li key={a.id}>
                            {a.alias}{" "}
                            <button type="button" onClick={() => remove.mutate({ aliasId: a.id })} aria-label={t("remove", { alias: a.alias })} disabled={remove.isPending}>
                              ×
                            </button>
                          </li>
                        ))}
                      </ul>
                      <form className="inline" onSubmit={(e) => onAdd(b.id, e)}>
                        <input name="alias" aria-label={t("addAliasLabel", { block: b.name })} placeholder={t("addAlias")} maxLength={80} />
                        <button type="submit" disabled={add.isPending}>
                          {t("add")}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </>
  );
}
