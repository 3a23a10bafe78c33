"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { QueryState } from "@/app/_components/query-state";
import { formatCount, formatIstDateTime } from "@/app/_components/format";

export function RecentImports() {
  const trpc = useTRPC();
  const imports = useQuery(trpc.imports.list.queryOptions());
  return (
    <QueryState query={imports}>
      {(rows) =>
        rows.length === 0 ? (
          <p className="muted">No imports yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" aria-label="Recent imports">
              <thead>
                <tr>
                  <th>#</th>
                  <th>When</th>
                  <th>Kind</th>
                  <th>File</th>
                  <th>By</th>
                  <th>Status</th>
                  <th className="num">Rows</th>
                  <th className="num">New / matched</th>
                  <th className="num">Rejected</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((b) => (
                  <tr key={b.id}>
                    <td>{b.id}</td>
                    <td>{formatIstDateTime(b.startedAt)}</td>
                    <td>{b.kind === "REGISTER" ? "Register" : "Portal export"}</td>
                    <td>{b.fileName}</td>
                    <td>{b.uploadedBy.displayName}</td>
                    <td>{b.status === "FAILED" ? `Failed: ${b.error ?? ""}` : b.status.toLowerCase()}</td>
                    <td className="num">{formatCount(b.rowsRead)}</td>
                    <td className="num">{formatCount(b.kind === "REGISTER" ? b.created : b.matched)}</td>
                    <td className="num">
                      {b.rejected > 0 ? <a href={`/api/v1/imports/${b.id}/rejections.csv`}>{formatCount(b.rejected)}</a> : 0}
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
