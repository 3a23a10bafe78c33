/**
 * Every CSV the app writes goes through safeCsvLines: a cell may hold any line break a spreadsheet or a
 * parser splits rows at, and must come back as one cell of one row; formulas stay neutralised.
 */
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { safeCell, safeCsvLines } from "@/server/services/imports/csv-safe";

const BREAKS: [string, string][] = [
  ["CR", "\r"],
  ["LF", "\n"],
  ["CRLF", "\r\n"],
  ["tab", "\t"],
  ["U+2028 line separator", "\u2028"],
  ["U+2029 paragraph separator", "\u2029"],
  ["U+0085 next line", "\u0085"],
];

describe("safeCsvLines keeps every row one row", () => {
  it.each(BREAKS)("a cell holding %s inside is one quoted cell", (_name, brk) => {
    const cell = `before${brk}after`;
    const text = safeCsvLines([["id", "note", "tail"], ["1", cell, "x"], ["2", "plain", "y"]]);
    const rows = parse(text) as string[][];
    expect(rows).toEqual([["id", "note", "tail"], ["1", cell, "x"], ["2", "plain", "y"]]);
    // A reader that splits on the character itself (Excel on CR, some on U+2028) sees it only inside quotes.
    if (brk !== "\t") expect(text).toContain(`"${cell}"`);
  });

  it.each(BREAKS)("a cell starting with %s is neutralised and still one cell", (_name, brk) => {
    const text = safeCsvLines([[`${brk}=HYPERLINK("http://example.invalid")`, "b"]]);
    const rows = parse(text) as string[][];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual([`'${brk}=HYPERLINK("http://example.invalid")`, "b"]);
  });

  it("quotes the separator and the quote character, and ends each line with CRLF", () => {
    const text = safeCsvLines([["a,b", 'say "hi"', "c"]]);
    expect(text).toBe('"a,b","say ""hi""",c\r\n');
  });

  it("keeps a long mix of breaks round-trip exact across many rows", () => {
    const rows = BREAKS.map(([name, brk], i) => [String(i), `${name}${brk}${brk}end`, `${brk}`]);
    expect(parse(safeCsvLines(rows))).toEqual(rows.map(([i, cell, lone]) => [i, cell, /^[\t\r]/.test(lone!) ? `'${lone}` : lone]));
  });
});

describe("safeCell neutralises formulas after leading whitespace too", () => {
  it.each([
    [" =1+1", "' =1+1"],
    ["  +1", "'  +1"],
    ["\n-2", "'\n-2"],
    ["\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"],
    ["\u2028=cmd", "'\u2028=cmd"],
    ["\r", "'\r"],
    ["a = b", "a = b"],
    [" Sunita", " Sunita"],
  ])("%j → %j", (value, safe) => expect(safeCell(value)).toBe(safe));
});
