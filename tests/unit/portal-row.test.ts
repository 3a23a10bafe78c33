import { describe, expect, it } from "vitest";
import { DEMO_LOOKUP } from "@/tests/helpers/demo-lookup";
import { parsePortalRow, PORTAL_COLUMNS } from "@/core/domain/portal-row";

const NOW = new Date("2021-06-23T06:30:00Z");

const good = {
  portal_ref: "CWN-7700112233",
  beneficiary_name: "  Ramesh   Prasad Mandal ",
  birth_year: "1969",
  gender: "M",
  id_last4: "XXXXXXXX6080",
  mobile_last4: "XXXXXX7755",
  dose: "Dose 2",
  vaccinated_at: "16/06/2021 13:58",
  site: "Sultanganj PHC",
  block: "Sultangunj",
  entered_at: "2021-06-18 11:20",
};

function rejection(cells: Record<string, string>) {
  const result = parsePortalRow(cells, NOW, DEMO_LOOKUP);
  return result.ok ? null : { column: result.column, reason: result.reason };
}

describe("portal export row", () => {
  it("normalises a good row", () => {
    const result = parsePortalRow(good, NOW, DEMO_LOOKUP);
    expect(result).toEqual({
      ok: true,
      row: {
        portalRef: "CWN-7700112233",
        beneficiaryName: "Ramesh Prasad Mandal",
        birthYear: 1969,
        sex: "MALE",
        idLast4: "6080",
        mobileLast4: "7755",
        dose: 2,
        vaccinatedAt: new Date("2021-06-16T08:28:00Z"),
        vaccinatedDateOnly: false,
        site: "Sultanganj PHC",
        block: "Sultanganj",
        blockId: DEMO_LOOKUP.home.find("Sultanganj")[0]!.id,
        enteredAt: new Date("2021-06-18T05:50:00Z"),
      },
    });
  });

  it("accepts the spellings of gender, dose, ID and mobile that exports use", () => {
    const parse = (patch: Record<string, string>) => {
      const r = parsePortalRow({ ...good, ...patch }, NOW, DEMO_LOOKUP);
      if (!r.ok) throw new Error(r.reason);
      return r.row;
    };
    expect(parse({ gender: "female" }).sex).toBe("FEMALE");
    expect(parse({ gender: "Transgender" }).sex).toBe("OTHER");
    expect(parse({ gender: "महिला" }).sex).toBe("FEMALE");
    expect(parse({ dose: "1" }).dose).toBe(1);
    expect(parse({ dose: "D-2" }).dose).toBe(2);
    expect(parse({ dose: "second" }).dose).toBe(2);
    expect(parse({ id_last4: "ab1c" }).idLast4).toBe("AB1C");
    expect(parse({ id_last4: "1234" }).idLast4).toBe("1234");
    expect(parse({ mobile_last4: "" }).mobileLast4).toBeNull();
    expect(parse({ mobile_last4: "7755" }).mobileLast4).toBe("7755");
    expect(parse({ site: " " }).site).toBeNull();
    expect(parse({ vaccinated_at: "16-06-2021" })).toMatchObject({ vaccinatedDateOnly: true, vaccinatedAt: new Date("2021-06-15T18:30:00Z") });
  });

  it("rejects each bad cell with its column and a reason", () => {
    expect(rejection({ ...good, portal_ref: "" })).toEqual({ column: "portal_ref", reason: "portal_ref is empty" });
    expect(rejection({ ...good, portal_ref: "CWN 77" })?.column).toBe("portal_ref");
    expect(rejection({ ...good, beneficiary_name: "   " })).toEqual({ column: "beneficiary_name", reason: "beneficiary_name is empty" });
    expect(rejection({ ...good, birth_year: "69" })?.column).toBe("birth_year");
    expect(rejection({ ...good, birth_year: "2022" })?.reason).toMatch(/not a plausible/);
    expect(rejection({ ...good, birth_year: "1899" })?.reason).toMatch(/not a plausible/);
    expect(rejection({ ...good, gender: "X" })?.column).toBe("gender");
    expect(rejection({ ...good, id_last4: "608" })?.column).toBe("id_last4");
    expect(rejection({ ...good, mobile_last4: "77A5" })?.column).toBe("mobile_last4");
    expect(rejection({ ...good, dose: "3" })).toEqual({ column: "dose", reason: "dose must be 1 or 2" });
    expect(rejection({ ...good, vaccinated_at: "31/06/2021" })?.column).toBe("vaccinated_at");
    expect(rejection({ ...good, block: "Patna Sadar" })).toEqual({
      column: "block",
      reason: "block \"Patna Sadar\" is not a block of Bhagalpur district; write the block's name as the district's block list has it",
    });
    expect(rejection({ ...good, block: "Amarpur" })).toEqual({
      column: "block",
      reason: "block Amarpur is a block of Banka district, not of Bhagalpur; that district imports its own registers",
    });
    expect(rejection({ ...good, entered_at: "18-06-2021" })?.reason).toMatch(/needs a time/);
  });

  it("rejects times that cannot be true at `now`", () => {
    expect(rejection({ ...good, vaccinated_at: "2021-06-23 12:01" })).toEqual({ column: "vaccinated_at", reason: "vaccinated_at is in the future" });
    expect(rejection({ ...good, vaccinated_at: "2021-06-23 12:00", entered_at: "2021-06-23 12:00" })).toBeNull();
    expect(rejection({ ...good, entered_at: "2021-06-23 12:01" })).toEqual({ column: "entered_at", reason: "entered_at is in the future" });
    expect(rejection({ ...good, entered_at: "2021-06-16 13:57" })).toEqual({ column: "entered_at", reason: "entered_at is before vaccinated_at" });
  });

  it("says which column the file lacks", () => {
    const withoutSite: Record<string, string> = { ...good };
    delete withoutSite.site;
    expect(rejection(withoutSite)).toEqual({ column: "site", reason: "the file has no site column" });
    expect(PORTAL_COLUMNS).toHaveLength(11);
  });

  it("resolves the district's block spellings from its directory (aliases, Hindi names), and nothing else", () => {
    const blockOf = (block: string) => {
      const r = parsePortalRow({ ...good, block }, NOW, DEMO_LOOKUP);
      return r.ok ? r.row.block : null;
    };
    expect(blockOf("Colgong")).toBe("Kahalgaon");
    expect(blockOf("PEERPAINTI")).toBe("Pirpainti");
    expect(blockOf("rangra-chowk")).toBe("Rangra Chowk");
    expect(blockOf("Naugachia")).toBe("Naugachhia");
    expect(blockOf("पीरपैंती")).toBe("Pirpainti");
    expect(blockOf("Bhagalpur Nagar Nigam")).toBe("Bhagalpur Urban");
    expect(blockOf("Bhagalpur")).toBeNull();
    expect(blockOf("Pir")).toBeNull();
  });
});
