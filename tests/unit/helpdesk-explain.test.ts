import { describe, expect, it } from "vitest";
import { doseState, explainDose, formatDay, formatDayTime, formatSpan, formatTime, type DoseFacts } from "@/core/domain/helpdesk-explain";
import { maskedQueryText, maskName, normaliseMobile, parseHelpdeskQuery } from "@/core/domain/helpdesk-query";

// 23 June 2021, 12:00 IST: the morning the report ran.
const NOW = new Date("2021-06-23T06:30:00Z");
const HOUR = 3_600_000;

const story: DoseFacts = {
  dose: 2,
  vaccine: "COVAXIN",
  vaccineName: "Covaxin",
  vaccineNameHi: "कोवैक्सिन",
  vaccinatedAt: new Date("2021-06-16T08:32:00Z"), // 16 June, 14:02 IST
  site: "Sultanganj PHC",
  block: "Sultanganj",
  blockHi: "सुल्तानगंज",
  status: "PENDING",
  enteredAt: null,
  rejectionReason: null,
  mobileLast4: "7755",
  openAnomaly: null,
  dosesOnPortal: [1],
};

describe("dates and spans", () => {
  it("prints IST calendar days in day-month order, the year only when it is not this year", () => {
    expect(formatDay(new Date("2021-06-15T19:00:00Z"), NOW, "en")).toBe("16 June"); // 00:30 IST on the 16th
    expect(formatDay(new Date("2021-06-16T08:32:00Z"), NOW, "hi")).toBe("16 जून");
    expect(formatDay(new Date("2020-12-31T20:00:00Z"), NOW, "en")).toBe("1 January 2021".replace(" 2021", "")); // 01:30 IST 1 Jan 2021
    expect(formatDay(new Date("2020-06-16T08:00:00Z"), NOW, "en")).toBe("16 June 2020");
  });

  it("prints 12-hour IST times, with the part of the day in Hindi", () => {
    expect(formatTime(new Date("2021-06-18T04:45:00Z"), "en")).toBe("10:15 am");
    expect(formatTime(new Date("2021-06-18T04:45:00Z"), "hi")).toBe("सुबह 10:15 बजे");
    expect(formatTime(new Date("2021-06-18T06:30:00Z"), "en")).toBe("12:00 pm");
    expect(formatTime(new Date("2021-06-18T12:30:00Z"), "hi")).toBe("शाम 6:00 बजे");
    expect(formatTime(new Date("2021-06-17T18:30:00Z"), "en")).toBe("12:00 am");
    expect(formatDayTime(new Date("2021-06-18T04:45:00Z"), NOW, "en")).toBe("18 June, 10:15 am");
  });

  it("says spans in whole days or hours, rounded down", () => {
    expect(formatSpan(6 * 24 * HOUR + 22 * HOUR, "en")).toBe("6 days");
    expect(formatSpan(24 * HOUR, "en")).toBe("1 day");
    expect(formatSpan(23 * HOUR + 59 * 60_000, "en")).toBe("23 hours");
    expect(formatSpan(HOUR, "en")).toBe("1 hour");
    expect(formatSpan(59 * 60_000, "en")).toBe("less than an hour");
    expect(formatSpan(-5, "en")).toBe("less than an hour");
    expect(formatSpan(6 * 24 * HOUR, "hi")).toBe("6 दिन");
    expect(formatSpan(HOUR, "hi")).toBe("1 घंटा");
    expect(formatSpan(5 * HOUR, "hi")).toBe("5 घंटे");
  });
});

