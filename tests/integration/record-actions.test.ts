import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { blockIdOf, callerFor, testDb } from "@/tests/helpers/callers";
import { restorePendingAfterAll } from "@/tests/helpers/restore-pending";

const touched = restorePendingAfterAll();

async function pendingIds(block: string, take: number): Promise<number[]> {
  const rows = await testDb().vaccinationRecord.findMany({
    where: { blockId: await blockIdOf(block), status: "PENDING" },
    orderBy: { id: "desc" },
    take,
    select: { id: true },
  });
  rows.forEach((r) => touched.add(r.id));
  return rows.map((r) => r.id);
}


const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));

describe("operator workflow", () => {
  it("marks records entered and rejected, moves the backlog by exactly that many, and writes history", async () => {
    const op = await callerFor("op.pirpainti");
    const pirpainti = await blockIdOf("Pirpainti");
    const before = (await op.backlog.getSummary({ blockId: pirpainti })).district;
    const [a, b, c] = await pendingIds("Pirpainti", 3);
    const entered = await op.records.markEntered({ items: [{ id: a!, portalRef: "CWN-9000000001" }, { id: b!, portalRef: "CWN-9000000002" }] });
    expect(entered.map((o) => o.changed)).toEqual([true, true]);
    await op.records.markRejected({ ids: [c!], reason: "Age on ID below 18", detail: "Aadhaar shows 2005" });
    const after = (await op.backlog.getSummary({ blockId: pirpainti })).district;
    expect(after.pending).toBe(before.pending - 3);
    expect(after.entered).toBe(before.entered + 2);
    expect(after.rejected).toBe(before.rejected + 1);

    const detail = await op.records.getDetail({ id: c! });
    expect(detail.status).toBe("REJECTED");
    expect(detail.rejectionReason).toBe("Age on ID below 18: Aadhaar shows 2005");
    expect(detail.history.at(-1)).toMatchObject({ from: "PENDING", to: "REJECTED", by: "Data Operator, Pirpainti" });
  });

  it("is idempotent: marking the same record with the same reference again changes nothing", async () => {
    const op = await callerFor("op.pirpainti");
    const [a] = await pendingIds("Pirpainti", 1);
    await op.records.markEntered({ items: [{ id: a!, portalRef: "CWN-9000000011" }] });
    const again = await op.records.markEntered({ items: [{ id: a!, portalRef: "CWN-9000000011" }] });
    expect(again[0]!.changed).toBe(false);
    expect((await op.records.getDetail({ id: a! })).history.filter((h) => h.to === "ENTERED")).toHaveLength(1);
  });

  it("refuses records of another block as if they did not exist, and writes nothing", async () => {
    const sup = await callerFor("sup.sultanganj");
    const [mine] = await pendingIds("Sultanganj", 1);
    const [theirs] = await pendingIds("Pirpainti", 1);
    const error = await sup.records.markEntered({ items: [{ id: mine!, portalRef: "CWN-9000000021" }, { id: theirs!, portalRef: "CWN-9000000022" }] }).catch((e) => e);
    expect(code(error)).toBe("NOT_FOUND");
    expect((await sup.records.getDetail({ id: mine! })).status).toBe("PENDING");
    expect(code(await sup.records.getDetail({ id: theirs! }).catch((e) => e))).toBe("NOT_FOUND");
  });

  it("validates input with clear messages", async () => {
    const op = await callerFor("op.pirpainti");
    await expect(op.records.markEntered({ items: [] })).rejects.toThrow(/at least one record/);
    await expect(op.records.markEntered({ items: [{ id: 1, portalRef: "x;DROP" }] })).rejects.toThrow(/portal reference/);
    // @ts-expect-error an unknown reason is refused
    await expect(op.records.markRejected({ ids: [1], reason: "Because" })).rejects.toThrow();
  });

  it("lets only the district officer undo a wrong mark, once, and records the reversal", async () => {
    const op = await callerFor("op.pirpainti");
    const dio = await callerFor("dio");
    const [a] = await pendingIds("Pirpainti", 1);
    await op.records.markEntered({ items: [{ id: a!, portalRef: "CWN-9000000031" }] });
    const change = (await op.records.getDetail({ id: a! })).history.at(-1)!;
    expect(code(await op.records.undoChange({ changeId: change.id }).catch((e) => e))).toBe("FORBIDDEN");
    const undone = await dio.records.undoChange({ changeId: change.id });
    expect(undone).toMatchObject({ from: "ENTERED", to: "PENDING", changed: true });
    const detail = await dio.records.getDetail({ id: a! });
    expect(detail.status).toBe("PENDING");
    expect(detail.portalRef).toBeNull();
    expect(detail.history.find((h) => h.id === change.id)?.undoneAt).not.toBeNull();
    expect(detail.history.at(-1)).toMatchObject({ from: "ENTERED", to: "PENDING", undoOfId: change.id, by: "District Immunization Officer" });
    expect(code(await dio.records.undoChange({ changeId: change.id }).catch((e) => e))).toBe("CONFLICT");
  });
});
