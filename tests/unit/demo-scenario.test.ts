import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { isDueWithin6h, isOverdue } from "@/core/domain/aging";
import { hashIdNumber } from "@/server/services/imports/id-number";
import {
  type DemoRecord,
  type DemoScenario,
  STORY_BENEFICIARY,
  buildDemoScenario,
  isVerhoeffValid,
  verhoeffCheckDigit,
} from "@/server/seed/demo-scenario";

// 10:00 IST: mega camp 2 (09:00–17:00 two days earlier) is then 41–49 hours old, as in the news report.
const ANCHOR = new Date("2026-11-26T04:30:00Z");
const KEY = "unit-test-key";
const HOUR = 3_600_000;
const IST_OFFSET = 5.5 * HOUR;

let scenario: DemoScenario;
/** Full ID numbers seen by the hasher, by the hash they were given. */
const idNumberByHash = new Map<string, string>();

beforeAll(() => {
  scenario = buildDemoScenario(ANCHOR, (idNumber) => {
    const hash = hashIdNumber(idNumber, KEY);
    idNumberByHash.set(hash, idNumber);
    return hash;
  });
}, 20_000);

// Plain loops collect the offenders and one expect() checks them: 95k expect() calls would take seconds.
const offenders = (test: (r: DemoRecord) => boolean) => scenario.records.filter((r) => !test(r)).slice(0, 3);
const share = (test: (r: DemoRecord) => boolean) => scenario.records.filter(test).length / scenario.records.length;
const pending = () => scenario.records.filter((r) => r.status === "PENDING");
const campOf = (r: DemoRecord) => scenario.camps[r.campIndex]!;