describe("explainDose: pending", () => {
  it("tells the report's story: dose 2 given on 16 June, not on the portal, waiting 6 days, overdue", () => {
    const en = explainDose(story, NOW, "en");
    expect(en).toContain("Dose 2 (Covaxin) given on 16 June at Sultanganj PHC camp, Sultanganj block");
    expect(en).toContain("not yet on the portal; waiting for 6 days");
    expect(en).toContain("it is overdue, and it is on the Sultanganj block's list of overdue entries");
    expect(en).toContain("The portal shows dose 1 only so far.");
    expect(en).toContain("the certificate SMS goes to the registered mobile ending 7755");
    const hi = explainDose(story, NOW, "hi");
    expect(hi).toContain("खुराक 2 (कोवैक्सिन) 16 जून को Sultanganj PHC कैंप, सुल्तानगंज प्रखंड में दी गई");
    expect(hi).toContain("6 दिन से इंतज़ार है");
    expect(hi).toContain("सुल्तानगंज प्रखंड की बकाया प्रविष्टियों की सूची में है");
    expect(hi).toContain("7755");
  });

  it("explains an open dose-mismatch anomaly and what happens next", () => {
    const facts: DoseFacts = { ...story, openAnomaly: { kind: "DOSE_MISMATCH", portalDose: 1 } };
    const en = explainDose(facts, NOW, "en");
    expect(en).toContain("The portal shows dose 1 only: an open anomaly.");
    expect(en).toContain("dose 2 will be entered");
    expect(en).not.toContain("only so far");
    expect(explainDose(facts, NOW, "hi")).toContain("पोर्टल पर केवल खुराक 1 दिख रही है: यह एक खुली विसंगति है।");
    expect(explainDose({ ...story, openAnomaly: { kind: "DOSE_MISMATCH", portalDose: null } }, NOW, "en")).toContain("The portal shows a different dose");
    expect(explainDose({ ...story, openAnomaly: { kind: "DATE_MISMATCH", portalDose: 2 } }, NOW, "en")).toContain("on another date: an open anomaly");
    expect(explainDose({ ...story, openAnomaly: { kind: "AMBIGUOUS_MATCH", portalDose: 2 } }, NOW, "en")).toContain("someone else: an open anomaly");
    expect(doseState(facts, NOW)).toBe("anomaly");
  });

  it("is on time at 47:59 and overdue from 48:00", () => {
    const at = (hoursAgo: number, minutes = 0) => ({ ...story, vaccinatedAt: new Date(NOW.getTime() - hoursAgo * HOUR - minutes * 60_000), dosesOnPortal: [] });
    const onTime = explainDose(at(47, 59), NOW, "en");
    expect(onTime).toContain("waiting for 1 day");
    expect(onTime).toContain("the entry is due by 23 June, 12:01 pm (less than an hour left)");
    expect(onTime).not.toContain("overdue");
    expect(doseState(at(47, 59), NOW)).toBe("waiting");
    expect(explainDose(at(48), NOW, "en")).toContain("it is overdue");
    expect(doseState(at(48), NOW)).toBe("overdue");
    expect(explainDose(at(2), NOW, "hi")).toContain("(46 घंटे बाकी)");
  });

  it("without a mobile, points to the certificate download by ID", () => {
    const en = explainDose({ ...story, mobileLast4: null }, NOW, "en");
    expect(en).toContain("No mobile number is in the register");
    expect(en).not.toContain("ending");
  });

  it("says nothing about other doses when none is on the portal", () => {
    expect(explainDose({ ...story, dosesOnPortal: [] }, NOW, "en")).not.toContain("only so far");
    expect(explainDose({ ...story, dosesOnPortal: [2] }, NOW, "en")).not.toContain("only so far");
  });
});

describe("explainDose: entered and rejected", () => {
  it("says since when a dose is on the portal and where the SMS goes", () => {
    const facts: DoseFacts = { ...story, dose: 1, status: "ENTERED", vaccinatedAt: new Date("2021-05-19T05:00:00Z"), enteredAt: new Date("2021-05-19T10:15:00Z") };
    expect(explainDose(facts, NOW, "en")).toBe(
      "Dose 1 (Covaxin) given on 19 May at Sultanganj PHC camp, Sultanganj block; on the portal since 19 May, 3:45 pm. " +
        "The certificate SMS goes to the registered mobile ending 7755; if it has not come, the certificate can be downloaded from the portal with that mobile number.",
    );
    expect(explainDose(facts, NOW, "hi")).toContain("19 मई, दोपहर 3:45 बजे से पोर्टल पर दर्ज है");
    expect(doseState(facts, NOW)).toBe("onPortal");
  });

  it("gives the rejection reason and what the person should do, in both languages", () => {
    const facts: DoseFacts = { ...story, status: "REJECTED", rejectionReason: "Mobile number linked to 4 beneficiaries" };
    const en = explainDose(facts, NOW, "en");
    expect(en).toContain("the portal did not accept the entry: Mobile number linked to 4 beneficiaries.");
    expect(en).toContain("What to do: the portal allows 4 people per mobile number");
    const hi = explainDose(facts, NOW, "hi");
    expect(hi).toContain("मोबाइल नंबर पहले से 4 लाभार्थियों से जुड़ा है");
    expect(hi).toContain("क्या करें:");
    expect(doseState(facts, NOW)).toBe("rejected");
  });

  it("keeps the free text of a reason and falls back to a visit to the block office", () => {
    const detail = explainDose({ ...story, status: "REJECTED", rejectionReason: "Age on ID below 18: card says 2005" }, NOW, "hi");
    expect(detail).toContain("पहचान पत्र पर उम्र 18 से कम: card says 2005");
    const odd = explainDose({ ...story, status: "REJECTED", rejectionReason: "server said no" }, NOW, "en");
    expect(odd).toContain("entry: server said no.");
    expect(odd).toContain("visit the Sultanganj block office with the ID used at the camp");
    expect(explainDose({ ...story, status: "REJECTED", rejectionReason: null }, NOW, "en")).toContain("no reason was recorded");
  });
});

