"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { createColumnHelper } from "@tanstack/react-table";
import { formatCount } from "@/app/_components/format";
import type { BlockBacklogRow } from "@/app/_trpc/types";
import { CsvLink } from "@/app/_components/csv-link";
import { DataTable, useLocallySortedTable } from "@/app/_components/data-table";

type BlockRow = BlockBacklogRow;

const column = createColumnHelper<BlockRow>();
const count = (label: string, key: "vaccinated" | "entered" | "pending" | "rejected" | "overdue" | "dueWithin6h") =>
  column.accessor(key, { header: label, cell: (info) => formatCount(info.getValue()), meta: { numeric: true } });

const columns = [
  column.accessor("block", {
    header: "Block",
    cell: (info) => <Link href={`/blocks/${info.row.original.slug}`}>{info.getValue()}</Link>,
  }),
  count("Pending", "pending"),
  count("Overdue", "overdue"),
  count("Due ≤ 6 h", "dueWithin6h"),
  count("Vaccinated", "vaccinated"),
  count("Entered", "entered"),
  count("Rejected", "rejected"),
];

/** All 17 units fit on one page, so this table sorts in the browser. */
export function BlockTable({ rows }: { rows: BlockRow[] }) {
  const router = useRouter();
  const table = useLocallySortedTable(rows, columns, [{ id: "pending", desc: true }]);
  return (
    <>
      <DataTable
        table={table}
        label="Backlog by block"
        onRowClick={(row) => router.push(`/blocks/${row.original.slug}`)}
        rowTestId={(row) => `block-row-${row.original.slug}`}
      />
      <CsvLink href="/api/v1/backlog?format=csv" />
    </>
  );
}
