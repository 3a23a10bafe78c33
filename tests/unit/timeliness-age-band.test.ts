import { describe, expect, it } from "vitest";
import { ageBand, ageInYear } from "@/core/domain/age-band";
import { enteredWithin, lagHistogram, timeliness } from "@/core/domain/timeliness";

const H = 3_600_000;
const vaccinatedAt = new Date("2021-06-16T05:00:00Z");
const after = (ms: number) => new Date(vaccinatedAt.getTime() + ms);

describe("timeliness", () => {
  it("counts 23:59:59.999 as within 24 h and 24:00 exactly as not", () => {
    expect(enteredWithin(vaccinatedAt, after(24 * H - 1), 24)).toBe(true);
    expect(enteredWithin(vaccinatedAt, after(24 * H), 24)).toBe(false);
  });

  it("counts 48:00 exactly as late, like the deadline rule", () => {
    expect(enteredWithin(vaccinatedAt, after(48 * H - 1), 48)).toBe(true);
    expect(enteredWithin(vaccinatedAt, after(48 * H), 48)).toBe(false);
  });

  it("gives shares in percent, and null (not 0 %) when nothing was entered", () => {
    const t = timeliness([
      { vaccinatedAt, enteredAt: after(2 * H) },
      { vaccinatedAt, enteredAt: after(24 * H) },
      { vaccinatedAt, enteredAt: after(47 * H) },
      { vaccinatedAt, enteredAt: after(80 * H) },
    ]);
    expect(t).toMatchObject({ entered: 4, within24h: 1, within48h: 3, within24hPercent: 25, within48hPercent: 75 });
    expect(timeliness([])).toMatchObject({ entered: 0, within24hPercent: null, within48hPercent: null });
  });

  it("counts entries still pending past the deadline as late: all entered on time, 2 overdue pending → 80 %, never 100 %", () => {
    const at = new Date("2021-06-21T06:30:00Z");
    const onTime = Array.from({ length: 8 }, () => ({ vaccinatedAt: at, enteredAt: new Date(at.getTime() + 3_600_000) }));
    expect(timeliness(onTime).within48hPercent).toBe(100);
    expect(timeliness(onTime, 2)).toMatchObject({ entered: 8, within48h: 8, latePending: 2, within48hPercent: 80, within24hPercent: 80 });
    // Nothing entered yet, only overdue pending: 0 %, not "no data".
    expect(timeliness([], 3)).toMatchObject({ within24hPercent: 0, within48hPercent: 0 });
  });

  it("puts lags into histogram buckets at their lower edges", () => {
    const buckets = lagHistogram([0, 6 * H - 1, 6 * H, 24 * H, 71 * H, 72 * H, 500 * H, -5]);
    expect(buckets.map((b) => b.count)).toEqual([3, 1, 0, 1, 0, 1, 2]);
    expect(buckets.at(-1)).toMatchObject({ fromHours: 72, toHours: null, count: 2 });
  });
});

describe("age bands (birth year only, IST year of vaccination)", () => {
  const in2021 = new Date("2021-06-21T06:00:00Z");
  it("puts 18 and 44 in 18–44, 45 and 59 in 45–59, 60 in 60+", () => {
    expect(ageBand(2003, in2021)).toBe("18-44");
    expect(ageBand(1977, in2021)).toBe("18-44");
    expect(ageBand(1976, in2021)).toBe("45-59");
    expect(ageBand(1962, in2021)).toBe("45-59");
    expect(ageBand(1961, in2021)).toBe("60+");
  });

  it("marks under-18 and impossible ages unknown instead of folding them into a band", () => {
    expect(ageBand(2004, in2021)).toBe("unknown");
    expect(ageBand(1890, in2021)).toBe("unknown");
  });

  it("uses the IST calendar year: 31 Dec 2021 20:00 UTC is already 2022 in India", () => {
    const newYearIst = new Date("2021-12-31T20:00:00Z");
    expect(ageInYear(1977, newYearIst)).toBe(45);
    expect(ageBand(1977, newYearIst)).toBe("45-59");
  });
});