describe("helpdesk queries", () => {
  const year = 2021;
  it("accepts Indian mobiles with +91, 0 and spaces, and refuses malformed ones", () => {
    expect(normaliseMobile("+91 94312 07755")).toBe("9431207755");
    expect(normaliseMobile("09431207755")).toBe("9431207755");
    expect(normaliseMobile("919431207755")).toBe("9431207755");
    expect(normaliseMobile("94312-07755")).toBe("9431207755");
    for (const bad of ["5431207755", "943120775", "94312077555", "abcdefghij", "+1 9431207755"]) expect(normaliseMobile(bad), bad).toBeNull();
    expect(parseHelpdeskQuery({ kind: "mobile", mobile: "  " }, year)).toEqual({ ok: false, field: "mobile", problem: "mobileEmpty" });
    expect(parseHelpdeskQuery({ kind: "mobile", mobile: "12345" }, year)).toEqual({ ok: false, field: "mobile", problem: "mobileMalformed" });
  });

  it("refuses empty and too-short names and serials, and a name without a block", () => {
    expect(parseHelpdeskQuery({ kind: "name", name: "", blockId: 3 }, year)).toMatchObject({ ok: false, problem: "nameEmpty" });
    expect(parseHelpdeskQuery({ kind: "name", name: "Ra", blockId: 3 }, year)).toMatchObject({ ok: false, problem: "nameTooShort" });
    expect(parseHelpdeskQuery({ kind: "name", name: "गौतम", blockId: 3 }, year)).toMatchObject({ ok: true });
    expect(parseHelpdeskQuery({ kind: "name", name: "Gautam", blockId: null }, year)).toMatchObject({ ok: false, field: "blockId", problem: "blockRequired" });
    expect(parseHelpdeskQuery({ kind: "serial", serial: " ", blockId: null }, year)).toMatchObject({ ok: false, problem: "serialEmpty" });
    expect(parseHelpdeskQuery({ kind: "serial", serial: "S1", blockId: null }, year)).toMatchObject({ ok: false, problem: "serialTooShort" });
  });

  it("checks ID last 4 and birth year", () => {
    expect(parseHelpdeskQuery({ kind: "idLast4", idLast4: "6080", birthYear: "1969" }, year)).toEqual({ ok: true, query: { kind: "idLast4", idLast4: "6080", birthYear: 1969 } });
    expect(parseHelpdeskQuery({ kind: "idLast4", idLast4: "608", birthYear: 1969 }, year)).toMatchObject({ ok: false, problem: "idLast4Malformed" });
    expect(parseHelpdeskQuery({ kind: "idLast4", idLast4: "6080", birthYear: "69" }, year)).toMatchObject({ ok: false, problem: "birthYearMalformed" });
    expect(parseHelpdeskQuery({ kind: "idLast4", idLast4: "6080", birthYear: 2030 }, year)).toMatchObject({ ok: false, problem: "birthYearMalformed" });
  });

  it("masks what goes into the access log", () => {
    expect(maskedQueryText({ kind: "mobile", mobile: "9431207755" })).toBe("mobile ••••••7755");
    expect(maskedQueryText({ kind: "name", name: "Ramesh Prasad Mandal", blockId: 9 }, "Sultanganj")).toBe("name Ra•••• Pr•••• Ma•••• in Sultanganj");
    expect(maskName("गौतम कुमार")).not.toContain("गौतम");
    expect(maskedQueryText({ kind: "idLast4", idLast4: "6080", birthYear: 1969 })).toBe("ID ••••6080, born 1969");
  });
});
