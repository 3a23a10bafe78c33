"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useParams } from "next/navigation";
import { CsvLink } from "@/app/_components/csv-link";
import { formatCount, formatIstDate } from "@/app/_components/format";
import type { CampBacklogRow } from "@/app/_trpc/types";
import { DataTable, useLocallySortedTable } from "@/app/_components/data-table";

type CampRow = CampBacklogRow;

const column = createColumnHelper<CampRow>();
const count = (label: string, key: "vaccinated" | "entered" | "pending" | "rejected" | "overdue" | "dueWithin6h") =>
  column.accessor(key, { header: label, cell: (info) => formatCount(info.getValue()), meta: { numeric: true } });

const columns = [
  column.accessor("site", { header: "Site" }),
  // Backlog columns come first so that a phone shows them without scrolling sideways.
  count("Pending", "pending"),
  count("Overdue", "overdue"),
  count("Due ≤ 6 h", "dueWithin6h"),
  column.accessor("date", { header: "Camp date", cell: (info) => formatIstDate(info.getValue()), sortingFn: "datetime" }),
  column.accessor("megaCamp", { header: "Drive", cell: (info) => info.getValue() ?? "Routine session" }),
  count("Vaccinated", "vaccinated"),
  count("Entered", "entered"),
  count("Rejected", "rejected"),
];

/** A block has tens of camps at most, so this table sorts in the browser. */
export function CampsTable({ rows }: { rows: CampRow[] }) {
  const table = useLocallySortedTable(rows, columns, [{ id: "pending", desc: true }]);
  const { slug } = useParams<{ slug: string }>();
  if (rows.length === 0) return <p className="muted">No camps recorded in this block yet.</p>;
  return (
    <>
      <DataTable table={table} label="Camps and sites" />
      <CsvLink href={`/api/v1/blocks/${slug}/camps.csv`} />
    </>
  );
}
