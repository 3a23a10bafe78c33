/**
 * Camp totals (issue 5, part 1): district → mega camp → block → site (camp), each with target, register
 * total, entered / pending / rejected and the splits by dose, vaccine, sex and age band. Counts belong to the
 * camp a record was written in (a site on an IST date), so an entry uploaded or keyed in a day late still
 * counts for the day of vaccination. Every read is scoped: a block user's "district" is their block.
 * An unknown id and one outside the caller's scope read the same: NOT_FOUND.
 */
import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db/client";
import { canSeeBlock, districtIdWhere, type Scope } from "@/server/auth/scope";
import { slugOf } from "@/core/domain/block-directory";
import { listBlocksInScope, resolveBlock } from "@/server/services/backlog/blocks";
import { aggregateCamps, figuresOf } from "@/server/services/camps/camp-aggregate";
import { AppError } from "@/server/errors/app-error";
import { sumCampFigures, type CampFigures } from "@/core/domain/camp-figures";

export type MegaCampRef = { id: number; name: string; /** IST calendar date, yyyy-MM-dd. */ date: string };
export type BlockRefLite = { blockId: number; block: string; blockHi: string; slug: string; isUrban: boolean };

export type MegaCampTotals = MegaCampRef & CampFigures;
export type MegaCampList = { district: CampFigures; megaCamps: MegaCampTotals[]; /** Camps held outside any mega camp. */ otherCamps: CampFigures };

export type MegaCampBlockTotals = BlockRefLite & CampFigures;
export type MegaCampDetail = { megaCamp: MegaCampRef; totals: CampFigures; blocks: MegaCampBlockTotals[] };

export type CampRef = { campId: number; siteId: number; site: string; date: string };
export type SiteCampTotals = CampRef & CampFigures;
export type BlockCampsDetail = { megaCamp: MegaCampRef; block: BlockRefLite; totals: CampFigures; sites: SiteCampTotals[] };

export type CampDetail = { camp: CampRef & BlockRefLite & { megaCamp: MegaCampRef | null; target: number | null }; figures: CampFigures };

export const dateKey = (date: Date): string => date.toISOString().slice(0, 10);
const megaRef = (m: { id: number; name: string; date: Date }): MegaCampRef => ({ id: m.id, name: m.name, date: dateKey(m.date) });

/** A mega camp of a district in scope; another district's reads like one that does not exist (NOT_FOUND). */
export async function findMegaCamp(db: Db, scope: Scope, id: number): Promise<MegaCampRef> {
  const mega = await db.megaCamp.findFirst({ where: { id, ...districtIdWhere(scope) } });
  if (!mega) throw new AppError("NOT_FOUND", "megaCampNotFound", { id });
  return megaRef(mega);
}

/** The block in the caller's scope (an unknown one and one outside it read the same: NOT_FOUND). */
export async function findBlockInScope(db: Db, scope: Scope, blockId: number): Promise<BlockRefLite> {
  const block = await resolveBlock(db, scope, blockId);
  return { blockId: block.id, block: block.name, blockHi: block.nameHi, slug: block.slug, isUrban: block.isUrban };
}

/** Every mega camp (latest first) with its totals, plus the camps held outside any; `district` is the sum of all. */
export async function listMegaCamps(db: Db, scope: Scope): Promise<MegaCampList> {
  const [megaCamps, groups] = await Promise.all([
    db.megaCamp.findMany({ where: districtIdWhere(scope), orderBy: [{ date: "desc" }, { id: "desc" }] }),
    aggregateCamps(db, scope, "megaCamp", Prisma.sql`TRUE`),
  ]);
  return {
    district: sumCampFigures([...groups.values()]),
    megaCamps: megaCamps.map((m) => ({ ...megaRef(m), ...figuresOf(groups, m.id) })),
    otherCamps: figuresOf(groups, null),
  };
}

/** One mega camp, per block in scope (all 17 for the district officer, even blocks without a camp). */
export async function getMegaCamp(db: Db, scope: Scope, id: number): Promise<MegaCampDetail> {
  const megaCamp = await findMegaCamp(db, scope, id);
  const [blocks, groups] = await Promise.all([
    listBlocksInScope(db, scope),
    aggregateCamps(db, scope, "block", Prisma.sql`c.mega_camp_id = ${id}`),
  ]);
  const rows = blocks.map((b) => ({ blockId: b.id, block: b.name, blockHi: b.nameHi, slug: b.slug, isUrban: b.isUrban, ...figuresOf(groups, b.id) }));
  return { megaCamp, totals: sumCampFigures(rows), blocks: rows };
}

/** One block's camps (one per site) in a mega camp. */
export async function getBlockCamps(db: Db, scope: Scope, megaCampId: number, blockId: number): Promise<BlockCampsDetail> {
  const megaCamp = await findMegaCamp(db, scope, megaCampId);
  const block = await findBlockInScope(db, scope, blockId);
  const [camps, groups] = await Promise.all([
    db.camp.findMany({ where: { ...districtIdWhere(scope), megaCampId, site: { blockId } }, include: { site: true } }),
    aggregateCamps(db, scope, "camp", Prisma.sql`c.mega_camp_id = ${megaCampId} AND s.block_id = ${blockId}`),
  ]);
  const sites = camps
    .map((c) => ({ campId: c.id, siteId: c.siteId, site: c.site.name, date: dateKey(c.date), ...figuresOf(groups, c.id) }))
    .sort((a, b) => a.site.localeCompare(b.site) || a.date.localeCompare(b.date));
  return { megaCamp, block, totals: sumCampFigures(sites), sites };
}

/** The camp with its site, block and mega camp, if it exists (else NOT_FOUND) and is in scope (else FORBIDDEN). */
export async function findCampInScope(db: Db, scope: Scope, id: number) {
  const camp = await db.camp.findUnique({ where: { id }, include: { site: { include: { block: true } }, megaCamp: true } });
  if (!camp || !canSeeBlock(scope, camp.site.block)) throw new AppError("NOT_FOUND", "campNotFound", { id });
  return camp;
}

/** One camp (a site on a date) with its figures. */
export async function getCamp(db: Db, scope: Scope, id: number): Promise<CampDetail> {
  const camp = await findCampInScope(db, scope, id);
  const groups = await aggregateCamps(db, scope, "camp", Prisma.sql`c.id = ${id}`);
  const { block } = camp.site;
  return {
    camp: {
      campId: camp.id,
      siteId: camp.siteId,
      site: camp.site.name,
      date: dateKey(camp.date),
      target: camp.target,
      blockId: block.id,
      block: block.name,
      blockHi: block.nameHi,
      slug: slugOf(block.name),
      isUrban: block.isUrban,
      megaCamp: camp.megaCamp ? megaRef(camp.megaCamp) : null,
    },
    figures: figuresOf(groups, id),
  };
}
