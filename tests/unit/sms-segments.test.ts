import { describe, expect, it } from "vitest";
import { countSms, fitRankedList, smsSegments } from "@/core/domain/sms-segments";

const hi = (n: number) => "क".repeat(n);
const latin = (n: number) => "a".repeat(n);

describe("SMS segments", () => {
  it("GSM-7: 160 septets are one message, 161 are two parts of 153", () => {
    expect(countSms(latin(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1, perSegment: 160 });
    expect(countSms(latin(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2, perSegment: 153 });
    expect(smsSegments(latin(306))).toBe(2);
    expect(smsSegments(latin(307))).toBe(3);
  });

  it("GSM-7 extension characters take two septets", () => {
    expect(countSms(`${latin(158)}€`).units).toBe(160);
    expect(smsSegments(`${latin(158)}€`)).toBe(1);
    expect(smsSegments(`${latin(159)}€`)).toBe(2);
  });

  it("any Devanagari makes it UCS-2: 70 in one, 71 in two; 134 in two, 135 in three", () => {
    expect(countSms(hi(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1, perSegment: 70 });
    expect(countSms(hi(71))).toEqual({ encoding: "UCS-2", units: 71, segments: 2, perSegment: 67 });
    expect(smsSegments(hi(134))).toBe(2);
    expect(smsSegments(hi(135))).toBe(3);
  });

  it("one non-GSM character in Latin text switches the whole message to UCS-2", () => {
    expect(countSms(`${latin(69)}क`).encoding).toBe("UCS-2");
    expect(smsSegments(`${latin(70)}क`)).toBe(2);
    expect(smsSegments(`${latin(100)}“`)).toBe(2);
  });

  it("an empty text costs nothing", () => {
    expect(smsSegments("")).toBe(0);
  });
});

describe("fitRankedList", () => {
  const opts = { separator: "; ", maxSegments: 2, more: (n: number) => `+${n} और` };

  it("keeps every item when the whole list fits", () => {
    expect(fitRankedList("भागलपुर: ", ["क 1", "ख 2"], opts)).toBe("भागलपुर: क 1; ख 2");
  });

  it("cuts the list between items to stay within two segments, and says how many were left out", () => {
    const items = Array.from({ length: 20 }, (_, i) => `प्रखंड${i + 1} ${100 + i}`);
    const text = fitRankedList("भागलपुर: ", items, opts);
    expect(smsSegments(text)).toBeLessThanOrEqual(2);
    const shown = text.split("; ").slice(0, -1);
    expect(shown.length).toBeGreaterThan(0);
    // Whole items only, in rank order, then the count of the rest.
    expect(shown.map((s) => s.replace("भागलपुर: ", ""))).toEqual(items.slice(0, shown.length));
    expect(text.endsWith(`+${items.length - shown.length} और`)).toBe(true);
    // One item more would not have fitted.
    const oneMore = `भागलपुर: ${items.slice(0, shown.length + 1).join("; ")}; +${items.length - shown.length - 1} और`;
    expect(smsSegments(oneMore)).toBeGreaterThan(2);
  });
});
