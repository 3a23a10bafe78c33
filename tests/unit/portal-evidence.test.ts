import { describe, expect, it } from "vitest";
import { portalSide, registerSide, storedPortalRow, ZStoredPortalRow } from "@/core/domain/portal-evidence";
import { parsePortalRow } from "@/core/domain/portal-row";
import { DEMO_LOOKUP } from "@/tests/helpers/demo-lookup";

const cells = {
  portal_ref: "CWN-1",
  beneficiary_name: "Ramesh Prasad Mandal",
  birth_year: "1969",
  gender: "M",
  id_last4: "6080",
  mobile_last4: "7755",
  dose: "1",
  vaccinated_at: "16-06-2021",
  site: "",
  block: "Sultanganj",
  entered_at: "18/06/2021 10:15",
};

describe("anomaly evidence", () => {
  it("stores the row as read and as normalised, and reads it back", () => {
    const parsed = parsePortalRow(cells, new Date("2021-06-23T06:30:00Z"), DEMO_LOOKUP);
    if (!parsed.ok) throw new Error(parsed.reason);
    const stored = ZStoredPortalRow.parse(JSON.parse(JSON.stringify(storedPortalRow(cells, parsed.row, "why"))));
    expect(stored.cells).toEqual(cells);
    expect(portalSide(stored)).toEqual({
      portalRef: "CWN-1",
      beneficiaryName: "Ramesh Prasad Mandal",
      birthYear: 1969,
      sex: "MALE",
      idMasked: "ID ••••6080",
      mobileMasked: "7755",
      dose: 1,
      vaccinatedAt: new Date("2021-06-15T18:30:00Z"),
      vaccinatedDateOnly: true,
      site: null,
      block: "Sultanganj",
      enteredAt: new Date("2021-06-18T04:45:00Z"),
      explanation: "why",
    });
  });

  it("masks the register's numbers and drops every other column it is given", () => {
    const row = {
      id: 1,
      registerSerial: "SUL-MC1-000342",
      beneficiaryName: "Ramesh Prasad Mandal",
      birthYear: 1969,
      sex: "MALE",
      mobile: "9431207755",
      idType: "AADHAAR",
      idLast4: "6080",
      idHash: "secret-hash",
      dose: 2,
      vaccine: "COVAXIN",
      vaccinatedAt: new Date("2021-06-16T08:28:28Z"),
      site: "Sultanganj PHC",
      status: "PENDING",
      enteredAt: null,
      portalRef: null,
    };
    const side = registerSide(row);
    expect(side).toMatchObject({ mobileMasked: "••••••7755", idMasked: "Aadhaar XXXX XXXX 6080" });
    expect(JSON.stringify(side)).not.toMatch(/9431207755|secret-hash/);
  });
});
