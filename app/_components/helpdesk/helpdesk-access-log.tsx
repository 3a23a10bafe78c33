"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/common/query-state";
import { useFormat } from "@/i18n/format-hooks";
import { HELPDESK_SEARCH_KINDS, type HelpdeskSearchKind } from "@/core/domain/helpdesk-query";

/** Who looked up whom: every helpdesk search (masked) and every person opened, newest first. */
export function HelpdeskAccessLog() {
  const trpc = useTRPC();
  const t = useTranslations("accessLog");
  const th = useTranslations("helpdesk");
  const format = useFormat();
  const kindLabel = (kind: string) => ((HELPDESK_SEARCH_KINDS as readonly string[]).includes(kind) ? th(`kinds.${kind as HelpdeskSearchKind}`) : kind);
  const [page, setPage] = useState(1);
  const [userId, setUserId] = useState<number | null>(null);
  const log = useQuery(trpc.helpdesk.listAccessLog.queryOptions({ page, userId }, { placeholderData: (previous) => previous }));

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <div className="filters">
        <label htmlFor="access-log-user">
          {t("user")}
          <select
            id="access-log-user"
            value={userId ?? ""}
            onChange={(e) => {
              setUserId(e.target.value ? Number(e.target.value) : null);
              setPage(1);
            }}
          >
            <option value="">{t("everyone")}</option>
            {(log.data?.users ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.username})
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={log}>
        {(data) =>
          data.rows.length === 0 ? (
            <p className="notice">{t("empty")}</p>
          ) : (
            <>
              <div className="table-wrap">
                <table className="data-table helpdesk-log">
                  <caption className="sr-only">{t("caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("when")}</th>
                      <th scope="col">{t("who")}</th>
                      <th scope="col">{t("action")}</th>
                      <th scope="col">{t("searchedBy")}</th>
                      <th scope="col">{t("search")}</th>
                      <th scope="col" className="num">
                        {t("results")}
                      </th>
                      <th scope="col">{t("opened")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((row) => (
                      <tr key={row.id}>
                        <td>{format.dateTime(row.at)}</td>
                        <td>{row.user ? `${row.user.displayName} (${row.user.username})` : t("deletedUser")}</td>
                        <td>{row.action === "SEARCH" ? t("actionSearch") : t("actionOpen")}</td>
                        <td>{row.searchKind ? kindLabel(row.searchKind) : "—"}</td>
                        <td>{row.searchText ?? "—"}</td>
                        <td className="num">{row.resultCount ?? "—"}</td>
                        <td>
                          {row.record
                            ? t("recordLine", { block: row.record.block, serial: row.record.registerSerial, dose: String(row.record.dose) })
                            : row.action === "OPEN"
                              ? t("recordRemoved")
                              : "—"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label={t("pagesLabel")}>
                <button type="button" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1}>
                  {t("newer")}
                </button>
                <span>
                  {t("pageLine", { page: format.count(data.page), pages: format.count(data.pageCount), total: format.count(data.total) })}
                </span>
                <button type="button" onClick={() => setPage((p) => p + 1)} disabled={page >= data.pageCount}>
                  {t("older")}
                </button>
              </nav>
            </>
          )
        }
      </QueryState>
    </>
  );
}
