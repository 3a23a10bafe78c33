import { describe, expect, it } from "vitest";
import { maskIdNumber, maskMobile } from "@/core/domain/masking";
import { hashIdNumber, idLast4, normalizeIdNumber } from "@/server/services/imports/id-number";

describe("maskMobile", () => {
  it("keeps only the last four digits", () => {
    expect(maskMobile("9876543210")).toBe("••••••3210");
    expect(maskMobile("+91 98765 43210")).toBe("••••••••3210");
  });
  it("shows a dash when there is no mobile, and hides very short values entirely", () => {
    expect(maskMobile(null)).toBe("—");
    expect(maskMobile("")).toBe("—");
    expect(maskMobile("123")).toBe("••••");
  });
  it("never contains the first six digits of the number", () => {
    expect(maskMobile("9876543210")).not.toContain("987654");
  });
});

describe("maskIdNumber", () => {
  it("shows Aadhaar in its usual masked form", () => {
    expect(maskIdNumber("AADHAAR", "9012")).toBe("Aadhaar XXXX XXXX 9012");
  });
  it("labels other ID types and hides malformed tails", () => {
    expect(maskIdNumber("VOTER_ID", "4521")).toBe("Voter ID ••••4521");
    expect(maskIdNumber("AADHAAR", "12")).toBe("Aadhaar XXXX XXXX ••••");
    expect(maskIdNumber("SOMETHING", "1234")).toBe("ID ••••1234");
  });
});

describe("ID numbers", () => {
  it("normalises spaces and dashes before hashing, so the same person matches", () => {
    expect(normalizeIdNumber("2345 6789-0123")).toBe("234567890123");
    expect(hashIdNumber("2345 6789 0123", "k".repeat(32))).toBe(hashIdNumber("234567890123", "k".repeat(32)));
  });
  it("depends on the key, so a leaked table cannot be reversed without it", () => {
    expect(hashIdNumber("234567890123", "a".repeat(32))).not.toBe(hashIdNumber("234567890123", "b".repeat(32)));
    expect(hashIdNumber("234567890123", "a".repeat(32))).not.toContain("234567890123");
  });
  it("keeps the last four characters", () => {
    expect(idLast4("2345 6789 0123")).toBe("0123");
  });
});
