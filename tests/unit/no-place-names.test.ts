/**
 * No district or block name in code: every source file under app/, core/, server/, scripts/ and i18n/ (and
 * package.json) is read, and a name of a district of Bihar's shipped list (data/reference/bihar.json) or of a demo
 * block (server/seed/demo-places.ts), in English or Hindi, fails the test with the file and line. Places are data:
 * the demo data (server/seed/) and the reference lists (data/) are where they belong, and tests may use them.
 * Matching is by whole word (letters and Devanagari marks around a match mean no match), any case.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import reference from "@/data/reference/bihar.json" with { type: "json" };
import { DEMO_DISTRICTS } from "@/server/seed/demo-places";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCANNED = ["app", "core", "server", "scripts", "i18n"];
const SKIPPED = new Set(["server/seed", "server/generated", "data"]);
const EXTENSIONS = /\.(?:tsx?|mts|mjs|js|json|css|md)$/;

/**
 * Names that are also ordinary words: matching them would flag sentences, not places. Each says why; a place
 * that is really meant is still caught by its English name.
 */
const GENERIC_WORDS: Record<string, string> = {
  गया: "the Hindi district name of Gaya is also the past participle 'was / went' (दिया गया, हो गया)",
};

/**
 * Lines that may still name a place for now, each with the reason. Keep this short: a line here is a defect of
 * someone's, with a TODO naming it, not a licence.
 */
const ALLOWED_LINES: { file: string; includes: string; reason: string }[] = [];

type Place = { name: string; kinds: Set<string> };

function placeNames(): Map<string, Place> {
  const places = new Map<string, Place>();
  const add = (name: string, kind: string) => {
    const key = name.toLowerCase();
    const place = places.get(key) ?? { name, kinds: new Set<string>() };
    place.kinds.add(kind);
    places.set(key, place);
  };
  for (const d of reference.districts) {
    add(d.name, "district");
    add(d.nameHi, "district");
  }
  // "Banka" is both a district and one of its blocks: one entry, both kinds, so it is reported once.
  for (const d of DEMO_DISTRICTS) {
    for (const b of d.blocks) {
      add(b.name, `block of ${d.name}`);
      add(b.nameHi, `block of ${d.name}`);
    }
  }
  for (const word of Object.keys(GENERIC_WORDS)) places.delete(word.toLowerCase());
  return places;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function matcher(places: Map<string, Place>): RegExp {
  // Longest first, so "Bhagalpur Urban" is reported as itself rather than as "Bhagalpur".
  const alternatives = [...places.values()].map((p) => p.name).sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_])(${alternatives.join("|")})(?![\\p{L}\\p{M}\\p{N}_])`, "giu");
}

function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED.has(rel) || entry.name === "node_modules" ? [] : walk(rel);
      return EXTENSIONS.test(entry.name) ? [rel] : [];
    });
  return [...SCANNED.flatMap(walk), "package.json"];
}

export type Finding = { file: string; line: number; name: string; kinds: string; text: string };

export function findPlaceNames(files: readonly string[], read: (file: string) => string): Finding[] {
  const places = placeNames();
  const re = matcher(places);
  const findings: Finding[] = [];
  for (const file of files) {
    read(file)
      .split("\n")
      .forEach((text, i) => {
        if (ALLOWED_LINES.some((a) => a.file === file && text.includes(a.includes))) return;
        for (const m of text.matchAll(re)) {
          const place = places.get(m[1]!.toLowerCase())!;
          findings.push({ file, line: i + 1, name: m[1]!, kinds: [...place.kinds].join(", "), text: text.trim().slice(0, 120) });
        }
      });
  }
  return findings;
}

describe("no place names in code", () => {
  it("knows the names it looks for (the reference list and the demo blocks were read)", () => {
    const places = placeNames();
    expect(places.size).toBeGreaterThan(38 * 2);
    expect([...places.get("banka")!.kinds].sort()).toEqual(["block of Banka", "district"]);
    expect(places.has("गया")).toBe(false);
    expect(places.has("gaya")).toBe(true);
  });

  it("catches a name as a whole word in any case, in English and Hindi, and not inside another word", () => {
    const files: Record<string, string> = {
      "a.ts": 'const x = "PIRPAINTI";\n// the Sabour camp\nconst banka = 1;',
      "b.ts": "भागलपुर ज़िला\nभागलपुरी\nBhagalpuri silk\nsubankar\nदिया गया",
    };
    const found = findPlaceNames(Object.keys(files), (f) => files[f]!);
    expect(found.map((f) => `${f.file}:${f.line}:${f.name}`)).toEqual(["a.ts:1:PIRPAINTI", "a.ts:2:Sabour", "a.ts:3:banka", "b.ts:1:भागलपुर"]);
  });

  it("every allow-listed line still exists (a stale entry would hide nothing and should go)", () => {
    for (const a of ALLOWED_LINES) expect(fs.readFileSync(path.join(ROOT, a.file), "utf8"), `${a.file}: ${a.reason}`).toContain(a.includes);
  });

  it("finds no district or block name in the source", () => {
    const found = findPlaceNames(sourceFiles(), (f) => fs.readFileSync(path.join(ROOT, f), "utf8"));
    const report = found.map((f) => `${f.file}:${f.line}: "${f.name}" (${f.kinds}) in: ${f.text}`);
    expect(report, "names of places belong in the database (or the demo data): read them from there").toEqual([]);
  });
});
