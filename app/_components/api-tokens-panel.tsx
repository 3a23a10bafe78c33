"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/query-state";
import { formatIstDateTime } from "@/app/_components/format";

export function ApiTokensPanel() {
  const trpc = useTRPC();
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
      <h1>API tokens</h1>
      <p className="muted">
        A token reads <code>GET /api/v1/backlog</code> with your district-wide scope: send <code>Authorization: Bearer &lt;token&gt;</code>. Only a hash is
        stored, so the token is shown once.
      </p>
      <form className="card form inline" onSubmit={onCreate}>
        <label htmlFor="token-name">Name</label>
        <input id="token-name" name="name" placeholder="e.g. Wall screen, DM office" required minLength={3} maxLength={60} />
        <button type="submit" className="primary" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.error ? <p className="form-error" role="alert">{create.error.message}</p> : null}
      {created ? (
        <div className="notice ok" role="status">
          <p>Copy this token now; it will not be shown again:</p>
          <code className="token" data-testid="new-token">{created}</code>
        </div>
      ) : null}
      <QueryState query={tokens}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No tokens yet.</p>
          ) : (
            <ul className="token-list">
              {rows.map((t) => (
                <li key={t.id}>
                  <strong>{t.name}</strong> <code>{t.prefix}…</code> · created {formatIstDateTime(t.createdAt)}
                  {t.lastUsedAt ? ` · last used ${formatIstDateTime(t.lastUsedAt)}` : " · never used"}
                  {t.revokedAt ? (
                    <span className="badge">revoked</span>
                  ) : (
                    <button type="button" className="link-button" onClick={() => revoke.mutate({ id: t.id })}>
                      Revoke
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
