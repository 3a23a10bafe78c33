"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/query-state";
import { formatCount, formatIstDateTime } from "@/app/_components/format";

const KIND_LABELS: Record<string, string> = { mobile: "Mobile", serial: "Register serial", idLast4: "ID last 4 + birth year", name: "Name + block" };

/** Who looked up whom: every helpdesk search (masked) and every person opened, newest first. */
export function HelpdeskAccessLog() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [userId, setUserId] = useState<number | null>(null);
  const log = useQuery(trpc.helpdesk.listAccessLog.queryOptions({ page, userId }, { placeholderData: (previous) => previous }));

  return (
    <>
      <h1>Helpdesk access log</h1>
      <p className="muted">
        Every search made at the helpdesk (numbers and names masked) and every person opened. Searches are limited per user, and a search shows at most 10 people.
      </p>
      <div className="filters">
        <label htmlFor="access-log-user">
          User
          <select
            id="access-log-user"
            value={userId ?? ""}
            onChange={(e) => {
              setUserId(e.target.value ? Number(e.target.value) : null);
              setPage(1);
            }}
          >
            <option value="">Everyone</option>
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
            <p className="notice">Nothing has been looked up yet.</p>
          ) : (
            <>
              <div className="table-wrap">
                <table className="data-table helpdesk-log">
                  <caption className="sr-only">Helpdesk lookups, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When (IST)</th>
                      <th scope="col">Who</th>
                      <th scope="col">Action</th>
                      <th scope="col">Searched by</th>
                      <th scope="col">Search (masked)</th>
                      <th scope="col" className="num">
                        Results
                      </th>
                      <th scope="col">Record opened</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.rows.map((row) => (
                      <tr key={row.id}>
                        <td>{formatIstDateTime(row.at)}</td>
                        <td>{row.user ? `${row.user.displayName} (${row.user.username})` : "deleted user"}</td>
                        <td>{row.action === "SEARCH" ? "Search" : "Opened a person"}</td>
                        <td>{row.searchKind ? (KIND_LABELS[row.searchKind] ?? row.searchKind) : "—"}</td>
                        <td>{row.searchText ?? "—"}</td>
                        <td className="num">{row.resultCount ?? "—"}</td>
                        <td>{row.record ? `${row.record.block}, serial ${row.record.registerSerial}, dose ${row.record.dose}` : row.action === "OPEN" ? "record removed" : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label="Access log pages">
                <button type="button" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1}>
                  Newer
                </button>
                <span>
                  Page {data.page} of {data.pageCount} · {formatCount(data.total)} entries
                </span>
                <button type="button" onClick={() => setPage((p) => p + 1)} disabled={page >= data.pageCount}>
                  Older
                </button>
              </nav>
            </>
          )
        }
      </QueryState>
    </>
  );
}
