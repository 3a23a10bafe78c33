import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { blockIdOf, callerFor, testDb } from "@/tests/helpers/callers";

describe("new sites from imports", () => {
  it("are listed for the DIO only, and merging moves their camps and records into the real site", async () => {
    const db = testDb();
    const pirpainti = await blockIdOf("Pirpainti");
    const target = await db.site.findFirstOrThrow({ where: { blockId: pirpainti, name: "Pirpainti PHC" }, include: { camps: true } });
    const targetCamp = target.camps[0]!;
    const { districtId } = target;
    const variant = await db.site.create({ data: { districtId, blockId: pirpainti, name: "Pirpainti P.H.C.", confirmed: false } });
    const sameDay = await db.camp.create({ data: { districtId, siteId: variant.id, date: targetCamp.date } });
    const otherDay = await db.camp.create({ data: { districtId, siteId: variant.id, date: new Date("2021-05-01T00:00:00Z") } });
    const record = await db.vaccinationRecord.findFirstOrThrow({ where: { campId: targetCamp.id } });
    await db.vaccinationRecord.update({ where: { id: record.id }, data: { campId: sameDay.id } });
    try {
      const sup = await callerFor("sup.pirpainti");
      await expect(sup.sites.listUnconfirmed()).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
      const dio = await callerFor("dio");
      const listed = await dio.sites.listUnconfirmed();
      const entry = listed.find((s) => s.id === variant.id)!;
      expect(entry).toMatchObject({ block: "Pirpainti", camps: 2 });
      expect(entry.mergeTargets.map((t) => t.id)).toContain(target.id);

      await dio.sites.merge({ id: variant.id, intoId: target.id });
      expect(await db.site.findUnique({ where: { id: variant.id } })).toBeNull();
      expect((await db.vaccinationRecord.findUniqueOrThrow({ where: { id: record.id } })).campId).toBe(targetCamp.id);
      expect((await db.camp.findUniqueOrThrow({ where: { id: otherDay.id } })).siteId).toBe(target.id);
      await expect(dio.sites.merge({ id: target.id, intoId: target.id })).rejects.toThrow(/two different/);
    } finally {
      await db.vaccinationRecord.update({ where: { id: record.id }, data: { campId: targetCamp.id } });
      await db.camp.deleteMany({ where: { id: { in: [sameDay.id, otherDay.id] } } });
      await db.site.deleteMany({ where: { id: variant.id } });
    }
  });
});
