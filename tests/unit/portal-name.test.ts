import { describe, expect, it } from "vitest";
import { levenshtein, nameSimilarity, namesMatch, nameTokens } from "@/core/domain/portal-name";

describe("beneficiary name similarity", () => {
  it("ignores case, Latin diacritics, spaces and punctuation", () => {
    expect(nameTokens("  Rāmesh  PRASAD-Mandal. ")).toEqual(["ramesh", "prasad", "mandal"]);
    expect(nameSimilarity("Ramesh Prasad Mandal", "RAMESH PRASAD MANDAL")).toBe(1);
    expect(nameSimilarity("Rameshprasad Mandal", "Ramesh Prasad Mandal")).toBe(1);
    expect(nameSimilarity("Rāmesh Prasād Mandal", "Ramesh.Prasad,Mandal")).toBe(1);
  });

  it("allows small spelling differences up to a quarter of the name", () => {
    expect(namesMatch("Ramesh Prasad Mandal", "Ramesch Parsad Mandal")).toBe(true);
    expect(namesMatch("Priyanka Devi", "Priyanka Devii")).toBe(true);
    expect(namesMatch("Sunita Kumari", "Sunita Kumar")).toBe(true);
  });

  it("pairs words in any order, with a dropped middle name or initials", () => {
    expect(namesMatch("Mandal Ramesh Prasad", "Ramesh Prasad Mandal")).toBe(true);
    expect(namesMatch("Ramesh Mandal", "Ramesh Prasad Mandal")).toBe(true);
    expect(namesMatch("R. P. Mandal", "Ramesh Prasad Mandal")).toBe(true);
  });

  it("does not take different people, a lone first name or initials only as the same", () => {
    expect(namesMatch("Ramesh Prasad Mandal", "Suresh Kumar Yadav")).toBe(false);
    expect(namesMatch("Ramesh", "Ramesh Prasad Mandal")).toBe(false);
    expect(namesMatch("R. P. M.", "Ramesh Prasad Mandal")).toBe(false);
    expect(namesMatch("Manju Tiwari", "Manoj Tiwari Jha")).toBe(false);
  });

  it("does not compare Devanagari with Latin, but compares Devanagari with Devanagari", () => {
    expect(namesMatch("रमेश प्रसाद मंडल", "Ramesh Prasad Mandal")).toBe(false);
    expect(namesMatch("रमेश प्रसाद मंडल", "रमेश प्रसाद मंडल")).toBe(true);
  });

  it("treats an empty name as no evidence", () => {
    expect(nameSimilarity("", "")).toBe(0);
    expect(nameSimilarity("...", "Ramesh")).toBe(0);
  });

  it("measures edit distance", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(levenshtein("abc", "abc")).toBe(0);
  });
});
