"use client";

import type { ReactNode } from "react";

type QueryLike<T> = { data: T | undefined; error: { message: string } | null; isPending: boolean; refetch: () => unknown };

/** Loading, error (with a retry) and data states, the same everywhere. */
export function QueryState<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  if (query.error) {
    return (
      <div className="notice error" role="alert">
        <p>Could not load this: {query.error.message}</p>
        <button type="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (query.isPending || query.data === undefined) return <p className="loading" aria-live="polite">Loading…</p>;
  return <>{children(query.data)}</>;
}
