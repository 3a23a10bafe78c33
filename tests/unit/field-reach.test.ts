import { describe, expect, it } from "vitest";
import type { ProbeState } from "@/core/domain/probe-state";
import { fieldReachVerdicts, type BlockReports, type CentralProbe } from "@/core/domain/field-reach";

const at = new Date("2021-06-22T17:00:00Z");

function block(blockId: number, name: string, reports: number, failures: number, lastOk: boolean | null, extra: Partial<BlockReports> = {}): BlockReports {
  return { blockId, block: name, reports, failures, failuresWhileCentralDown: 0, lastReportAt: reports ? at : null, lastOk, lastError: lastOk === false ? "timeout" : null, ...extra };
}

const central = (state: ProbeState | null): CentralProbe => ({ targetId: 1, name: "National portal", state });

const verdicts = (blocks: BlockReports[], c: CentralProbe) => Object.fromEntries(fieldReachVerdicts(blocks, c).map((b) => [b.block, b.verdict]));

describe("fieldReachVerdicts", () => {
  it("says NO_REPORTS for a block that sent nothing", () => {
    const [row] = fieldReachVerdicts([block(1, "Pirpainti", 0, 0, null)], central("UP"));
    expect(row!.verdict).toBe("NO_REPORTS");
    expect(row!.message).toMatch(/No reports from Pirpainti/);
  });

  it("blames the block's network when only it fails while the central probe is UP and others succeed", () => {
    const blocks = [block(1, "Pirpainti", 12, 12, false), block(2, "Sultanganj", 12, 0, true), block(3, "Kahalgaon", 6, 1, true)];
    const rows = fieldReachVerdicts(blocks, central("UP"));
    expect(rows.map((r) => r.verdict)).toEqual(["BLOCK_NETWORK", "OK", "OK"]);
    expect(rows[0]!.message).toMatch(/Only Pirpainti cannot reach the portal/);
    expect(rows[0]!.message).toMatch(/central probe sees National portal UP and 2 other blocks reach it/);
    expect(rows[0]!.message).toMatch(/0 of 12 reports reached the portal/);
  });

  it("counts DEGRADED at the centre as the portal answering", () => {
    expect(verdicts([block(1, "Pirpainti", 3, 3, false), block(2, "Sultanganj", 3, 0, true)], central("DEGRADED")).Pirpainti).toBe("BLOCK_NETWORK");
  });

  it("says PORTAL_DOWN when the central probe is DOWN, PENDING or in MAINTENANCE", () => {
    for (const state of ["DOWN", "PENDING", "MAINTENANCE"] as const) {
      const rows = fieldReachVerdicts([block(1, "Pirpainti", 4, 4, false), block(2, "Sultanganj", 4, 0, true)], central(state));
      expect(rows[0]!.verdict, state).toBe("PORTAL_DOWN");
      expect(rows[0]!.message).toContain(state);
      // A block that still gets through is OK, with the central state noted.
      expect(rows[1]!.verdict, state).toBe("OK");
      expect(rows[1]!.message).toMatch(/central probe sees National portal/);
    }
  });

  it("says PORTAL_DOWN when most reporting blocks fail, even if the central probe is UP", () => {
    const blocks = [block(1, "A", 5, 5, false), block(2, "B", 5, 5, false), block(3, "C", 5, 4, false), block(4, "D", 5, 0, true), block(5, "E", 0, 0, null)];
    const v = verdicts(blocks, central("UP"));
    expect(v).toEqual({ A: "PORTAL_DOWN", B: "PORTAL_DOWN", C: "PORTAL_DOWN", D: "OK", E: "NO_REPORTS" });
  });

  it("needs more than half of the reporting blocks, and at least two, for 'everywhere'", () => {
    const half = [block(1, "A", 5, 5, false), block(2, "B", 5, 5, false), block(3, "C", 5, 0, true), block(4, "D", 5, 0, true)];
    expect(verdicts(half, central("UP"))).toMatchObject({ A: "BLOCK_NETWORK", B: "BLOCK_NETWORK" });
    // One failing block alone, nothing to compare with and no central probe: still the block's, said so.
    const [alone] = fieldReachVerdicts([block(1, "Pirpainti", 2, 2, false)], null);
    expect(alone!.verdict).toBe("BLOCK_NETWORK");
    expect(alone!.message).toMatch(/no central probe or other block to compare against/);
  });

  it("judges by the latest report: a block that recovered is OK, with its failures counted", () => {
    const [row] = fieldReachVerdicts([block(1, "Pirpainti", 10, 9, true)], central("UP"));
    expect(row!.verdict).toBe("OK");
    expect(row!.message).toMatch(/1 of 10 reports reached the portal/);
  });

  it("blames the portal for failures made while the central probe saw it down (a past window)", () => {
    const blocks = [block(1, "Pirpainti", 6, 4, false, { failuresWhileCentralDown: 2 }), block(2, "Sultanganj", 6, 0, true)];
    expect(verdicts(blocks, central("UP")).Pirpainti).toBe("PORTAL_DOWN");
    const mostlyOwn = [block(1, "Pirpainti", 6, 5, false, { failuresWhileCentralDown: 2 }), block(2, "Sultanganj", 6, 0, true)];
    expect(verdicts(mostlyOwn, central("UP")).Pirpainti).toBe("BLOCK_NETWORK");
  });
});
