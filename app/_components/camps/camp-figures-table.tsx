"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useQueryState } from "nuqs";
import { getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { DataTable } from "@/app/_components/common/data-table";
import { CsvLink } from "@/app/_components/common/csv-link";
import { campSearchParams, parseSort } from "@/app/_components/camps/camp-url-state";
import "@/app/_components/common/table-meta";
import { useFormat, type Formatters } from "@/i18n/format-hooks";
import type { AgeBand } from "@/core/domain/age-band";
import { CAMP_AGE_BANDS, SEXES, VACCINES, type CampFigures } from "@/core/domain/camp-figures";
import { useDistrictHref } from "@/app/_trpc/client";

export type CampsT = ReturnType<typeof useTranslations<"camps">>;

const AGE_BAND_KEYS = { "18-44": "a18_44", "45-59": "a45_59", "60+": "a60", unknown: "unknown" } as const satisfies Record<AgeBand, string>;

/** The words of the camp figures in the active language (vaccine, sex and age band names). */
export const vaccineLabel = (t: CampsT, v: (typeof VACCINES)[number]) => t(`vaccines.${v}`);
export const sexLabel = (t: CampsT, s: (typeof SEXES)[number]) => t(`sexes.${s}`);
export const ageBandLabel = (t: CampsT, a: AgeBand) => t(`ageBands.${AGE_BAND_KEYS[a]}`);

export function percentOfTarget(f: Pick<CampFigures, "vaccinated" | "target">): string {
  return f.target ? `${Math.round((100 * f.vaccinated) / f.target)} %` : "—";
}

type Col<T> = ColumnDef<T, number>;

/** Figure columns shared by every camp table; register columns first, so a phone shows them without scrolling. */
function figureColumns<T extends CampFigures>(t: CampsT, format: Formatters): Col<T>[] {
  const num = (id: string, header: string, get: (f: T) => number): Col<T> => ({
    id,
    header,
    accessorFn: get,
    cell: (info) => format.count(info.getValue()),
    meta: { numeric: true },
  });
  return [
    num("vaccinated", t("columns.vaccinated"), (f) => f.vaccinated),
    num("entered", t("columns.entered"), (f) => f.entered),
    num("pending", t("columns.pending"), (f) => f.pending),
    num("rejected", t("columns.rejected"), (f) => f.rejected),
    {
      id: "target",
      header: t("columns.target"),
      accessorFn: (f) => f.target ?? -1,
      cell: (info) => (info.row.original.target === null ? "—" : format.count(info.row.original.target)),
      meta: { numeric: true },
    },
    { id: "ofTarget", header: t("columns.ofTarget"), accessorFn: (f) => (f.target ? f.vaccinated / f.target : -1), cell: (info) => percentOfTarget(info.row.original), meta: { numeric: true } },
    num("camps", t("columns.camps"), (f) => f.camps),
    num("dose1", t("columns.dose1"), (f) => f.byDose.dose1),
    num("dose2", t("columns.dose2"), (f) => f.byDose.dose2),
    ...VACCINES.map((v) => num(v.toLowerCase(), vaccineLabel(t, v), (f) => f.byVaccine[v])),
    ...SEXES.map((s) => num(s.toLowerCase(), sexLabel(t, s), (f) => f.bySex[s])),
    ...CAMP_AGE_BANDS.map((a) => num(`age_${a.replace(/\W/g, "_")}`, ageBandLabel(t, a), (f) => f.byAgeBand[a])),
  ];
}

type Props<T extends CampFigures> = {
  rows: T[];
  /** The first columns (name, date …); the figure columns follow. Keep it stable (module constant or useMemo). */
  leading: ColumnDef<T, string>[];
  label: string;
  csvHref: string;
  /** Keep it stable (a module constant). */
  defaultSort: { id: string; desc: boolean };
  rowHref?: (row: T) => string;
  rowTestId?: (row: T) => string;
};

/** A camp table sorted in the browser (tens of rows at most), its sort kept in the URL (?sort=pending.desc). */
export function CampFiguresTable<T extends CampFigures>({ rows, leading, label, csvHref, defaultSort, rowHref, rowTestId }: Props<T>) {
  const router = useRouter();
  const within = useDistrictHref();
  const t = useTranslations("camps");
  const format = useFormat();
  const [sortParam, setSortParam] = useQueryState("sort", campSearchParams.sort);
  // Stable state and columns: TanStack resets derived state when they change identity, which would re-render forever.
  const sorting: SortingState = useMemo(() => parseSort(sortParam, defaultSort), [sortParam, defaultSort]);
  // TanStack's column arrays mix value types (strings and numbers).
  const columns = useMemo(() => [...leading, ...figureColumns<T>(t, format)] as ColumnDef<T, unknown>[], [leading, t, format.locale]); // eslint-disable-line react-hooks/exhaustive-deps
  const table = useReactTable<T>({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      void setSortParam(first ? `${first.id}.${first.desc ? "desc" : "asc"}` : null);
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <>
      <DataTable
        table={table}
        label={label}
        onRowClick={rowHref ? (row) => router.push(within(rowHref(row.original))) : undefined}
        rowTestId={rowTestId ? (row) => rowTestId(row.original) : undefined}
      />
      <CsvLink href={csvHref} label={t("csvOf", { label: format.locale === "en" ? label.toLowerCase() : label })} />
    </>
  );
}
