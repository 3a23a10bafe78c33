"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/query-state";

export function UnconfirmedSites() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sites = useQuery(trpc.sites.listUnconfirmed.queryOptions());
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.sites.pathKey() });
  const confirm = useMutation(trpc.sites.confirm.mutationOptions({ onSuccess: refresh }));
  const merge = useMutation(trpc.sites.merge.mutationOptions({ onSuccess: refresh }));
  const error = confirm.error ?? merge.error;
  return (
    <>
      {error ? <p className="form-error" role="alert">{error.message}</p> : null}
      <QueryState query={sites}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted">No new sites waiting.</p>
          ) : (
            <ul className="token-list">
              {rows.map((s) => (
                <li key={s.id}>
                  <strong>{s.name}</strong> ({s.block}, {s.camps} camp{s.camps === 1 ? "" : "s"}){" "}
                  <button type="button" onClick={() => confirm.mutate({ id: s.id })}>
                    Confirm
                  </button>{" "}
                  {s.mergeTargets.length > 0 ? (
                    <label>
                      or merge into{" "}
                      <select defaultValue="" onChange={(e) => e.target.value && merge.mutate({ id: s.id, intoId: Number(e.target.value) })}>
                        <option value="">choose a site…</option>
                        {s.mergeTargets.map((t) => (
                          <option key={t.id} value={t.id}>
                            {t.name}
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
