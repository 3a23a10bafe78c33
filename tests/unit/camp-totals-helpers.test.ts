import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { emptyCampFigures, figuresAddUp, sumCampFigures, type CampFigures } from "@/core/domain/camp-figures";
import { isDateKey, istMidnightUtc, resolveTrendRange } from "@/server/services/camps/camp-range";
import { figuresCsv, trendCsv } from "@/server/services/camps/camp-csv";
import { campsHref, parseSort, totalsCsvHref } from "@/app/_components/camps/camp-url-state";

const NOW = new Date("2021-06-23T06:30:00Z"); // 12:00 IST

function figures(vaccinated: number, target: number | null): CampFigures {
  const f = emptyCampFigures();
  return {
    ...f,
    camps: 1,
    target,
    vaccinated,
    entered: vaccinated - 1,
    pending: 1,
    byDose: { dose1: vaccinated, dose2: 0 },
    byVaccine: { ...f.byVaccine, COVISHIELD: vaccinated },
    bySex: { ...f.bySex, FEMALE: vaccinated },
    byAgeBand: { ...f.byAgeBand, "18-44": vaccinated },
  };
}

describe("trend date range", () => {
  const refusal = (input: Parameters<typeof resolveTrendRange>[0]) => {
    try {
      resolveTrendRange(input);
    } catch (error) {
      return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
    }
    return "accepted";
  };

  it("defaults to the last 30 IST days daily and the last 8 hourly, ending today (IST)", () => {
    expect(resolveTrendRange({ now: NOW, grain: "day" })).toMatchObject({ from: "2021-05-25", to: "2021-06-23", days: 30 });
    expect(resolveTrendRange({ now: NOW, grain: "hour" })).toMatchObject({ from: "2021-06-16", to: "2021-06-23", days: 8 });
    // 23:59 UTC on 22 June is already 23 June in IST.
    expect(resolveTrendRange({ now: new Date("2021-06-22T19:00:00Z"), grain: "hour" }).to).toBe("2021-06-23");
  });

  it("a mega camp's day and the night after are its default range", () => {
    expect(resolveTrendRange({ now: NOW, grain: "hour", anchor: "2021-06-16" })).toMatchObject({ from: "2021-06-16", to: "2021-06-17", days: 2 });
    expect(resolveTrendRange({ now: NOW, grain: "day", anchor: "2021-06-16", from: "2021-06-10" })).toMatchObject({ from: "2021-06-10", to: "2021-06-16" });
  });

  it("counts from 00:00 IST on `from` up to (not including) 00:00 IST the day after `to`", () => {
    const r = resolveTrendRange({ now: NOW, grain: "day", from: "2021-06-16", to: "2021-06-21" });
    expect(r.startUtc.toISOString()).toBe("2021-06-15T18:30:00.000Z");
    expect(r.endUtc.toISOString()).toBe("2021-06-21T18:30:00.000Z");
    expect(istMidnightUtc("2021-01-01").toISOString()).toBe("2020-12-31T18:30:00.000Z");
  });

  it("refuses a reversed range with a message saying what to do", () => {
    expect(refusal({ now: NOW, grain: "day", from: "2021-06-21", to: "2021-06-16" })).toMatch(/^BAD_REQUEST: The date range is reversed.*Swap/);
    expect(refusal({ now: NOW, grain: "day", from: "2021-06-16", to: "2021-06-16" })).toBe("accepted");
  });

  it("accepts 366 days, refuses 367; hourly accepts 31 days, refuses 32", () => {
    expect(refusal({ now: NOW, grain: "day", from: "2020-06-23", to: "2021-06-23" })).toBe("accepted"); // 366 days, both ends included
    expect(refusal({ now: NOW, grain: "day", from: "2020-06-22", to: "2021-06-23" })).toMatch(/^BAD_REQUEST: .*at most a year/);
    expect(refusal({ now: NOW, grain: "hour", from: "2021-06-01", to: "2021-07-01" })).toBe("accepted");
    expect(refusal({ now: NOW, grain: "hour", from: "2021-06-01", to: "2021-07-02" })).toMatch(/^BAD_REQUEST: Hourly trends cover at most 31 days/);
  });

  it("refuses dates that are not real calendar dates", () => {
    expect(isDateKey("2021-02-28")).toBe(true);
    expect(isDateKey("2020-02-29")).toBe(true);
    expect(isDateKey("2021-02-29")).toBe(false);
    expect(isDateKey("16/06/2021")).toBe(false);
    expect(refusal({ now: NOW, grain: "day", from: "2021-13-01" })).toMatch(/^BAD_REQUEST: "from" must be a date/);
  });
});

describe("camp figures", () => {
  it("sums parts; the target stays null only when no part has one", () => {
    expect(sumCampFigures([figures(10, null), figures(5, null)]).target).toBeNull();
    const total = sumCampFigures([figures(10, null), figures(5, 20)]);
    expect(total).toMatchObject({ camps: 2, target: 20, vaccinated: 15, entered: 13, pending: 2, byDose: { dose1: 15, dose2: 0 } });
    expect(figuresAddUp(total)).toBe(true);
    expect(sumCampFigures([])).toEqual(emptyCampFigures());
  });

  it("figuresAddUp catches a status or split that does not add up", () => {
    expect(figuresAddUp({ ...figures(10, null), rejected: 1 })).toBe(false);
    expect(figuresAddUp({ ...figures(10, null), bySex: { MALE: 1, FEMALE: 10, OTHER: 0 } })).toBe(false);
  });
});

describe("camp CSV", () => {
  it("writes a BOM, a header and one formula-safe row per item", () => {
    const csv = figuresCsv(["site"], [{ ...figures(3, 5), site: "=HYPERLINK(\"http://x\")" }], (r) => [r.site]);
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("site,camps,target,vaccinated,entered,pending,rejected,dose_1,dose_2,covishield,covaxin,sputnik_v,male,female,other,age_18_44,age_45_59,age_60_plus,age_unknown");
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",1,5,3,2,1,0,3,0,/);
  });

  it("writes one row per trend point", () => {
    const at = new Date("2021-06-16T04:30:00Z");
    const csv = trendCsv([{ at, label: "2021-06-16 10:00", vaccinated: 4, dose1: 3, dose2: 1, entered: 2, pending: 1, rejected: 1 }]);
    expect(csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n")).toEqual(["period_ist,vaccinated,dose_1,dose_2,entered,pending,rejected", "2021-06-16 10:00,4,3,1,2,1,1"]);
  });
});

describe("camps page URL state", () => {
  it("builds shareable links and CSV links per level", () => {
    expect(campsHref({})).toBe("/camps");
    expect(campsHref({ mega: 2, block: 7 })).toBe("/camps?mega=2&block=7");
    expect(totalsCsvHref({})).toBe("/api/v1/camps/totals.csv");
    expect(totalsCsvHref({ mega: 2, block: 7 })).toBe("/api/v1/camps/totals.csv?megaCamp=2&block=7");
    expect(totalsCsvHref({ mega: 2, block: 7, camp: 9 })).toBe("/api/v1/camps/totals.csv?camp=9");
  });

  it("reads the sort, falling back on nonsense", () => {
    expect(parseSort("pending.desc", { id: "date", desc: true })).toEqual([{ id: "pending", desc: true }]);
    expect(parseSort("pending;drop", { id: "date", desc: true })).toEqual([{ id: "date", desc: true }]);
    expect(parseSort(null, { id: "date", desc: false })).toEqual([{ id: "date", desc: false }]);
  });
});
