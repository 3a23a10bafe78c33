"use client";

import { useMemo } from "react";
import { useTranslations } from "next-intl";
import { getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { DataTable } from "@/app/_components/common/data-table";
import type { RouterOutputs } from "@/app/_trpc/types";
import { useFormat, type Formatters } from "@/i18n/format-hooks";
import "@/app/_components/common/table-meta";

type Report = RouterOutputs["performance"]["getTimeliness"];
export type BlockTimelinessRow = Report["blocks"][number];
export type OperatorTimelinessRow = Report["operators"][number];
type T = ReturnType<typeof useTranslations<"timeliness">>;

const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} %`);
const num = { meta: { numeric: true } } as const;
// Missing shares (nothing entered) sort last whatever the direction.
const pctSort = { sortUndefined: "last" as const };

function figureColumns<R extends BlockTimelinessRow | OperatorTimelinessRow>(t: T, format: Formatters): ColumnDef<R, unknown>[] {
  return [
    { id: "entered", header: t("columns.entries"), accessorFn: (r) => r.entered, cell: (c) => format.count(c.getValue() as number), ...num },
    {
      id: "within24h",
      header: t("columns.within24h"),
      accessorFn: (r) => r.within24hPercent ?? undefined,
      cell: (c) => `${pct(c.row.original.within24hPercent)} (${format.count(c.row.original.within24h)})`,
      ...num,
      ...pctSort,
    },
    {
      id: "within48h",
      header: t("columns.within48h"),
      accessorFn: (r) => r.within48hPercent ?? undefined,
      cell: (c) => `${pct(c.row.original.within48hPercent)} (${format.count(c.row.original.within48h)})`,
      ...num,
      ...pctSort,
    },
    { id: "night", header: t("columns.night"), accessorFn: (r) => r.nightEntries, cell: (c) => format.count(c.getValue() as number), ...num },
  ];
}

function blockColumns(t: T, format: Formatters): ColumnDef<BlockTimelinessRow, unknown>[] {
  return [
    { id: "block", header: t("columns.block"), accessorFn: (r) => r.block },
    ...figureColumns<BlockTimelinessRow>(t, format),
    { id: "pending", header: t("columns.pending"), accessorFn: (r) => r.pending, cell: (c) => format.count(c.getValue() as number), ...num },
    { id: "pendingOverdue", header: t("columns.pendingOverdue"), accessorFn: (r) => r.pendingOverdue, cell: (c) => format.count(c.getValue() as number), ...num },
  ];
}

function operatorColumns(t: T, format: Formatters): ColumnDef<OperatorTimelinessRow, unknown>[] {
  // The server names rows without an operator in English ("Portal import …"); the source says which they are.
  const name = (r: OperatorTimelinessRow) => (r.source === "PORTAL_IMPORT" ? t("portalImport") : r.operator);
  return [
    { id: "block", header: t("columns.block"), accessorFn: (r) => r.block },
    { id: "operator", header: t("columns.operator"), accessorFn: name, cell: (c) => (c.row.original.username ? `${name(c.row.original)} (${c.row.original.username})` : name(c.row.original)) },
    ...figureColumns<OperatorTimelinessRow>(t, format),
  ];
}

type SortProps = { sort: string; dir: "asc" | "desc"; onSort: (sort: string, dir: "asc" | "desc") => void };

function useUrlSortedTable<R>(data: R[], columns: ColumnDef<R, unknown>[], { sort, dir, onSort }: SortProps) {
  const valid = columns.some((c) => c.id === sort) ? sort : columns[0]!.id!;
  const sorting: SortingState = [{ id: valid, desc: dir === "desc" }];
  return useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first) onSort(first.id, first.desc ? "desc" : "asc");
      else onSort(valid, dir === "asc" ? "desc" : "asc");
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (row) => String((row as { key?: string; blockId: number }).key ?? (row as { blockId: number }).blockId),
  });
}

export function BlockTimelinessTable({ rows, ...sort }: { rows: BlockTimelinessRow[] } & SortProps) {
  const t = useTranslations("timeliness");
  const format = useFormat();
  const columns = useMemo(() => blockColumns(t, format), [t, format.locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const table = useUrlSortedTable(rows, columns, sort);
  return <DataTable table={table} label={t("blocksTable")} rowTestId={(r) => `timeliness-block-${r.original.slug}`} />;
}

export function OperatorTimelinessTable({ rows, ...sort }: { rows: OperatorTimelinessRow[] } & SortProps) {
  const t = useTranslations("timeliness");
  const format = useFormat();
  const columns = useMemo(() => operatorColumns(t, format), [t, format.locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const table = useUrlSortedTable(rows, columns, sort);
  return <DataTable table={table} label={t("operatorsTable")} />;
}
