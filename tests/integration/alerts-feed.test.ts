import { describe, expect, it } from "vitest";
import { callerFor } from "@/tests/helpers/callers";

// The alert feed gives the page facts to word in the reader's language (issue 15: no English alert text on a
// Hindi page), for every kind the demo raises.
describe("probes.listAlerts facts", () => {
  it("carries the facts of every demo alert, with the block's Hindi name for block alerts", async () => {
    const rows = await (await callerFor("dio")).probes.listAlerts({ limit: 100 });
    expect(rows.length).toBeGreaterThan(0);
    for (const a of rows) expect(a.facts, `alert ${a.id} (${a.kind})`).not.toBeNull();
    const block = rows.find((a) => a.kind === "BLOCK_AT_RISK");
    if (block) expect(block.facts).toMatchObject({ about: "block", blockHi: expect.stringMatching(/[\u0900-\u097F]/) });
    const probe = rows.find((a) => a.kind === "PROBE_DOWN");
    expect(probe?.facts).toMatchObject({ about: "probe", target: expect.any(String), startedAt: expect.any(Date) });
  });
});
