"use client";

import { getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { DataTable } from "@/app/_components/data-table";
import { formatCount } from "@/app/_components/format";
import type { RouterOutputs } from "@/app/_trpc/types";
import "@/app/_components/table-meta";

type Report = RouterOutputs["performance"]["getTimeliness"];
export type BlockTimelinessRow = Report["blocks"][number];
export type OperatorTimelinessRow = Report["operators"][number];

const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} %`);
const num = { meta: { numeric: true } } as const;
// Missing shares (nothing entered) sort last whatever the direction.
const pctSort = { sortUndefined: "last" as const };

const figureColumns = <T extends BlockTimelinessRow | OperatorTimelinessRow>(): ColumnDef<T, unknown>[] => [
  { id: "entered", header: "Entries", accessorFn: (r) => r.entered, cell: (c) => formatCount(c.getValue() as number), ...num },
  { id: "within24h", header: "Within 24 h", accessorFn: (r) => r.within24hPercent ?? undefined, cell: (c) => `${pct(c.row.original.within24hPercent)} (${formatCount(c.row.original.within24h)})`, ...num, ...pctSort },
  { id: "within48h", header: "Within 48 h", accessorFn: (r) => r.within48hPercent ?? undefined, cell: (c) => `${pct(c.row.original.within48hPercent)} (${formatCount(c.row.original.within48h)})`, ...num, ...pctSort },
  { id: "night", header: "Night entries (22–06)", accessorFn: (r) => r.nightEntries, cell: (c) => formatCount(c.getValue() as number), ...num },
];

const BLOCK_COLUMNS: ColumnDef<BlockTimelinessRow, unknown>[] = [
  { id: "block", header: "Block", accessorFn: (r) => r.block },
  ...figureColumns<BlockTimelinessRow>(),
  { id: "pending", header: "Still pending", accessorFn: (r) => r.pending, cell: (c) => formatCount(c.getValue() as number), ...num },
  { id: "pendingOverdue", header: "Pending past 48 h", accessorFn: (r) => r.pendingOverdue, cell: (c) => formatCount(c.getValue() as number), ...num },
];

const OPERATOR_COLUMNS: ColumnDef<OperatorTimelinessRow, unknown>[] = [
  { id: "block", header: "Block", accessorFn: (r) => r.block },
  { id: "operator", header: "Operator", accessorFn: (r) => r.operator, cell: (c) => (c.row.original.username ? `${c.row.original.operator} (${c.row.original.username})` : c.row.original.operator) },
  ...figureColumns<OperatorTimelinessRow>(),
];

type SortProps = { sort: string; dir: "asc" | "desc"; onSort: (sort: string, dir: "asc" | "desc") => void };

function useUrlSortedTable<T>(data: T[], columns: ColumnDef<T, unknown>[], { sort, dir, onSort }: SortProps) {
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
  const table = useUrlSortedTable(rows, BLOCK_COLUMNS, sort);
  return <DataTable table={table} label="Entry timeliness by block" rowTestId={(r) => `timeliness-block-${r.original.slug}`} />;
}

export function OperatorTimelinessTable({ rows, ...sort }: { rows: OperatorTimelinessRow[] } & SortProps) {
  const table = useUrlSortedTable(rows, OPERATOR_COLUMNS, sort);
  return <DataTable table={table} label="Entry timeliness by operator" />;
}
