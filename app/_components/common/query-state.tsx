"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useErrorText } from "@/i18n/errors";
import { isBusyError } from "@/app/_trpc/retry";

type QueryLike<T> = { data: T | undefined; error: { message: string } | null; isPending: boolean; refetch: () => unknown; failureReason?: unknown };

/**
 * Loading, error (with a retry) and data states, the same everywhere. While the server says "busy" and the query
 * is still retrying (after Retry-After), the page says so instead of a bare "Loading…" or an error.
 */
export function QueryState<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  const t = useTranslations("common");
  const overload = useTranslations("overload");
  const errorText = useErrorText();
  if (query.error) {
    return (
      <div className="notice error" role="alert">
        <p>{t("couldNotLoad", { message: errorText(query.error) })}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t("tryAgain")}
        </button>
      </div>
    );
  }
  if (query.isPending || query.data === undefined) {
    if (isBusyError(query.failureReason))
      return (
        <p className="notice" role="status" aria-live="polite">
          {overload("busyRetrying")}
        </p>
      );
    return (
      <p className="loading" aria-live="polite">
        {t("loading")}
      </p>
    );
  }
  return <>{children(query.data)}</>;
}
