"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { createColumnHelper } from "@tanstack/react-table";
import type { RouterOutputs } from "@/app/_trpc/types";
import { DataTable, useLocallySortedTable } from "@/app/_components/common/data-table";
import { nameIn } from "@/app/_components/state/place-label";
import { useFormat, type Formatters } from "@/i18n/format-hooks";

type DistrictRow = RouterOutputs["state"]["getOverview"]["districts"][number];
type Row = { slug: string; district: string; pending: number; overdue: number; atRisk: number; dueWithin6h: number; vaccinated: number; blocks: number };

const column = createColumnHelper<Row>();

function makeColumns(t: ReturnType<typeof useTranslations<"state">>, format: Formatters) {
  const count = (label: string, key: Exclude<keyof Row, "slug" | "district">) =>
    column.accessor(key, { header: label, cell: (info) => format.count(info.getValue()), meta: { numeric: true } });
  return [
    column.accessor("district", {
      header: t("district"),
      cell: (info) => <Link href={`/districts/${info.row.original.slug}`}>{info.getValue()}</Link>,
    }),
    count(t("pending"), "pending"),
    count(t("overdue"), "overdue"),
    count(t("atRisk"), "atRisk"),
    count(t("due6h"), "dueWithin6h"),
    count(t("vaccinated"), "vaccinated"),
    count(t("blocks"), "blocks"),
  ];
}

/** The state's set-up districts side by side, most pending first; a row opens that district. */
export function DistrictTable({ districts }: { districts: DistrictRow[] }) {
  const router = useRouter();
  const t = useTranslations("state");
  const format = useFormat();
  const rows = useMemo(
    () =>
      districts.map((d) => ({
        slug: d.slug,
        district: nameIn(d, format.locale),
        pending: d.figures.pending,
        overdue: d.figures.overdue,
        atRisk: d.atRiskBlocks,
        dueWithin6h: d.figures.dueWithin6h,
        vaccinated: d.figures.vaccinated,
        blocks: d.blocks,
      })),
    [districts, format.locale],
  );
  const columns = useMemo(() => makeColumns(t, format), [t, format.locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const table = useLocallySortedTable(rows, columns, [{ id: "pending", desc: true }]);
  return <DataTable table={table} label={t("tableLabel")} onRowClick={(row) => router.push(`/districts/${row.original.slug}`)} rowTestId={(row) => `district-row-${row.original.slug}`} />;
}
