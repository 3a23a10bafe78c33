"use client";

import { useQuery, keepPreviousData } from "@tanstack/react-query";
import { createColumnHelper, getCoreRowModel, useReactTable, type RowSelectionState, type SortingState } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { useQueryStates } from "nuqs";
import { useTRPC } from "@/app/_trpc/client";
import type { PendingRecordRow } from "@/app/_trpc/types";
import { DataTable } from "@/app/_components/common/data-table";
import { CsvLink } from "@/app/_components/common/csv-link";
import { useParams } from "next/navigation";
import { Countdown } from "@/app/_components/backlog/countdown";
import { useFormat, type Formatters } from "@/i18n/format-hooks";
import { useErrorText } from "@/i18n/errors";
import { PendingFiltersBar } from "@/app/_components/backlog/pending-filters-bar";
import { pendingSearchParams, PAGE_SIZES, SORT_FIELDS } from "@/app/_components/backlog/pending-filters";
import { RecordActionsBar } from "@/app/_components/backlog/record-actions-bar";
import { RecordDetailDialog } from "@/app/_components/backlog/record-detail-dialog";

type Row = PendingRecordRow;

const column = createColumnHelper<Row>();

function makeColumns(t: ReturnType<typeof useTranslations<"records">>, format: Formatters) {
  return [
  column.display({
    id: "select",
    header: t("select"),
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={t("selectOne", { serial: row.original.registerSerial })}
        checked={row.getIsSelected()}
        disabled={!row.getCanSelect()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  }),
  column.accessor("beneficiaryName", {
    header: t("beneficiary"),
    cell: (info) => (
      <button type="button" className="link-button" onClick={() => info.table.options.meta?.openRecord?.(info.row.original.id)}>
        {info.getValue()}
      </button>
    ),
  }),
  // The countdown sorts with "Vaccinated" (deadline = vaccinated + 48 h); it sits early so phones show it.
  column.accessor("deadline", {
    header: t("deadline"),
    enableSorting: false,
    cell: (info) => {
      const row = info.row.original;
      if (row.status === "PENDING") return <Countdown deadline={info.getValue()} />;
      return row.status === "ENTERED" ? t("enteredRef", { ref: row.portalRef ?? "" }) : t("rejected");
    },
  }),
  column.accessor("dose", { header: t("dose"), meta: { numeric: true } }),
  column.accessor("registerSerial", { header: t("serial") }),
  column.accessor("site", { header: t("site") }),
  column.accessor("vaccinatedAt", { header: t("vaccinated"), cell: (info) => format.dateTime(info.getValue()) }),
  column.accessor("vaccine", { header: t("vaccine"), enableSorting: false }),
  column.accessor("mobileMasked", { header: t("mobile"), enableSorting: false }),
  column.accessor("idMasked", { header: t("id"), enableSorting: false }),
  ];
}

type SiteOption = { siteId: number; site: string };

/** Server-side paged, sorted and filtered; every setting lives in the URL. */
export function PendingRecordsTable({ blockId, sites, canUndo }: { blockId: number; sites: SiteOption[]; canUndo: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("records");
  const tc = useTranslations("common");
  const tl = useTranslations("recordStatusLower");
  const format = useFormat();
  const errorText = useErrorText();
  const columns = useMemo(() => makeColumns(t, format), [t, format.locale]); // eslint-disable-line react-hooks/exhaustive-deps
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
          {t("couldNotLoad", { message: errorText(records.error) })}
        </p>
      ) : null}
      <p className="muted" aria-live="polite" data-testid="pending-total">
        {records.isPending ? tc("loading") : t("total", { total: format.count(total), status: tl(params.status), n: total })}
      </p>
      <RecordActionsBar selected={table.getSelectedRowModel().rows.map((r) => r.original)} onDone={() => setRowSelection({})} />
      <DataTable table={table} label={t("label")} />
      <CsvLink href={`/api/v1/blocks/${slug}/records.csv?${csvQuery.toString()}`} label={t("csvFiltered")} />
      {openRecordId !== null ? <RecordDetailDialog recordId={openRecordId} canUndo={canUndo} onClose={() => setOpenRecordId(null)} /> : null}
      <nav className="pager" aria-label={tc("pages")}>
        <button type="button" disabled={input.page <= 1} onClick={() => void setParams({ page: input.page - 1 })}>
          {tc("previous")}
        </button>
        <span>{tc("pageOf", { page: format.count(input.page), pages: format.count(pageCount) })}</span>
        <button type="button" disabled={input.page >= pageCount} onClick={() => void setParams({ page: input.page + 1 })}>
          {tc("next")}
        </button>
        <label>
          {tc("rows")}{" "}
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
