"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useFormat } from "@/i18n/format-hooks";

export function RecentImports() {
  const trpc = useTRPC();
  const t = useTranslations("recentImports");
  const format = useFormat();
  const imports = useQuery(trpc.imports.list.queryOptions());
  return (
    <QueryState query={imports}>
      {(rows) =>
        rows.length === 0 ? (
          <p className="muted">{t("empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" aria-label={t("label")}>
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t("when")}</th>
                  <th>{t("kind")}</th>
                  <th>{t("file")}</th>
                  <th>{t("by")}</th>
                  <th>{t("status")}</th>
                  <th className="num">{t("rows")}</th>
                  <th className="num">{t("newOrMatched")}</th>
                  <th className="num">{t("rejected")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((b) => (
                  <tr key={b.id}>
                    <td>{b.id}</td>
                    <td>{format.dateTime(b.startedAt)}</td>
                    <td>{b.kind === "REGISTER" ? t("register") : t("portal")}</td>
                    <td>{b.fileName}</td>
                    <td>{b.uploadedBy.displayName}</td>
                    <td>{b.status === "FAILED" ? t("failed", { error: b.errorKey ? t(`errors.${b.errorKey}`) : (b.error ?? "") }) : t(`statuses.${b.status}`)}</td>
                    <td className="num">{format.count(b.rowsRead)}</td>
                    <td className="num">{format.count(b.kind === "REGISTER" ? b.created : b.matched)}</td>
                    <td className="num">
                      {b.rejected > 0 ? <a href={`/api/v1/imports/${b.id}/rejections.csv`}>{format.count(b.rejected)}</a> : 0}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </QueryState>
  );
}
