import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REGISTER_COLUMNS } from "@/core/domain/register-row";
import { ImportFileError, MAX_IMPORT_BYTES, RAGGED, readTable, type TableRow } from "@/server/services/imports/read-table";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/register");
const HEADER = "register_serial,block,site,vaccinated_at,beneficiary_name,birth_year,gender,mobile,id_type,id_number,dose,vaccine";
const LINE = "S-1,Pirpainti,PHC,2021-06-16 10:42,Sunita Kumari,1979,F,9876543210,Aadhaar,234123412346,1,Covishield";

async function rowsOf(bytes: AsyncIterable<Uint8Array>, fileName = "register.csv", maxBytes?: number): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of readTable({ bytes, fileName }, REGISTER_COLUMNS, { maxBytes })) rows.push(row);
  return rows;
}
const fixture = (name: string) => rowsOf(createReadStream(path.join(FIXTURES, name)), name);
async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === "string" ? new TextEncoder().encode(part) : part;
}
async function fileError(promise: Promise<unknown>): Promise<ImportFileError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportFileError)) throw new Error(`expected an ImportFileError, got ${String(error)}`);
  return error;
}

describe("reading CSV", () => {
  it("reads UTF-8 with a BOM, UTF-16 LE with a BOM (tab-separated, as Excel's Unicode text) and semicolons", async () => {
    const bom = await fixture("utf8-bom.csv");
    expect(bom.map((r) => r.cells.beneficiary_name)).toEqual(["अनीता कुमारी", "Ravi Ranjan"]);
    expect(Object.keys(bom[0]!.cells)[0]).toBe("register_serial");
    const utf16 = await fixture("utf16le.csv");
    expect(utf16.map((r) => [r.rowNumber, r.cells.beneficiary_name, r.cells.vaccine])).toEqual([
      [2, "पूजा भारती", "Covishield"],
      [3, "Sanjay Paswan", "Covishield"],
    ]);
    expect((await fixture("semicolon.csv")).map((r) => r.cells.register_serial)).toEqual(["FX-SEMI-001", "FX-SEMI-002"]);
  });

  it("reads UTF-16 BE with a BOM", async () => {
    const text = `${HEADER}\n${LINE.replace("Sunita Kumari", "गीता")}\n`;
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    const rows = await rowsOf(chunks(Buffer.from([0xfe, 0xff]), be));
    expect(rows[0]?.cells.beneficiary_name).toBe("गीता");
  });

  it("decodes characters split across chunks", async () => {
    const bytes = new TextEncoder().encode(`${HEADER}\n${LINE.replace("Sunita Kumari", "सुनीता")}\n`);
    const rows = await rowsOf((async function* () {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.slice(i, i + 7);
    })());
    expect(rows[0]?.cells.beneficiary_name).toBe("सुनीता");
  });

  it("matches headers in any order and case, with spaces or hyphens", async () => {
    const rows = await fixture("good-mixed.csv");
    expect(rows).toHaveLength(13);
    expect(rows[0]).toMatchObject({ rowNumber: 2, cells: { register_serial: "FX-GOOD-001", vaccinated_at: "2021-06-16 10:42", id_last4: "" } });
    expect(rows[4]?.cells.site).toBe("FX Sub-centre, Ward 3");
  });

  it("numbers rows as a spreadsheet does when quoted cells span lines", async () => {
    const rows = await fixture("multiline-quotes.csv");
    expect(rows.map((r) => [r.rowNumber, r.cells.register_serial])).toEqual([
      [2, "FX-ML-001"],
      [3, "FX-ML-002"],
      [4, "FX-ML-003"],
      [5, "FX-ML-004"],
      [6, "FX-ML-005"],
    ]);
    expect(rows[0]?.cells.beneficiary_name).toBe("Ram\nKumar Singh");
    expect(rows[1]?.cells.beneficiary_name).toBe('Sunil "Pappu" Mahto');
  });

  it("counts blank lines as rows but does not return them", async () => {
    const rows = await rowsOf(chunks(`${HEADER}\n\n${LINE}\n,,,\n${LINE}\n`));
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 5]);
  });

  it("marks ragged rows instead of failing, and ignores trailing empty cells", async () => {
    const rows = await fixture("ragged.csv");
    expect(rows.map((r) => r.cells[RAGGED] ?? null)).toEqual([null, "expected 12 cells, got 9", "expected 12 cells, got 14", null, null]);
    expect(rows[1]?.cells.beneficiary_name).toBe("Sunita Kumari");
    expect(rows[1]?.cells.dose).toBe("");
    expect(rows[2]).toMatchObject({ cells: { column_13: "extra", column_14: "cells" } });
  });

  it("fails on a quote that is never closed, naming the row", async () => {
    const error = await fileError(rowsOf(chunks(`${HEADER}\n${LINE}\n"S-2,Pirpainti\n`)));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/from row 3 on: a quoted cell is never closed/);
  });
});

