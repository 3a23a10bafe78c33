import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { en } from "@/i18n/messages/en";
import { hi } from "@/i18n/messages/hi";
import { formatCount, formatIstDate, formatIstDateTime, formatIstDateTimeFull } from "@/core/format/format";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/**
 * The {arguments} and <tags> of an ICU message: what a caller must pass, which must not differ between languages.
 * A small walker: {name}, {name, number}, {name, plural|select, key {nested message} …}; throws on unbalanced braces.
 */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  let i = 0;
  function text(untilClose: boolean): void {
    while (i < message.length) {
      const c = message[i];
      if (c === "}") {
        if (!untilClose) throw new Error(`unbalanced } in: ${message}`);
        i++;
        return;
      }
      if (c === "{") {
        i++;
        argument();
        continue;
      }
      if (c === "<") {
        const tag = /^<\/?([A-Za-z][\w]*)>/.exec(message.slice(i));
        if (tag) {
          found.add(`<${tag[1]}>`);
          i += tag[0].length;
          continue;
        }
      }
      i++;
    }
    if (untilClose) throw new Error(`unclosed { in: ${message}`);
  }
  function argument(): void {
    const head = /^\s*([A-Za-z_]\w*)\s*(?:,\s*(\w+)\s*)?/.exec(message.slice(i));
    if (!head) throw new Error(`bad argument in: ${message}`);
    found.add(`{${head[1]}}`);
    i += head[0].length;
    if (message[i] === "}") {
      i++;
      return;
    }
    if (message[i] !== ",") throw new Error(`bad argument in: ${message}`);
    i++;
    // Branches: key {nested} …, up to the closing brace of the argument.
    while (i < message.length) {
      const branch = /^\s*(=?[\w]+)\s*\{/.exec(message.slice(i));
      if (!branch) break;
      i += branch[0].length;
      text(true);
    }
    const close = /^\s*\}/.exec(message.slice(i));
    if (!close) throw new Error(`bad plural/select in: ${message}`);
    i += close[0].length;
  }
  text(false);
  return [...found].sort();
}

const EN = flatten(en as unknown as Tree);
const HI = flatten(hi as unknown as Tree);

describe("message catalogs", () => {
  it("have the same keys in English and Hindi", () => {
    expect([...HI.keys()].sort()).toEqual([...EN.keys()].sort());
    expect(EN.size).toBeGreaterThan(300);
  });

  it("have no empty messages", () => {
    for (const [key, value] of [...EN, ...HI]) expect(value.trim(), key).not.toBe("");
  });

  it("use the same placeholders and tags in both languages", () => {
    for (const [key, value] of EN) expect(placeholders(HI.get(key) ?? ""), key).toEqual(placeholders(value));
  });

  it("are actually translated: Hindi messages are in Devanagari, except names kept as they are", () => {
    const sameAllowed = new Set(["language.groupLabel", "common.unknown", "errors.detail"]);
    for (const [key, value] of HI) {
      if (sameAllowed.has(key)) continue;
      expect(/[\u0900-\u097F]/.test(value), `${key}: ${value}`).toBe(true);
    }
  });

  it("keep the switch labels and Bihar's health-office words", () => {
    expect(HI.get("blockTable.block")).toBe("प्रखंड");
    expect(HI.get("nav.camps")).toBe("शिविर");
    expect(HI.get("tiles.pending")).toContain("लंबित");
  });
});

describe("Indian number grouping", () => {
  it("groups in lakhs and crores in Hindi mode, with Latin digits", () => {
    expect(formatCount(95000, "hi")).toBe("95,000");
    expect(formatCount(207338, "hi")).toBe("2,07,338");
    expect(formatCount(10000000, "hi")).toBe("1,00,00,000");
    expect(formatCount(0, "hi")).toBe("0");
    expect(formatCount(999, "hi")).toBe("999");
  });

  it("uses Indian English grouping in English mode too (the default)", () => {
    expect(formatCount(207338, "en")).toBe("2,07,338");
    expect(formatCount(207338)).toBe("2,07,338");
    expect(formatCount(95000)).toBe("95,000");
  });
});

describe("IST dates", () => {
  const at = new Date("2021-06-21T08:35:00Z"); // 14:05 IST
  it("reads day, month, year and a 24-hour time in India Standard Time", () => {
    expect(formatIstDateTimeFull(at, "en")).toBe("21 Jun 2021, 14:05");
    expect(formatIstDateTimeFull(at, "hi")).toBe("21 जून 2021, 14:05");
    expect(formatIstDate(at, "hi")).toBe("21 जून 2021");
    expect(formatIstDateTime(at)).toBe("21 Jun, 14:05 IST");
    expect(formatIstDateTime(at, "hi")).toBe("21 जून, 14:05 IST");
  });

  it("shows five past midnight as 00:05, not 24:05", () => {
    const midnight = new Date("2021-06-20T18:35:00Z");
    expect(formatIstDateTime(midnight)).toBe("21 Jun, 00:05 IST");
    expect(formatIstDateTimeFull(midnight, "hi")).toBe("21 जून 2021, 00:05");
  });
});

describe("the server's refusals (errors.server)", () => {
  it("render in both languages with every placeholder filled, with no ICU syntax error (a stray <tag> or brace)", () => {
    for (const [locale, messages] of [["en", en], ["hi", hi]] as const) {
      const t = createTranslator({ locale, messages, namespace: "errors.server", onError: (error) => { throw error; } }) as unknown as (key: string, params: Record<string, string | number>) => string;
      for (const [key, text] of flatten(messages.errors.server as unknown as Tree)) {
        const params = Object.fromEntries(placeholders(text).filter((p) => p.startsWith("{")).map((p) => [p.slice(1, -1), 2]));
        expect(t(key, params), `${locale} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });
});
