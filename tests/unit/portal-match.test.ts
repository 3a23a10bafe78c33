import { describe, expect, it } from "vitest";
import { candidateScore, matchPortalRow, vaccinatedSameDay, type RegisterCandidate } from "@/core/domain/portal-match";
import type { PortalRow } from "@/core/domain/portal-row";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MC1 = new Date("2021-06-16T08:28:00Z"); // 13:58 IST

const portal: PortalRow = {
  portalRef: "CWN-7700112233",
  beneficiaryName: "Ramesh Prasad Mandal",
  birthYear: 1969,
  sex: "MALE",
  idLast4: "6080",
  mobileLast4: "7755",
  dose: 2,
  vaccinatedAt: MC1,
  vaccinatedDateOnly: false,
  site: "Sultanganj PHC",
  block: "Sultanganj",
  blockId: 1,
  enteredAt: new Date("2021-06-18T05:50:00Z"),
};

let nextId = 100;
function record(patch: Partial<RegisterCandidate> = {}): RegisterCandidate {
  return {
    id: nextId++,
    block: "Sultanganj",
    dose: 2,
    vaccinatedAt: MC1,
    beneficiaryName: "Ramesh Prasad Mandal",
    birthYear: 1969,
    sex: "MALE",
    mobile: "9431207755",
    idLast4: "6080",
    site: "Sultanganj PHC",
    status: "PENDING",
    portalRef: null,
    ...patch,
  };
}

const row = (patch: Partial<PortalRow> = {}): PortalRow => ({ ...portal, ...patch });