describe("reading XLSX", () => {
  it("reads the first sheet by content (zip magic) with date, number, rich-text and formula cells", async () => {
    const rows = await fixture("register.xlsx");
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 6, 7]);
    expect(rows[0]?.cells).toMatchObject({ vaccinated_at: "2021-06-16 10:42", birth_year: "1980", mobile: "9876500011", beneficiary_name: "गीता देवी" });
    expect(rows[1]?.cells.id_number).toMatch(/^7\d{11}$/);
    expect(rows[2]?.cells).toMatchObject({ vaccinated_at: "2021-06-21", beneficiary_name: "Rakesh Yadav" });
    expect(rows[3]?.cells.birth_year).toBe("1961");
    const bytes = await readFile(path.join(FIXTURES, "register.xlsx"));
    expect((await rowsOf(chunks(bytes), "misnamed.csv")).length).toBe(5);
  });

  it("enforces the byte limit on a workbook too", async () => {
    const bytes = await readFile(path.join(FIXTURES, "register.xlsx"));
    expect((await fileError(rowsOf(chunks(bytes.subarray(0, 3000), bytes.subarray(3000)), "r.xlsx", 4000))).status).toBe(413);
  });
});

describe("file-level problems", () => {
  it.each([
    ["empty.csv", 400, /is empty/],
    ["header-only.csv", 400, /no data rows/],
    ["missing-columns.csv", 400, /missing the columns dose, vaccine/],
    ["wrong-columns.csv", 400, /not recognised: name, age, village, phone/],
    ["binary.csv", 415, /PNG image/],
    ["old-excel.xls", 415, /old-style Excel/],
    ["corrupt.xlsx", 400, /cannot be read/],
  ])("%s → %i", async (name, status, message) => {
    const error = await fileError(fixture(name));
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
  });

  it("refuses binary data without a known signature: invalid UTF-8 or NUL bytes", async () => {
    expect((await fileError(rowsOf(chunks(`${HEADER}\n`, new Uint8Array([0x53, 0xc3, 0x28, 0x0a]))))).status).toBe(415);
    expect((await fileError(rowsOf(chunks(`${HEADER}\n${LINE}\u0000\n`)))).status).toBe(415);
  });

  it("names a repeated column", async () => {
    expect((await fileError(rowsOf(chunks(`${HEADER},Dose\n${LINE},1\n`)))).message).toMatch(/"dose" appears more than once/);
  });

  it("accepts id_last4 in place of id_number, and says so when both are missing", async () => {
    const rows = await rowsOf(chunks(`${HEADER.replace("id_number", "id_last4")}\n${LINE.replace("234123412346", "2346")}\n`));
    expect(rows[0]?.cells.id_last4).toBe("2346");
    const error = await fileError(rowsOf(chunks(`${HEADER.replace(",id_number", "")}\n${LINE}\n`)));
    expect(error.message).toMatch(/id_number \(or id_last4\)/);
  });

  it("stops an endless upload at the byte limit while streaming", async () => {
    let sent = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      const chunk = new TextEncoder().encode(`${LINE}\n`.repeat(100));
      yield new TextEncoder().encode(`${HEADER}\n`);
      for (;;) {
        sent += chunk.length;
        yield chunk;
      }
    }
    const error = await fileError(rowsOf(endless(), "big.csv", 100_000));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/0.1 MB limit/);
    expect(sent).toBeLessThan(100_000 + 20_000);
  });

  it(
    "refuses a 1-million-row register (~110 MB) at the default 50 MB limit, in bounded memory",
    async () => {
      // Generated on the fly: nothing is kept, so heap growth shows whether the reader holds rows.
      let rowsSent = 0;
      let bytesSent = 0;
      async function* million(): AsyncGenerator<Uint8Array> {
        const encoder = new TextEncoder();
        yield encoder.encode(`${HEADER}\n`);
        let buffer = "";
        for (let i = 1; i <= 1_000_000; i++) {
          buffer += `S-${i},Pirpainti,PHC ${i % 10},2021-06-16 10:42,Sunita Kumari,1979,F,9876543210,Aadhaar,234123412346,1,Covishield\n`;
          if (buffer.length >= 256_000 || i === 1_000_000) {
            const bytes = encoder.encode(buffer);
            bytesSent += bytes.length;
            rowsSent = i;
            buffer = "";
            yield bytes;
          }
        }
      }
      // What the reader holds, not what the generator throws away: a full collection before each sample.
      const gc = (globalThis as { gc?: () => void }).gc;
      expect(gc, "the unit project runs with --expose-gc").toBeTypeOf("function");
      gc!();
      const heapBefore = process.memoryUsage().heapUsed;
      let heapPeak = heapBefore;
      let rowsRead = 0;
      const error = await fileError(
        (async () => {
          for await (const row of readTable({ bytes: million(), fileName: "million.csv" }, REGISTER_COLUMNS)) {
            rowsRead = row.rowNumber - 1;
            if (rowsRead % 50_000 === 0) {
              gc!();
              heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
            }
          }
        })(),
      );
      expect(error.status).toBe(413);
      expect(error.message).toMatch(/50 MB limit/);
      expect(bytesSent).toBeGreaterThan(MAX_IMPORT_BYTES);
      expect(bytesSent).toBeLessThan(MAX_IMPORT_BYTES + 300_000);
      expect(rowsSent).toBeLessThan(1_000_000);
      expect(rowsRead).toBeGreaterThan(400_000);
      expect(heapPeak - heapBefore).toBeLessThan(64 * 2 ** 20);
    },
    60_000,
  );
});
