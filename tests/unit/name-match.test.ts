import { describe, expect, it } from "vitest";
import { editDistance, nameKeys, nameMatchScore, namesMatch, nameWords, phoneticKey, transliterate, wordFit } from "@/core/domain/name-match";

describe("transliterate (Devanagari to a Latin skeleton)", () => {
  it.each([
    ["गौतम", "gautam"],
    ["कुमार", "kumaar"],
    ["रमेश", "ramesh"],
    ["प्रसाद", "prasaad"],
    ["मंडल", "mandal"],
    ["सिंह", "singh"],
    ["मिश्रा", "mishraa"],
    ["जितेंद्र", "jitendr"],
    ["शांति", "shaanti"],
    ["उषा", "ushaa"],
    ["आफ़ताब", "aafataab"],
    ["तबरेज़", "tabarez"],
  ])("%s → %s", (devanagari, latin) => {
    expect(transliterate(devanagari)).toBe(latin);
  });

  it("handles precomposed nukta letters (NFC) like the decomposed ones", () => {
    const precomposed = "\u095B"; // ज़ as one code point
    expect(transliterate(`तबरे${precomposed}`)).toBe("tabarez");
    expect(transliterate("ड़")).toBe("r");
  });

  it("leaves Latin text alone", () => {
    expect(transliterate("Gautam Kumar")).toBe("Gautam Kumar");
  });

  it("splits words on spaces and punctuation, drops accents", () => {
    expect(nameWords("Md. Rāmesh  Prasad-Mandal")).toEqual(["md", "ramesh", "prasad", "mandal"]);
    expect(nameWords("गौतम कुमार")).toEqual(["gautam", "kumaar"]);
    expect(nameWords("  ")).toEqual([]);
  });
});

describe("phoneticKey", () => {
  const sameKey: [string, string[]][] = [
    ["gtm", ["Gautam", "Goutam", "Gotam", "Gautham", "गौतम"]],
    ["kmr", ["Kumar", "Kumaar", "Coomar", "कुमार"]],
    ["prsd", ["Prasad", "Prashad", "Parsad", "Prasaad", "प्रसाद"]],
    ["mndl", ["Mandal", "Mondal", "मंडल"]],
    ["sng", ["Singh", "Sing", "सिंह"]],
    ["cdri", ["Choudhary", "Chaudhary", "Chowdhury", "Chaudhari", "चौधरी"]],
    ["sdki", ["Siddiqui", "Siddiqi", "सिद्दीकी"]],
    ["tbri", ["Tiwari", "Tiwary", "Tewari", "तिवारी"]],
    ["bks", ["Vikash", "Vikas", "Bikash", "विकास"]],
    ["pj", ["Pooja", "Puja", "पूजा"]],
    ["ksb", ["Khushboo", "Khusbu", "खुशबू"]],
    ["ri", ["Rai", "Ray", "राय"]],
    ["ikbl", ["Iqbal", "Ekbal", "इकबाल"]],
    ["aftb", ["Aftab", "Aaftab", "आफ़ताब"]],
    ["irfn", ["Irfan", "इरफ़ान"]],
    ["jtndr", ["Jitendra", "Jitender", "जितेंद्र"]],
    ["nrjhn", ["Noorjahan", "Nurjahan", "नूरजहां"]],
    ["msr", ["Mishra", "Misra", "मिश्रा"]],
  ];
  it.each(sameKey)("%s", (key, spellings) => {
    for (const s of spellings) expect(nameKeys(s), s).toEqual([key]);
  });

  it("keeps a word-final i, so Kumar and Kumari differ", () => {
    expect(phoneticKey("kumari")).toBe("kmri");
    expect(nameKeys("कुमारी")).toEqual(["kmri"]);
    expect(phoneticKey("kumar")).not.toBe(phoneticKey("kumari"));
  });

  it("keeps a word-initial vowel and drops the rest", () => {
    expect(phoneticKey("anita")).toBe("ant");
    expect(phoneticKey("sunita")).toBe("snt");
    expect(phoneticKey("usha")).toBe("us");
  });

  it("is empty for a word without letters", () => {
    expect(phoneticKey("")).toBe("");
    expect(phoneticKey("123")).toBe("");
  });
});

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "abc", 0],
    ["abc", "abd", 1],
    ["abc", "ab", 1],
    ["mndl", "mdnl", 1], // adjacent transposition
    ["kitten", "sitting", 3],
  ])("%s / %s = %d", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
  it("stops early past the limit", () => {
    expect(editDistance("abcdef", "uvwxyz", 1)).toBe(2);
    expect(editDistance("a", "abcd", 1)).toBe(2);
  });
});

