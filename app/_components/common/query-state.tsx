"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useErrorText } from "@/i18n/errors";

type QueryLike<T> = { data: T | undefined; error: { message: string } | null; isPending: boolean; refetch: () => unknown };

/** Loading, error (with a retry) and data states, the same everywhere. */
export function QueryState<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  const t = useTranslations("common");
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
  if (query.isPending || query.data === undefined)
    return (
      <p className="loading" aria-live="polite">
        {t("loading")}
      </p>
    );
  return <>{children(query.data)}</>;
}
