/** CSV exports of the camp tables: one row per mega camp / block / site or trend point; every cell formula-safe. */
import "server-only";
import { UTF8_BOM, safeCsvLines } from "@/server/services/imports/csv-safe";
import { CAMP_AGE_BANDS, SEXES, VACCINES, type CampFigures } from "@/core/domain/camp-figures";
import type { TrendPoint } from "@/server/services/camps/camp-trend";

export const FIGURE_COLUMNS = [
  "camps",
  "target",
  "vaccinated",
  "entered",
  "pending",
  "rejected",
  "dose_1",
  "dose_2",
  ...VACCINES.map((v) => v.toLowerCase()),
  ...SEXES.map((s) => s.toLowerCase()),
  "age_18_44",
  "age_45_59",
  "age_60_plus",
  "age_unknown",
] as const;

function figureCells(f: CampFigures): (number | string)[] {
  return [
    f.camps,
    f.target ?? "",
    f.vaccinated,
    f.entered,
    f.pending,
    f.rejected,
    f.byDose.dose1,
    f.byDose.dose2,
    ...VACCINES.map((v) => f.byVaccine[v]),
    ...SEXES.map((s) => f.bySex[s]),
    ...CAMP_AGE_BANDS.map((a) => f.byAgeBand[a]),
  ];
}

/** A header row of `labels` + the figure columns, then one row per item. Starts with a BOM for Excel. */
export function figuresCsv<T extends CampFigures>(labels: readonly string[], items: readonly T[], labelCells: (item: T) => unknown[]): string {
  return UTF8_BOM + safeCsvLines([[...labels, ...FIGURE_COLUMNS], ...items.map((item) => [...labelCells(item), ...figureCells(item)])]);
}

export function trendCsv(points: readonly TrendPoint[]): string {
  return (
    UTF8_BOM +
    safeCsvLines([
      ["period_ist", "vaccinated", "dose_1", "dose_2", "entered", "pending", "rejected"],
      ...points.map((p) => [p.label, p.vaccinated, p.dose1, p.dose2, p.entered, p.pending, p.rejected]),
    ])
  );
}
