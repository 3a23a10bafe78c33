"use client";

import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { useQueryState } from "nuqs";
import { getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { DataTable } from "@/app/_components/data-table";
import { CsvLink } from "@/app/_components/csv-link";
import { formatCount } from "@/app/_components/format";
import { campSearchParams, parseSort } from "@/app/_components/camp-url-state";
import "@/app/_components/table-meta";
import { AGE_BAND_LABELS } from "@/server/domain/age-band";
import { CAMP_AGE_BANDS, SEXES, VACCINES, type CampFigures } from "@/server/services/camp-figures";

export const VACCINE_LABELS: Record<(typeof VACCINES)[number], string> = { COVISHIELD: "Covishield", COVAXIN: "Covaxin", SPUTNIK_V: "Sputnik V" };
export const SEX_LABELS: Record<(typeof SEXES)[number], string> = { MALE: "Male", FEMALE: "Female", OTHER: "Other" };

export function percentOfTarget(f: Pick<CampFigures, "vaccinated" | "target">): string {
  return f.target ? `${Math.round((100 * f.vaccinated) / f.target)} %` : "—";
}

type Col<T> = ColumnDef<T, number>;
const num = <T extends CampFigures>(id: string, header: string, get: (f: T) => number): Col<T> => ({
  id,
  header,
  accessorFn: get,
  cell: (info) => formatCount(info.getValue()),
  meta: { numeric: true },
});

/** Figure columns shared by every camp table; register columns first, so a phone shows them without scrolling. */
function figureColumns<T extends CampFigures>(): Col<T>[] {
  return [
    num<T>("vaccinated", "Vaccinated", (f) => f.vaccinated),
    num<T>("entered", "Entered", (f) => f.entered),
    num<T>("pending", "Pending", (f) => f.pending),
    num<T>("rejected", "Rejected", (f) => f.rejected),
    { id: "target", header: "Target", accessorFn: (f) => f.target ?? -1, cell: (info) => (info.row.original.target === null ? "—" : formatCount(info.row.original.target)), meta: { numeric: true } },
    { id: "ofTarget", header: "% of target", accessorFn: (f) => (f.target ? f.vaccinated / f.target : -1), cell: (info) => percentOfTarget(info.row.original), meta: { numeric: true } },
    num<T>("camps", "Camps", (f) => f.camps),
    num<T>("dose1", "Dose 1", (f) => f.byDose.dose1),
    num<T>("dose2", "Dose 2", (f) => f.byDose.dose2),
    ...VACCINES.map((v) => num<T>(v.toLowerCase(), VACCINE_LABELS[v], (f) => f.byVaccine[v])),
    ...SEXES.map((s) => num<T>(s.toLowerCase(), SEX_LABELS[s], (f) => f.bySex[s])),
    ...CAMP_AGE_BANDS.map((a) => num<T>(`age_${a.replace(/\W/g, "_")}`, AGE_BAND_LABELS[a], (f) => f.byAgeBand[a])),
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
  const [sortParam, setSortParam] = useQueryState("sort", campSearchParams.sort);
  // Stable state and columns: TanStack resets derived state when they change identity, which would re-render forever.
  const sorting: SortingState = useMemo(() => parseSort(sortParam, defaultSort), [sortParam, defaultSort]);
  // TanStack's column arrays mix value types (strings and numbers).
  const columns = useMemo(() => [...leading, ...figureColumns<T>()] as ColumnDef<T, unknown>[], [leading]);
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
        onRowClick={rowHref ? (row) => router.push(rowHref(row.original)) : undefined}
        rowTestId={rowTestId ? (row) => rowTestId(row.original) : undefined}
      />
      <CsvLink href={csvHref} label={`Download CSV (${label.toLowerCase()})`} />
    </>
  );
}
