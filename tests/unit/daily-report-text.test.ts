import { describe, expect, it } from "vitest";
import { DAILY_REPORT_TEXT, REPORT_LANGS, isReportLang, reportFormat } from "@/core/reports/daily-report-text";

const keysOf = (value: unknown, prefix = ""): string[] =>
  value && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keysOf(v, `${prefix}${k}.`)]) : [];

describe("daily report texts", () => {
  it("has every key in both languages, and Hindi strings in Devanagari", () => {
    expect(keysOf(DAILY_REPORT_TEXT.hi).sort()).toEqual(keysOf(DAILY_REPORT_TEXT.en).sort());
    expect(DAILY_REPORT_TEXT.hi.title).toMatch(/^[\u0900-\u097F ]+$/);
    expect(DAILY_REPORT_TEXT.hi.noCampsYesterday("22 जून", "21 जून")).toContain("21 जून");
  });

  it("accepts only en and hi", () => {
    expect(REPORT_LANGS.filter(isReportLang)).toEqual(["en", "hi"]);
    expect(isReportLang("fr")).toBe(false);
    expect(isReportLang(undefined)).toBe(false);
  });

  it("formats counts with Indian grouping, times in IST and IST calendar days", () => {
    const en = reportFormat("en");
    const hi = reportFormat("hi");
    expect(en.count(207338)).toBe("2,07,338");
    expect(hi.count(2150)).toBe("2,150");
    expect(en.percent(99.93076)).toBe("99.93 %");
    expect(en.percent(null)).toBe("no data");
    // 06:30 UTC is 12:00 IST.
    expect(en.dateTime(new Date("2021-06-23T06:30:00Z"))).toMatch(/23 Jun 2021.*12:00 IST/);
    expect(hi.dateTime(new Date("2021-06-23T06:30:00Z"))).toMatch(/23 जून 2021.*12:00 IST/);
    // 20:00 UTC on 22 June is already 23 June in IST.
    expect(en.shortDateTime(new Date("2021-06-22T20:00:00Z"))).toMatch(/23 Jun.*01:30/);
    expect(en.day("2021-06-21")).toBe("Mon, 21 June 2021");
    expect(en.duration(4559)).toBe("1 h 16 min");
    expect(hi.duration(600)).toBe("10 मिनट");
    expect(hi.blockName({ block: "Pirpainti", blockHi: "पीरपैंती" })).toBe("पीरपैंती");
  });
});