describe("buildDemoScenario", () => {
  // Deep equality of plain data and Dates is equality of the JSON, at a quarter of the cost of serialising.
  it("is deterministic: the same anchor gives identical output", { timeout: 20_000 }, () => {
    const again = buildDemoScenario(new Date(ANCHOR), (idNumber) => hashIdNumber(idNumber, KEY));
    expect(isDeepStrictEqual(again, scenario)).toBe(true);
  });

  it("has about 95,000 records over all 17 units, two mega camps and one routine camp", () => {
    expect(scenario.records.length).toBeGreaterThan(90_000);
    expect(scenario.records.length).toBeLessThan(100_000);
    expect(new Set(scenario.records.map((r) => r.unit)).size).toBe(17);
    expect(scenario.megaCamps.map((m) => m.date.toISOString().slice(0, 10))).toEqual(["2026-11-19", "2026-11-24"]);
    expect(scenario.camps.filter((c) => c.megaCamp === null)).toHaveLength(1);
    expect(scenario.camps.every((c) => c.target % 10 === 0)).toBe(true);
  });

  it("gives each rural block 3–6 sites and the city 8, each with one camp per mega camp", () => {
    const sitesPerUnit = new Map<string, number>();
    for (const s of scenario.sites) sitesPerUnit.set(s.unit, (sitesPerUnit.get(s.unit) ?? 0) + 1);
    for (const [unit, count] of sitesPerUnit) {
      expect([unit, unit === "Bhagalpur Urban" ? count === 8 : count >= 3 && count <= 6]).toEqual([unit, true]);
    }
    expect(scenario.camps.filter((c) => c.megaCamp !== null)).toHaveLength(2 * scenario.sites.length);
    expect(scenario.sites.filter((s) => s.unit === "Bhagalpur Urban")).toHaveLength(8);
  });

  it("vaccinates between 09:00 and 17:00 IST on the camp's date, below the camp's target, with serials unique per block", () => {
    expect(
      offenders((r) => {
        const istMs = r.vaccinatedAt.getTime() + IST_OFFSET;
        const hour = (istMs % (24 * HOUR)) / HOUR;
        return new Date(istMs).toISOString().slice(0, 10) === campOf(r).date.toISOString().slice(0, 10) && hour >= 9 && hour < 17;
      }),
    ).toEqual([]);
    expect(new Set(scenario.records.map((r) => `${r.unit}/${r.registerSerial}`)).size).toBe(scenario.records.length);
    const perCamp = new Map<number, number>();
    for (const r of scenario.records) perCamp.set(r.campIndex, (perCamp.get(r.campIndex) ?? 0) + 1);
    expect(scenario.camps.filter((c, i) => c.target <= (perCamp.get(i) ?? 0))).toEqual([]);
  });

  it("leaves 2,000+ pending, Pirpainti about 200, with overdue and due-within-6h lines", () => {
    expect(pending().length).toBeGreaterThanOrEqual(2_000);
    const pirpainti = pending().filter((r) => r.unit === "Pirpainti").length;
    expect(pirpainti).toBeGreaterThanOrEqual(190);
    expect(pirpainti).toBeLessThanOrEqual(215);
    const overdue = pending().filter((r) => isOverdue(r.vaccinatedAt, ANCHOR));
    const dueSoon = pending().filter((r) => isDueWithin6h(r.vaccinatedAt, ANCHOR));
    expect(overdue.length).toBeGreaterThan(0);
    expect(dueSoon.length).toBeGreaterThan(300);
    expect(overdue.some((r) => campOf(r).megaCamp === "MC2")).toBe(true);
    expect(pending().filter((r) => campOf(r).megaCamp === "MC1" && !isOverdue(r.vaccinatedAt, ANCHOR))).toEqual([]);
    const urbanMc1 = pending().filter((r) => r.unit === "Bhagalpur Urban" && campOf(r).megaCamp === "MC1");
    expect(urbanMc1.length).toBeGreaterThanOrEqual(140);
  });

  it("enters lines only between vaccination and the anchor, and keeps the status history consistent", () => {
    const anchor = ANCHOR.getTime();
    expect(offenders((r) => r.createdAt > r.vaccinatedAt && r.createdAt.getTime() < anchor)).toEqual([]);
    expect(offenders((r) => r.history[0]?.from === null && r.history[0].to === "PENDING" && r.history[0].at === r.createdAt)).toEqual([]);
    const stillPending = (r: DemoRecord) => r.enteredAt === null && r.portalRef === null && r.rejectionReason === null && r.history.length === 1;
    const resolvedInTime = (r: DemoRecord) => {
      const change = r.history[1];
      return r.history.length === 2 && change?.from === "PENDING" && change.to === r.status && change.at === r.updatedAt
        && change.at > r.createdAt && change.at.getTime() < anchor;
    };
    const entered = (r: DemoRecord) => r.enteredAt === r.updatedAt && /^CWN-\d{10}$/.test(r.portalRef ?? "") && r.rejectionReason === null;
    const rejected = (r: DemoRecord) => r.enteredAt === null && r.portalRef === null && !!r.rejectionReason && r.history[1]?.note === r.rejectionReason;
    expect(
      offenders((r) => (r.status === "PENDING" ? stillPending(r) : resolvedInTime(r) && (r.status === "ENTERED" ? entered(r) : rejected(r)))),
    ).toEqual([]);
    expect(share((r) => r.status === "REJECTED")).toBeGreaterThan(0.001);
    expect(share((r) => r.status === "REJECTED")).toBeLessThan(0.005);
  });

  it("tells the Sultanganj story: COVAXIN dose 1 entered at a routine camp, dose 2 at mega camp 1 still pending", () => {
    const lines = scenario.records.filter((r) => r.beneficiaryName === STORY_BENEFICIARY.name);
    expect(lines).toHaveLength(2);
    const [dose1, dose2] = [lines.find((r) => r.dose === 1)!, lines.find((r) => r.dose === 2)!];
    expect(dose1.idHash).toBe(dose2.idHash);
    expect(scenario.records.filter((r) => r.idHash === dose1.idHash)).toHaveLength(2);
    expect([dose1.unit, dose1.vaccine, dose1.status, campOf(dose1).megaCamp, campOf(dose1).site]).toEqual(["Sultanganj", "COVAXIN", "ENTERED", null, "Sultanganj PHC"]);
    const daysBefore = (ANCHOR.getTime() - dose1.vaccinatedAt.getTime()) / (24 * HOUR);
    expect(daysBefore).toBeGreaterThan(34);
    expect(daysBefore).toBeLessThan(36);
    expect([dose2.unit, dose2.vaccine, dose2.status, campOf(dose2).megaCamp]).toEqual(["Sultanganj", "COVAXIN", "PENDING", "MC1"]);
    expect(isOverdue(dose2.vaccinatedAt, ANCHOR)).toBe(true);
  });

  it("uses Verhoeff-valid 12-digit Aadhaar numbers and keeps only their last four digits", () => {
    expect(verhoeffCheckDigit("236")).toBe("3");
    expect(verhoeffCheckDigit("12345")).toBe("1");
    expect(verhoeffCheckDigit("142857")).toBe("0");
    expect([isVerhoeffValid("2363"), isVerhoeffValid("2364")]).toEqual([true, false]);
    expect(share((r) => r.idType === "AADHAAR")).toBeGreaterThan(0.8);
    expect(
      offenders((r) => {
        const full = idNumberByHash.get(r.idHash) ?? "";
        const wellFormed = r.idType !== "AADHAAR" || (/^[2-9]\d{11}$/.test(full) && isVerhoeffValid(full));
        return wellFormed && r.idLast4 === full.slice(-4);
      }),
    ).toEqual([]);
    const leaked = scenario.records.slice(0, 5_000).filter((r) => JSON.stringify(r).includes(idNumberByHash.get(r.idHash)!));
    expect(leaked).toEqual([]);
  });

  it("looks like real registers: dose and vaccine mix, mobiles, ages, Latin and Devanagari names", () => {
    expect(share((r) => r.dose === 2)).toBeCloseTo(0.15, 1);
    expect(share((r) => r.vaccine === "COVISHIELD")).toBeCloseTo(0.9, 1);
    expect(share((r) => r.mobile === null)).toBeCloseTo(0.1, 1);
    expect(offenders((r) => r.mobile === null || /^[6-9]\d{9}$/.test(r.mobile))).toEqual([]);
    expect(share((r) => /[\u0900-\u097F]/.test(r.beneficiaryName))).toBeGreaterThan(0.05);
    expect(share((r) => /^[A-Za-z ]+$/.test(r.beneficiaryName))).toBeGreaterThan(0.8);
    const ages = scenario.records.map((r) => ANCHOR.getUTCFullYear() - r.birthYear);
    expect([Math.min(...ages), Math.max(...ages)]).toEqual([18, 85]);
  });
});
