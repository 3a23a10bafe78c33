import { describe, expect, it } from "vitest";
import { scopeFor } from "@/server/auth/scope";
import { applyStatusItems } from "@/server/services/records/record-status-items";
import { blockIdOf, loadUser, testDb } from "@/tests/helpers/callers";
import { restorePendingAfterAll } from "@/tests/helpers/restore-pending";
import { TEST_NOW } from "@/tests/helpers/test-clock";

const touched = restorePendingAfterAll();

describe("POST /api/v1/records/status items", () => {
  it("answers each item on its own, applies the valid ones, and is idempotent", async () => {
    const op = await loadUser("op.pirpainti");
    const scope = scopeFor(op);
    const records = await testDb().vaccinationRecord.findMany({
      where: { blockId: await blockIdOf("Pirpainti"), status: "PENDING" },
      take: 2,
      orderBy: { id: "asc" },
      select: { id: true, registerSerial: true },
    });
    const other = await testDb().vaccinationRecord.findFirstOrThrow({ where: { blockId: await blockIdOf("Sabour"), status: "PENDING" }, select: { id: true } });
    for (const id of [...records.map((r) => r.id), other.id]) touched.add(id);
    const items = [
      { id: records[0]!.id, status: "ENTERED", portalRef: "CWN-7000000001" },
      { registerSerial: records[1]!.registerSerial, block: "pirpainty ", status: "REJECTED", reason: "Duplicate entry already on portal" },
      { id: other.id, status: "ENTERED", portalRef: "CWN-7000000002" },
      { id: records[0]!.id, status: "ENTERED" },
      { status: "REJECTED", reason: "x" },
      "not an object",
    ];
    const first = await applyStatusItems(testDb(), scope, op.id, items, TEST_NOW);
    expect(first.map((a) => a.result)).toEqual(["changed", "changed", "error", "error", "error", "error"]);
    expect(first[2]).toMatchObject({ error: "No such record in your scope." });
    expect(first[3]).toMatchObject({ error: expect.stringMatching(/needs "portalRef"/) });

    // The historical spelling "pirpainty " found the record; asking again by the official name changes nothing.
    const bySerial = await applyStatusItems(testDb(), scope, op.id, [{ registerSerial: records[1]!.registerSerial, block: "Pirpainti", status: "REJECTED", reason: "Duplicate entry already on portal" }], TEST_NOW);
    expect(bySerial[0]).toMatchObject({ result: "unchanged", status: "REJECTED" });

    const again = await applyStatusItems(testDb(), scope, op.id, items.slice(0, 1), TEST_NOW);
    expect(again[0]).toMatchObject({ result: "unchanged", status: "ENTERED" });
    expect((await testDb().vaccinationRecord.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("PENDING");
  });
});
