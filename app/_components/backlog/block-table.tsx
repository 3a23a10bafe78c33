"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { createColumnHelper } from "@tanstack/react-table";
import type { BlockBacklogRow } from "@/app/_trpc/types";
import { CsvLink } from "@/app/_components/common/csv-link";
import { DataTable, useLocallySortedTable } from "@/app/_components/common/data-table";
import { useFormat, type Formatters } from "@/i18n/format-hooks";
import { useDistrictApiHref, useDistrictHref } from "@/app/_trpc/client";

type BlockRow = BlockBacklogRow;
type CountKey = "vaccinated" | "entered" | "pending" | "rejected" | "overdue" | "dueWithin6h";

const column = createColumnHelper<BlockRow>();

function makeColumns(t: ReturnType<typeof useTranslations<"blockTable">>, format: Formatters, href: (path: string) => string) {
  const count = (label: string, key: CountKey) => column.accessor(key, { header: label, cell: (info) => format.count(info.getValue()), meta: { numeric: true } });
  return [
    column.accessor("block", {
      header: t("block"),
      cell: (info) => <Link href={href(`/blocks/${info.row.original.slug}`)}>{info.getValue()}</Link>,
    }),
    count(t("pending"), "pending"),
    count(t("overdue"), "overdue"),
    count(t("due6h"), "dueWithin6h"),
    count(t("vaccinated"), "vaccinated"),
    count(t("entered"), "entered"),
    count(t("rejected"), "rejected"),
  ];
}

/** All 17 units fit on one page, so this table sorts in the browser. */
export function BlockTable({ rows }: { rows: BlockRow[] }) {
  const router = useRouter();
  const t = useTranslations("blockTable");
  const format = useFormat();
  const href = useDistrictHref();
  const apiHref = useDistrictApiHref();
  const columns = useMemo(() => makeColumns(t, format, href), [t, format.locale, href]); // eslint-disable-line react-hooks/exhaustive-deps
  const table = useLocallySortedTable(rows, columns, [{ id: "pending", desc: true }]);
  return (
    <>
      <DataTable
        table={table}
        label={t("label")}
        onRowClick={(row) => router.push(href(`/blocks/${row.original.slug}`))}
        rowTestId={(row) => `block-row-${row.original.slug}`}
      />
      <CsvLink href={apiHref("/api/v1/backlog?format=csv")} />
    </>
  );
}
