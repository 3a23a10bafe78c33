import type { Db } from "@/server/db/client";

export class SiteMergeError extends Error {}

/** Sites first seen in an imported register, waiting for the district officer. */
export async function listUnconfirmedSites(db: Db) {
  const sites = await db.site.findMany({
    where: { confirmed: false },
    orderBy: [{ block: { name: "asc" } }, { name: "asc" }],
    include: { block: true, _count: { select: { camps: true } } },
  });
  const others = await db.site.findMany({ where: { blockId: { in: [...new Set(sites.map((s) => s.blockId))] }, confirmed: true }, orderBy: { name: "asc" } });
  return sites.map((s) => ({
    id: s.id,
    name: s.name,
    block: s.block.name,
    camps: s._count.camps,
    mergeTargets: others.filter((o) => o.blockId === s.blockId).map((o) => ({ id: o.id, name: o.name })),
  }));
}

export async function confirmSite(db: Db, siteId: number): Promise<void> {
  await db.site.update({ where: { id: siteId }, data: { confirmed: true } });
}

/**
 * Folds a site created by an import into the existing site it really is (a spelling variant): its camps
 * move over, a camp on a date the target already has gives its records to that camp, then the site goes.
 */
export async function mergeSite(db: Db, siteId: number, intoSiteId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const [from, into] = await Promise.all([tx.site.findUnique({ where: { id: siteId } }), tx.site.findUnique({ where: { id: intoSiteId } })]);
    if (!from || !into || from.id === into.id) throw new SiteMergeError("Choose two different existing sites.");
    if (from.blockId !== into.blockId) throw new SiteMergeError("A site can only be merged into a site of the same block.");
    for (const camp of await tx.camp.findMany({ where: { siteId: from.id } })) {
      const twin = await tx.camp.findUnique({ where: { siteId_date: { siteId: into.id, date: camp.date } } });
      if (twin) {
        await tx.vaccinationRecord.updateMany({ where: { campId: camp.id }, data: { campId: twin.id } });
        await tx.camp.delete({ where: { id: camp.id } });
      } else {
        await tx.camp.update({ where: { id: camp.id }, data: { siteId: into.id } });
      }
    }
    await tx.site.delete({ where: { id: from.id } });
  });
}
