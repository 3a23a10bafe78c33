import { describe, expect, it } from "vitest";
import { istDayDifference, parsePortalDateTime } from "@/core/domain/portal-dates";

const at = (raw: string) => parsePortalDateTime(raw)?.at.toISOString() ?? null;

describe("portal date-times", () => {
  it("reads ISO and day-first forms as IST when no offset is given", () => {
    expect(at("2021-06-16 10:42")).toBe("2021-06-16T05:12:00.000Z");
    expect(at("16/06/2021 10:42")).toBe("2021-06-16T05:12:00.000Z");
    expect(at("16-06-2021 10:42:30")).toBe("2021-06-16T05:12:30.000Z");
    expect(at("16.06.2021 10:42")).toBe("2021-06-16T05:12:00.000Z");
    expect(at("  2021-06-16T10:42  ")).toBe("2021-06-16T05:12:00.000Z");
  });

  it("honours an explicit offset", () => {
    expect(at("2021-06-16T05:12:00Z")).toBe("2021-06-16T05:12:00.000Z");
    expect(at("2021-06-16T10:42:00+05:30")).toBe("2021-06-16T05:12:00.000Z");
    expect(at("2021-06-16 00:00-0100")).toBe("2021-06-16T01:00:00.000Z");
  });

  it("marks a bare date and puts it at 00:00 IST", () => {
    expect(parsePortalDateTime("16-06-2021")).toEqual({ at: new Date("2021-06-15T18:30:00Z"), dateOnly: true });
    expect(parsePortalDateTime("2021-06-16")?.dateOnly).toBe(true);
    expect(parsePortalDateTime("2021-06-16 00:00")?.dateOnly).toBe(false);
  });

  it("reads 12-hour times in day-first exports", () => {
    expect(at("16/06/2021 02:05 PM")).toBe("2021-06-16T08:35:00.000Z");
    expect(at("16/06/2021 12:05 am")).toBe("2021-06-15T18:35:00.000Z");
    expect(at("16/06/2021 12:05 PM")).toBe("2021-06-16T06:35:00.000Z");
    expect(at("16/06/2021 13:05 PM")).toBeNull();
  });

  it("rejects impossible dates and times and other forms", () => {
    for (const raw of ["31/06/2021", "2021-02-29", "2021-13-01", "00/06/2021", "16/06/2021 24:00", "16/06/2021 10:60", "06/16/2021", "16 June 2021", "", "2021-06-16 10:42+25:00", "yesterday"]) {
      expect(parsePortalDateTime(raw), raw).toBeNull();
    }
    expect(at("2024-02-29")).toBe("2024-02-28T18:30:00.000Z");
  });

  it("counts IST calendar days, not 24-hour spans", () => {
    // 23:59 IST and 00:01 IST the next day are two minutes but one calendar day apart.
    expect(istDayDifference(new Date("2021-06-16T18:29:00Z"), new Date("2021-06-16T18:31:00Z"))).toBe(1);
    expect(istDayDifference(new Date("2021-06-16T18:31:00Z"), new Date("2021-06-17T18:29:00Z"))).toBe(0);
    expect(istDayDifference(new Date("2021-06-18T05:00:00Z"), new Date("2021-06-16T05:00:00Z"))).toBe(-2);
  });
});
