"use client";

import { useQuery, keepPreviousData } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable, type RowSelectionState, type SortingState } from "@tanstack/react-table";
import { useState } from "react";
import { useQueryStates } from "nuqs";
import { useTRPC } from "@/app/_trpc/client";
import type { PendingRecordRow } from "@/app/_trpc/types";
import { DataTable } from "@/app/_components/data-table";
import { CsvLink } from "@/app/_components/csv-link";
import { useParams } from "next/navigation";
import { Countdown } from "@/app/_components/countdown";
import { formatCount, formatIstDateTime } from "@/app/_components/format";
import { PendingFiltersBar } from "@/app/_components/pending-filters-bar";
import { pendingSearchParams, PAGE_SIZES, SORT_FIELDS } from "@/app/_components/pending-filters";
import { RecordActionsBar } from "@/app/_components/record-actions-bar";
import { RecordDetailDialog } from "@/app/_components/record-detail-dialog";

type Row = PendingRecordRow;

const column = createColumnHelper<Row>();
const columns = [
  column.display({
    id: "select",
    header: "Select",
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select ${row.original.registerSerial}`}
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  }),
  column.accessor("beneficiaryName", {
    header: "Beneficiary",
    cell: (info) => (
      <button type="button" className="link-button" onClick={() => info.table.options.meta?.openRecord?.(info.row.original.id)}>
        {info.getValue()}
      </button>
    ),
  }),
  // The countdown sorts with "Vaccinated" (deadline = vaccinated + 48 h); it sits early so phones show it.
  column.accessor("deadline", {
    header: "Time to 48 h deadline",
    enableSorting: false,
    cell: (info) => {
      const row = info.row.original;
      if (row.status === "PENDING") return <Countdown deadline={info.getValue()} />;
      return row.status === "ENTERED" ? `Entered · ${row.portalRef ?? ""}` : "Rejected";
    },
  }),
  column.accessor("dose", { header: "Dose", meta: { numeric: true } }),
  column.accessor("registerSerial", { header: "Register serial" }),
  column.accessor("site", { header: "Site" }),
  column.accessor("vaccinatedAt", { header: "Vaccinated", cell: (info) => formatIstDateTime(info.getValue()) }),
  column.accessor("vaccine", { header: "Vaccine", enableSorting: false }),
  column.accessor("mobileMasked", { header: "Mobile", enableSorting: false }),
  column.accessor("idMasked", { header: "ID", enableSorting: false }),
];

type SiteOption = { siteId: number; site: string };

/** Server-side paged, sorted and filtered; every setting lives in the URL. */
export function PendingRecordsTable({ blockId, sites, canUndo }: { blockId: number; sites: SiteOption[]; canUndo: boolean }) {
  const trpc = useTRPC();
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [openRecordId, setOpenRecordId] = useState<number | null>(null);
  const [params, setParams] = useQueryStates(pendingSearchParams, { history: "replace" });
  const pageSize = (PAGE_SIZES as readonly number[]).includes(params.size) ? params.size : 25;
  const input = {
    blockId,
    status: params.status,
    page: Math.max(1, params.page),
    pageSize,
    sort: params.sort,
    direction: params.dir,
    bucket: params.status === "PENDING" ? (params.bucket ?? undefined) : undefined,
    dose: params.dose === 1 || params.dose === 2 ? params.dose : undefined,
    siteId: params.site ?? undefined,
    search: params.q || undefined,
  } as const;
  const records = useQuery(trpc.backlog.findPendingRecords.queryOptions(input, { placeholderData: keepPreviousData }));

  const sorting: SortingState = [{ id: params.sort, desc: params.dir === "desc" }];
  const table = useReactTable({
    data: records.data?.rows ?? [],
    columns,
    manualPagination: true,
    manualSorting: true,
    rowCount: records.data?.total ?? 0,
    getRowId: (row) => String(row.id),
    enableRowSelection: (row) => row.original.status === "PENDING",
    onRowSelectionChange: setRowSelection,
    meta: { openRecord: setOpenRecordId },
    state: { sorting, rowSelection, pagination: { pageIndex: input.page - 1, pageSize } },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      const sort = SORT_FIELDS.find((f) => f === first?.id) ?? "vaccinatedAt";
      void setParams({ sort, dir: first?.desc ? "desc" : "asc", page: 1 });
    },
    getCoreRowModel: getCoreRowModel(),
  });

  const total = records.data?.total ?? 0;
  const { slug } = useParams<{ slug: string }>();
  const csvQuery = new URLSearchParams({ status: input.status, sort: input.sort, dir: input.direction });
  if (input.bucket) csvQuery.set("bucket", input.bucket);
  if (input.dose) csvQuery.set("dose", String(input.dose));
  if (input.siteId) csvQuery.set("site", String(input.siteId));
  if (input.search) csvQuery.set("q", input.search);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return (
    <section aria-labelledby="pending-records">
      <PendingFiltersBar key={params.q} params={params} setParams={setParams} sites={sites} />
      {records.error ? (
        <p className="notice error" role="alert">
          Could not load records: {records.error.message}
        </p>
      ) : null}
      <p className="muted" aria-live="polite" data-testid="pending-total">
        {records.isPending ? "Loading…" : `${formatCount(total)} ${params.status.toLowerCase()} record${total === 1 ? "" : "s"} match`}
      </p>
      <RecordActionsBar selected={table.getSelectedRowModel().rows.map((r) => r.original)} onDone={() => setRowSelection({})} />
      <DataTable table={table} label="Records" />
      <CsvLink href={`/api/v1/blocks/${slug}/records.csv?${csvQuery.toString()}`} label="Download CSV (this filter, all pages)" />
      {openRecordId !== null ? <RecordDetailDialog recordId={openRecordId} canUndo={canUndo} onClose={() => setOpenRecordId(null)} /> : null}
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={input.page <= 1} onClick={() => void setParams({ page: input.page - 1 })}>
          ‹ Previous
        </button>
        <span>
          Page {formatCount(input.page)} of {formatCount(pageCount)}
        </span>
        <button type="button" disabled={input.page >= pageCount} onClick={() => void setParams({ page: input.page + 1 })}>
          Next ›
        </button>
        <label>
          Rows{" "}
          <select value={pageSize} onChange={(e) => void setParams({ size: Number(e.target.value), page: 1 })}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </nav>
    </section>
  );
}
