"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useErrorText } from "@/i18n/errors";
import { useFormat } from "@/i18n/format-hooks";

export function ApiTokensPanel() {
  const trpc = useTRPC();
  const t = useTranslations("tokens");
  const format = useFormat();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.apiTokens.list.queryOptions());
  const [created, setCreated] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
  const create = useMutation(trpc.apiTokens.create.mutationOptions({ onSuccess: (res) => { setCreated(res.token); void invalidate(); } }));
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({ onSuccess: () => void invalidate() }));

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    create.mutate({ name });
  }

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">
        {t.rich("intro", { endpoint: "GET /api/v1/backlog", header: "Authorization: Bearer <token>", code: (chunks) => <code>{chunks}</code> })}
      </p>
      <form className="card form inline" onSubmit={onCreate}>
        <label htmlFor="token-name">{t("name")}</label>
        <input id="token-name" name="name" placeholder={t("namePlaceholder")} required minLength={3} maxLength={60} />
        <button type="submit" className="primary" disabled={create.isPending}>
          {t("create")}
        </button>
      </form>
      {create.error ? <p className="form-error" role="alert">{errorText(create.error)}</p> : null}
      {created ? (
        <div className="notice ok" role="status">
          <p>{t("copyNow")}</p>
          <code className="token" data-testid="new-token">{created}</code>
        </div>
      ) : null}
      <QueryState query={tokens}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">{t("empty")}</p>
          ) : (
            <ul className="token-list">
              {rows.map((token) => (
                <li key={token.id}>
                  <strong>{token.name}</strong> <code>{token.prefix}…</code> · {t("created", { when: format.dateTime(token.createdAt) })}
                  {" · "}
                  {token.lastUsedAt ? t("lastUsed", { when: format.dateTime(token.lastUsedAt) }) : t("neverUsed")}
                  {token.revokedAt ? (
                    <span className="badge">{t("revoked")}</span>
                  ) : (
                    <button type="button" className="link-button" onClick={() => revoke.mutate({ id: token.id })}>
                      {t("revoke")}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
