"use client";

import { useState } from "react";
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type SortingState,
  type Table,
} from "@tanstack/react-table";
import { SortHeader } from "@/app/_components/common/sort-header";

type Props<T> = {
  table: Table<T>;
  label: string;
  onRowClick?: (row: Row<T>) => void;
  rowTestId?: (row: Row<T>) => string;
};

function ariaSort(sorted: false | "asc" | "desc"): "ascending" | "descending" | "none" {
  return sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none";
}

/** Renders any TanStack table the same way: sortable headers, numeric columns right-aligned. */
export function DataTable<T>({ table, label, onRowClick, rowTestId }: Props<T>) {
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} className={header.column.columnDef.meta?.numeric ? "num" : undefined} aria-sort={ariaSort(header.column.getIsSorted())}>
                  <SortHeader
                    label={String(header.column.columnDef.header)}
                    sorted={header.column.getIsSorted()}
                    onToggle={header.column.getCanSort() ? header.column.getToggleSortingHandler() : undefined}
                  />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              className={onRowClick ? "clickable" : undefined}
              data-testid={rowTestId?.(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? "num" : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** For short lists that arrive whole (17 blocks, a block's camps): sorting happens in the browser. */
// TanStack's own column arrays mix value types, which only `any` expresses (as in its documentation).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useLocallySortedTable<T>(data: T[], columns: ColumnDef<T, any>[], initial: SortingState): Table<T> {
  const [sorting, setSorting] = useState<SortingState>(initial);
  return useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
}
