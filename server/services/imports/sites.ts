import "server-only";
import type { Db } from "@/server/db/client";
import { factWhere, type Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";

/** Sites first seen in an imported register, waiting for the district officer. */
export async function listUnconfirmedSites(db: Db, scope: Scope) {
  const sites = await db.site.findMany({
    where: { AND: [factWhere(scope), { confirmed: false }] },
    orderBy: [{ block: { name: "asc" } }, { name: "asc" }],
    include: { block: true, _count: { select: { camps: true } } },
  });
  const others = await db.site.findMany({ where: { ...factWhere(scope), blockId: { in: [...new Set(sites.map((s) => s.blockId))] }, confirmed: true }, orderBy: { name: "asc" } });
  return sites.map((s) => ({
    id: s.id,
    name: s.name,
    block: s.block.name,
    camps: s._count.camps,
    mergeTargets: others.filter((o) => o.blockId === s.blockId).map((o) => ({ id: o.id, name: o.name })),
  }));
}

/** A site in the caller's scope; an unknown one and one outside the scope read the same (NOT_FOUND). */
async function siteInScope(db: Pick<Db, "site">, scope: Scope, siteId: number) {
  const site = await db.site.findFirst({ where: { AND: [factWhere(scope), { id: siteId }] } });
  if (!site) throw new AppError("NOT_FOUND", "siteNotFound", { id: siteId });
  return site;
}

export async function confirmSite(db: Db, scope: Scope, siteId: number): Promise<void> {
  const site = await siteInScope(db, scope, siteId);
  await db.site.update({ where: { id: site.id }, data: { confirmed: true } });
}

/**
 * Folds a site created by an import into the existing site it really is (a spelling variant): its camps
 * move over, a camp on a date the target already has gives its records to that camp, then the site goes.
 */
export async function mergeSite(db: Db, scope: Scope, siteId: number, intoSiteId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    if (siteId === intoSiteId) throw new AppError("BAD_REQUEST", "siteMergeSame");
    const from = await siteInScope(tx, scope, siteId);
    const into = await siteInScope(tx, scope, intoSiteId);
    if (from.blockId !== into.blockId) throw new AppError("BAD_REQUEST", "siteMergeOtherBlock");
    for (const camp of await tx.camp.findMany({ where: { siteId: from.id } })) {
      const twin = await tx.camp.findUnique({ where: { districtId_siteId_date: { districtId: into.districtId, siteId: into.id, date: camp.date } } });
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