describe("wordFit", () => {
  it("scores same key 3, one edit on long keys 2, an initial 1", () => {
    expect(wordFit("gtm", "gtm")).toBe(3);
    expect(wordFit("mndl", "mndal".replace("a", ""))).toBe(3);
    expect(wordFit("prsd", "prsdh")).toBe(2);
    expect(wordFit("r", "rms")).toBe(1);
    expect(wordFit("r", "kmr")).toBe(0);
  });
  it("allows no edit on short keys (Ramesh is not Rajesh)", () => {
    expect(wordFit("rms", "rjs")).toBe(0);
    expect(wordFit("", "rms")).toBe(0);
  });
});

describe("namesMatch", () => {
  it("matches Devanagari and Latin spellings of the same name", () => {
    expect(namesMatch("गौतम कुमार", "Gautam Kumar")).toBe(true);
    expect(namesMatch("Gautam Kumar", "गौतम कुमार")).toBe(true);
    expect(namesMatch("Ramesh Prasad Mandal", "रमेश प्रसाद मंडल")).toBe(true);
    expect(namesMatch("शबनम ख़ातून", "Shabnam Khatun")).toBe(true);
    expect(namesMatch("Mohammad Tabrez Ansari", "मोहम्मद तबरेज़ अंसारी")).toBe(true);
  });

  it("matches small spelling differences", () => {
    expect(namesMatch("Goutam Kumaar", "Gautam Kumar")).toBe(true);
    expect(namesMatch("Ramesh Parsad Mondal", "Ramesh Prasad Mandal")).toBe(true);
    expect(namesMatch("Ramesh Prasad Mandl", "Ramesh Prasad Mandal")).toBe(true);
    expect(namesMatch("Sunita Devi", "SUNITA  DEVI")).toBe(true);
    expect(namesMatch("Bikash Choudhary", "Vikash Chaudhari")).toBe(true);
  });

  it("matches words in another order, a part of the name, and initials", () => {
    expect(namesMatch("Mandal Ramesh", "Ramesh Prasad Mandal")).toBe(true);
    expect(namesMatch("Ramesh Mandal", "Ramesh Prasad Mandal")).toBe(true);
    expect(namesMatch("R. P. Mandal", "Ramesh Prasad Mandal")).toBe(true);
  });

  it("does not match different names", () => {
    expect(namesMatch("Ramesh Mandal", "Rajesh Mandal")).toBe(false);
    expect(namesMatch("Suresh Kumar", "Ramesh Kumar")).toBe(false);
    expect(namesMatch("Sunita Devi", "Anita Devi")).toBe(false);
    expect(namesMatch("Gautam Kumar", "Gautam Kumari")).toBe(false);
    expect(namesMatch("Rameshwar Mandal", "Ramesh Mandal")).toBe(false);
    expect(namesMatch("Ramesh Prasad Mandal", "Ramesh Mandal")).toBe(false);
    expect(namesMatch("Gautam", "Pankaj Yadav")).toBe(false);
    expect(namesMatch("", "Gautam Kumar")).toBe(false);
    expect(namesMatch("Gautam", "")).toBe(false);
  });

  it("ranks the exact name above a longer one and a near spelling", () => {
    const exact = nameMatchScore("Ramesh Mandal", "Ramesh Mandal");
    const longer = nameMatchScore("Ramesh Mandal", "Ramesh Prasad Mandal");
    const near = nameMatchScore("Ramesh Mandal", "Ramesh Mandol");
    expect(exact).toBeGreaterThan(longer);
    expect(exact).toBeGreaterThanOrEqual(near);
    expect(longer).toBeGreaterThan(0);
  });

  it("does not let one name word answer two query words", () => {
    expect(namesMatch("Kumar Kumar", "Gautam Kumar")).toBe(false);
  });
});
