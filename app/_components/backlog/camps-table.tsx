"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useParams } from "next/navigation";
import { useMemo } from "react";
import { CsvLink } from "@/app/_components/common/csv-link";
import type { CampBacklogRow } from "@/app/_trpc/types";
import { DataTable, useLocallySortedTable } from "@/app/_components/common/data-table";
import { useFormat, type Formatters } from "@/i18n/format-hooks";

type CampRow = CampBacklogRow;
type CountKey = "vaccinated" | "entered" | "pending" | "rejected" | "overdue" | "dueWithin6h";

const column = createColumnHelper<CampRow>();

function makeColumns(t: ReturnType<typeof useTranslations<"campsTable">>, tb: ReturnType<typeof useTranslations<"blockTable">>, format: Formatters) {
  const count = (label: string, key: CountKey) => column.accessor(key, { header: label, cell: (info) => format.count(info.getValue()), meta: { numeric: true } });
  return [
    column.accessor("site", { header: t("site") }),
    // Backlog columns come first so that a phone shows them without scrolling sideways.
    count(tb("pending"), "pending"),
    count(tb("overdue"), "overdue"),
    count(tb("due6h"), "dueWithin6h"),
    column.accessor("date", { header: t("campDate"), cell: (info) => format.date(info.getValue()), sortingFn: "datetime" }),
    column.accessor("megaCamp", { header: t("drive"), cell: (info) => info.getValue() ?? t("routine") }),
    count(tb("vaccinated"), "vaccinated"),
    count(tb("entered"), "entered"),
    count(tb("rejected"), "rejected"),
  ];
}

/** A block has tens of camps at most, so this table sorts in the browser. */
export function CampsTable({ rows }: { rows: CampRow[] }) {
  const t = useTranslations("campsTable");
  const tb = useTranslations("blockTable");
  const format = useFormat();
  const columns = useMemo(() => makeColumns(t, tb, format), [t, tb, format.locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const table = useLocallySortedTable(rows, columns, [{ id: "pending", desc: true }]);
  const { slug } = useParams<{ slug: string }>();
  if (rows.length === 0) return <p className="muted">{t("empty")}</p>;
  return (
    <>
      <DataTable table={table} label={t("label")} />
      <CsvLink href={`/api/v1/blocks/${slug}/camps.csv`} />
    </>
  );
}
