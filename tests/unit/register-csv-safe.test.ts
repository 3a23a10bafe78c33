import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { parseRegisterRow } from "@/core/domain/register-row";
import { UTF8_BOM, safeCell, safeCsvLines } from "@/server/services/imports/csv-safe";
import { REGISTER_TEMPLATE_COLUMNS, REGISTER_TEMPLATE_CSV } from "@/server/services/imports/register-template";
import { DEMO_LOOKUP } from "@/tests/helpers/demo-lookup";

describe("safeCell", () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tTabbed", "'\tTabbed"],
    ["\rReturn", "'\rReturn"],
    ["Sunita Kumari", "Sunita Kumari"],
    ["a=b", "a=b"],
    ["सुनीता", "सुनीता"],
    ["", ""],
  ])("%j → %j", (value, safe) => expect(safeCell(value)).toBe(safe));

  it("writes numbers, null and dates as text", () => {
    expect([safeCell(12), safeCell(null), safeCell(undefined), safeCell(new Date("2021-06-16T05:12:00Z"))]).toEqual(["12", "", "", "2021-06-16T05:12:00.000Z"]);
    expect(safeCell(-5)).toBe("'-5");
  });

  it("quotes as CSV needs and neutralises every cell of every line", () => {
    const text = safeCsvLines([["a,b", '=1+"2"'], ["line\nbreak", "@x"]]);
    expect(parse(text)).toEqual([["a,b", `'=1+"2"`], ["line\nbreak", "'@x"]]);
    expect(text.endsWith("\r\n")).toBe(true);
  });
});

describe("the register template", () => {
  it("starts with a BOM and has the header and two example rows that pass the row rules", () => {
    expect(REGISTER_TEMPLATE_CSV.startsWith(UTF8_BOM)).toBe(true);
    const [header, ...rows] = parse(REGISTER_TEMPLATE_CSV.slice(1)) as string[][];
    expect(header).toEqual([...REGISTER_TEMPLATE_COLUMNS]);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const cells = Object.fromEntries(header!.map((c, i) => [c, row[i] ?? ""]));
      // The public template's block is a placeholder; with a block of the importer's district the rows import.
      expect(parseRegisterRow(cells, new Date("2021-06-23T06:30:00Z"), DEMO_LOOKUP)).toMatchObject({ ok: false, problems: [{ column: "block", key: "importRow.blockUnknown" }] });
      expect(parseRegisterRow({ ...cells, block: "Pirpainti" }, new Date("2021-06-23T06:30:00Z"), DEMO_LOOKUP).ok).toBe(true);
    }
  });
});
