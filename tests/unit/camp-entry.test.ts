import { describe, expect, it } from "vitest";
import { parseCampEntry, type CampEntryCells } from "@/core/domain/camp-entry";
import { verhoeffCheckDigit } from "@/core/domain/verhoeff";
import { vaccineCatalogue } from "@/core/domain/vaccine-catalogue";
import { DEMO_VACCINES } from "@/tests/helpers/demo-lookup";

const VACCINES = vaccineCatalogue(DEMO_VACCINES);

const NOW = new Date("2021-06-21T06:30:00Z");
const base = "23456789012";
const AADHAAR = base + verhoeffCheckDigit(base);
const cells: CampEntryCells = {
  register_serial: "PIR-C-41",
  site: "UMS  Ekdara",
  beneficiary_name: "सुनीता देवी",
  birth_year: "1981",
  gender: "F",
  mobile: "+91 98765 43210",
  id_type: "AADHAAR",
  id_number: `${AADHAAR.slice(0, 4)} ${AADHAAR.slice(4, 8)} ${AADHAAR.slice(8)}`,
  dose: "1",
  vaccine: "Covishield",
};

describe("parseCampEntry", () => {
  it("takes a good entry as the register import would store it, keeping the whole number only for hashing", () => {
    const result = parseCampEntry(cells, NOW, NOW, VACCINES);
    expect(result).toMatchObject({ ok: true, entry: { site: "UMS Ekdara", mobile: "9876543210", idNumber: AADHAAR, idLast4: AADHAAR.slice(-4), vaccine: "COVISHIELD", dose: 1, sex: "FEMALE", campDate: "2021-06-21" } });
  });

  it("names every bad cell: a miscopied Aadhaar digit, a short mobile, an age under 18, a dose time in the future", () => {
    const wrongDigit = AADHAAR.slice(0, 11) + String((Number(AADHAAR[11]) + 1) % 10);
    const result = parseCampEntry({ ...cells, id_number: wrongDigit, mobile: "98765", birth_year: "2010" }, new Date(NOW.getTime() + 60_000), NOW, VACCINES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.column).sort()).toEqual(["birth_year", "id_number", "mobile", "vaccinated_at"]);
    expect(result.problems.find((p) => p.column === "id_number")!.reason).toMatch(/check digit/);
  });

  it("takes the state's vaccines only, and no dose the vaccine does not have", () => {
    const unknown = parseCampEntry({ ...cells, vaccine: "Polio drops" }, NOW, NOW, VACCINES);
    expect(unknown.ok).toBe(false);
    const third = parseCampEntry({ ...cells, dose: "3" }, NOW, NOW, VACCINES);
    expect(third.ok === false && third.problems.map((p) => p.column)).toEqual(["dose"]);
    expect(parseCampEntry({ ...cells, dose: "2" }, NOW, NOW, VACCINES).ok).toBe(true);
  });

  it("takes the vaccination time at the edge: now is fine, a millisecond later is not", () => {
    expect(parseCampEntry(cells, NOW, NOW, VACCINES).ok).toBe(true);
    expect(parseCampEntry(cells, new Date(NOW.getTime() + 1), NOW, VACCINES).ok).toBe(false);
  });
});
