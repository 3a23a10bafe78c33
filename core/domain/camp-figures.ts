/**
 * The figures shown for a camp, a site, a block within a mega camp, a mega camp or the district (issue 5, part 1).
 * Pure: the SQL in camp-totals.ts returns one flat row per group and this module shapes and sums them.
 * Invariant (the SQL counts all four from the same rows in one statement): vaccinated = entered + pending + rejected.
 */
import { AGE_BANDS } from "@/core/domain/age-band";

export const VACCINES = ["COVISHIELD", "COVAXIN", "SPUTNIK_V"] as const;
export const SEXES = ["MALE", "FEMALE", "OTHER"] as const;
export const CAMP_AGE_BANDS = [...AGE_BANDS, "unknown"] as const;

export type CampFigures = {
  /** Camps (site + date) in the group, including camps with no records yet. */
  camps: number;
  /** Sum of the camps' targets; null when no camp in the group has one. */
  target: number | null;
  vaccinated: number;
  entered: number;
  pending: number;
  rejected: number;
  byDose: { dose1: number; dose2: number };
  byVaccine: Record<(typeof VACCINES)[number], number>;
  bySex: Record<(typeof SEXES)[number], number>;
  byAgeBand: Record<(typeof CAMP_AGE_BANDS)[number], number>;
};

/** The flat row the aggregate statement returns (all counts cast to int in SQL). */
export type FigureRow = {
  camps: number;
  target: number | null;
  vaccinated: number;
  entered: number;
  pending: number;
  rejected: number;
  dose1: number;
  dose2: number;
  covishield: number;
  covaxin: number;
  sputnik_v: number;
  male: number;
  female: number;
  other: number;
  age_18_44: number;
  age_45_59: number;
  age_60_plus: number;
  age_unknown: number;
};

export function emptyCampFigures(): CampFigures {
  return {
    camps: 0,
    target: null,
    vaccinated: 0,
    entered: 0,
    pending: 0,
    rejected: 0,
    byDose: { dose1: 0, dose2: 0 },
    byVaccine: { COVISHIELD: 0, COVAXIN: 0, SPUTNIK_V: 0 },
    bySex: { MALE: 0, FEMALE: 0, OTHER: 0 },
    byAgeBand: { "18-44": 0, "45-59": 0, "60+": 0, unknown: 0 },
  };
}

const n = (value: unknown): number => Number(value ?? 0);

export function figuresFromRow(row: FigureRow): CampFigures {
  return {
    camps: n(row.camps),
    target: row.target === null || row.target === undefined ? null : n(row.target),
    vaccinated: n(row.vaccinated),
    entered: n(row.entered),
    pending: n(row.pending),
    rejected: n(row.rejected),
    byDose: { dose1: n(row.dose1), dose2: n(row.dose2) },
    byVaccine: { COVISHIELD: n(row.covishield), COVAXIN: n(row.covaxin), SPUTNIK_V: n(row.sputnik_v) },
    bySex: { MALE: n(row.male), FEMALE: n(row.female), OTHER: n(row.other) },
    byAgeBand: { "18-44": n(row.age_18_44), "45-59": n(row.age_45_59), "60+": n(row.age_60_plus), unknown: n(row.age_unknown) },
  };
}

/** Adds figures up; the target stays null only if every part's target is null. */
export function sumCampFigures(items: readonly CampFigures[]): CampFigures {
  const total = emptyCampFigures();
  for (const f of items) {
    total.camps += f.camps;
    if (f.target !== null) total.target = (total.target ?? 0) + f.target;
    total.vaccinated += f.vaccinated;
    total.entered += f.entered;
    total.pending += f.pending;
    total.rejected += f.rejected;
    total.byDose.dose1 += f.byDose.dose1;
    total.byDose.dose2 += f.byDose.dose2;
    for (const v of VACCINES) total.byVaccine[v] += f.byVaccine[v];
    for (const s of SEXES) total.bySex[s] += f.bySex[s];
    for (const a of CAMP_AGE_BANDS) total.byAgeBand[a] += f.byAgeBand[a];
  }
  return total;
}

/** True when the register total equals entered + pending + rejected and every split adds up to it. */
export function figuresAddUp(f: CampFigures): boolean {
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  return (
    f.vaccinated === f.entered + f.pending + f.rejected &&
    f.vaccinated === sum(f.byDose) &&
    f.vaccinated === sum(f.byVaccine) &&
    f.vaccinated === sum(f.bySex) &&
    f.vaccinated === sum(f.byAgeBand)
  );
}