describe("portal matching rule", () => {
  it("matches the one record with the same dose on the same day", () => {
    const r = record();
    expect(matchPortalRow(portal, [r, record({ dose: 1, vaccinatedAt: new Date(MC1.getTime() - 28 * DAY), status: "ENTERED", portalRef: "CWN-1" })])).toMatchObject({
      kind: "MATCH",
      recordId: r.id,
    });
  });

  it("tolerates a spelling difference in the name and a rejected record", () => {
    const r = record({ beneficiaryName: "Ramesch Parsad Mandal", status: "REJECTED" });
    expect(matchPortalRow(portal, [r])).toMatchObject({ kind: "MATCH", recordId: r.id });
  });

  it("does not take another person sharing block, ID last 4 and birth year", () => {
    expect(matchPortalRow(portal, [record({ beneficiaryName: "Suresh Kumar Yadav" })])).toEqual({
      kind: "NO_REGISTER_ROW",
      recordId: null,
      candidateIds: [],
      explanation: expect.any(String),
    });
  });

  it("needs the same block, ID last 4 and birth year (± 0)", () => {
    for (const patch of [{ block: "Pirpainti" }, { idLast4: "6081" }, { birthYear: 1968 }, { birthYear: 1970 }]) {
      expect(matchPortalRow(portal, [record(patch)]).kind, JSON.stringify(patch)).toBe("NO_REGISTER_ROW");
    }
  });

  it("takes 24 h apart as the same day and 24 h + 1 ms as another", () => {
    const later = record({ vaccinatedAt: new Date(MC1.getTime() + DAY) });
    expect(matchPortalRow(portal, [later])).toMatchObject({ kind: "MATCH", recordId: later.id });
    const earlier = record({ vaccinatedAt: new Date(MC1.getTime() - DAY) });
    expect(matchPortalRow(portal, [earlier])).toMatchObject({ kind: "MATCH", recordId: earlier.id });
    const tooLate = record({ vaccinatedAt: new Date(MC1.getTime() + DAY + 1) });
    expect(matchPortalRow(portal, [tooLate])).toMatchObject({ kind: "DATE_MISMATCH", recordId: tooLate.id, candidateIds: [tooLate.id] });
    const tooEarly = record({ vaccinatedAt: new Date(MC1.getTime() - DAY - 1) });
    expect(matchPortalRow(portal, [tooEarly]).kind).toBe("DATE_MISMATCH");
  });

  it("compares IST calendar days when the portal gives only a date", () => {
    const dateOnly = row({ vaccinatedAt: new Date("2021-06-15T18:30:00Z"), vaccinatedDateOnly: true }); // 16 Jun
    expect(vaccinatedSameDay(dateOnly, new Date("2021-06-17T18:29:59Z"))).toBe(true); // 17 Jun 23:59 IST
    expect(vaccinatedSameDay(dateOnly, new Date("2021-06-17T18:30:00Z"))).toBe(false); // 18 Jun 00:00 IST
    expect(vaccinatedSameDay(dateOnly, new Date("2021-06-14T18:30:00Z"))).toBe(true); // 15 Jun 00:00 IST
    expect(vaccinatedSameDay(dateOnly, new Date("2021-06-14T18:29:59Z"))).toBe(false); // 14 Jun 23:59 IST
  });

  it("reports the report's case: register has dose 2, portal shows dose 1", () => {
    const dose1 = record({ dose: 1, vaccinatedAt: new Date(MC1.getTime() - 28 * DAY), status: "ENTERED", portalRef: "CWN-5218039342" });
    const dose2 = record();
    const outcome = matchPortalRow(row({ dose: 1 }), [dose1, dose2]);
    expect(outcome).toMatchObject({ kind: "DOSE_MISMATCH", recordId: dose2.id, candidateIds: [dose2.id] });
  });

  it("reports the reverse: register has dose 1, portal shows dose 2", () => {
    const dose1 = record({ dose: 1 });
    expect(matchPortalRow(portal, [dose1])).toMatchObject({ kind: "DOSE_MISMATCH", recordId: dose1.id });
    // Only the other dose, on another day: still the person's other dose, not a missing row.
    const dose1Earlier = record({ dose: 1, vaccinatedAt: new Date(MC1.getTime() - 30 * DAY) });
    expect(matchPortalRow(portal, [dose1Earlier])).toMatchObject({ kind: "DOSE_MISMATCH", recordId: dose1Earlier.id });
  });

  it("prefers a date mismatch on the same dose over a dose mismatch on another day", () => {
    const sameDoseOtherDay = record({ vaccinatedAt: new Date(MC1.getTime() - 3 * DAY) });
    const otherDoseOtherDay = record({ dose: 1, vaccinatedAt: new Date(MC1.getTime() - 31 * DAY) });
    expect(matchPortalRow(portal, [sameDoseOtherDay, otherDoseOtherDay])).toMatchObject({ kind: "DATE_MISMATCH", recordId: sameDoseOtherDay.id });
  });

  it("calls two equally good candidates ambiguous, and lists them all", () => {
    const a = record();
    const b = record({ vaccinatedAt: new Date(MC1.getTime() + 2 * HOUR) });
    const outcome = matchPortalRow(portal, [b, a]);
    expect(outcome).toMatchObject({ kind: "AMBIGUOUS_MATCH", recordId: null, candidateIds: [a.id, b.id].sort((x, y) => x - y) });
  });

  it("matches the better candidate when the scores differ", () => {
    const otherMobile = record({ mobile: "9000001111" });
    const sameMobile = record();
    expect(matchPortalRow(portal, [otherMobile, sameMobile])).toMatchObject({ kind: "MATCH", recordId: sameMobile.id });
    const noSite = record({ site: "Middle School Masdi" });
    const atSite = record();
    expect(matchPortalRow(portal, [noSite, atSite])).toMatchObject({ kind: "MATCH", recordId: atSite.id });
  });

  it("recognises a row already applied by its portal ref, whatever else it says", () => {
    const applied = record({ status: "ENTERED", portalRef: portal.portalRef, dose: 1 });
    expect(matchPortalRow(portal, [applied])).toEqual({ kind: "ALREADY_APPLIED", recordId: applied.id });
  });

  it("takes a second portal entry for an already entered record as a duplicate, never as a match", () => {
    const entered = record({ status: "ENTERED", portalRef: "CWN-OTHER" });
    expect(matchPortalRow(portal, [entered])).toMatchObject({ kind: "NO_REGISTER_ROW", recordId: entered.id, candidateIds: [entered.id] });
    const open = record({ mobile: null });
    expect(matchPortalRow(portal, [entered, open])).toMatchObject({ kind: "MATCH", recordId: open.id });
  });

  it("scores name, sex, mobile and site", () => {
    expect(candidateScore(portal, record())).toBe(3 + 1 + 2 + 1);
    expect(candidateScore(portal, record({ beneficiaryName: "Ramesh Mandal", sex: "FEMALE", mobile: "9000001111", site: "Other" }))).toBe(2 + 0 - 2 + 0);
    expect(candidateScore(row({ mobileLast4: null, site: null }), record())).toBe(3 + 1);
    expect(candidateScore(portal, record({ mobile: null }))).toBe(3 + 1 + 1);
  });
});
