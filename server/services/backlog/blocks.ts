import "server-only";
import type { Db } from "@/server/db/client";
import { blockWhere, canSeeBlock, scopeDistrictIds, type Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import { blockDirectory, slugOf, type BlockDirectory } from "@/core/domain/block-directory";

export type BlockRef = { id: number; districtId: number; name: string; nameHi: string; slug: string; isUrban: boolean };

type BlockRow = { id: number; districtId: number; name: string; nameHi: string; isUrban: boolean };

const toRef = (b: BlockRow): BlockRef => ({ id: b.id, districtId: b.districtId, name: b.name, nameHi: b.nameHi, slug: slugOf(b.name), isUrban: b.isUrban });

/** The blocks the scope may see, by name (`urbanLast`: the city after the rural blocks, as forms list them). */
export async function listBlocksInScope(db: Db, scope: Scope, options: { urbanLast?: boolean } = {}): Promise<BlockRef[]> {
  const orderBy = options.urbanLast ? [{ isUrban: "asc" as const }, { name: "asc" as const }] : [{ name: "asc" as const }];
  const blocks = await db.block.findMany({ where: blockWhere(scope), orderBy });
  return blocks.map(toRef);
}

/**
 * The blocks of some districts with their aliases, to find a block by anything written for it. For the import
 * parsers (the importer's district) and for resolveBlock (the caller's scope).
 */
export async function blockDirectoryOf(db: Db, districtIds: readonly number[]): Promise<BlockDirectory<BlockRef & { aliases: string[] }>> {
  const blocks = await db.block.findMany({
    where: { districtId: { in: [...districtIds] } },
    include: { aliases: { select: { alias: true } } },
    orderBy: [{ districtId: "asc" }, { name: "asc" }],
  });
  return blockDirectory(blocks.map((b) => ({ ...toRef(b), aliases: b.aliases.map((a) => a.alias) })));
}

/**
 * The only block lookup for callers: by id, name, URL slug, Hindi name or alias, within the caller's scope. A block
 * that does not exist and one outside the scope read exactly the same (NOT_FOUND), so that nobody can map names or
 * ids to blocks they may not see. A name that two districts of a state officer's scope both use is ambiguous: it is
 * refused with a message that says to use the block's id (or the district's own page).
 */
export async function resolveBlock(db: Db, scope: Scope, ref: string | number): Promise<BlockRef> {
  if (typeof ref === "number") {
    const b = await db.block.findUnique({ where: { id: ref } });
    if (!b || !canSeeBlock(scope, b)) throw new AppError("NOT_FOUND", "blockIdNotFound", { id: ref });
    return toRef(b);
  }
  const found = (await blockDirectoryOf(db, scopeDistrictIds(scope))).find(ref).filter((b) => canSeeBlock(scope, b));
  if (found.length === 0) throw new AppError("NOT_FOUND", "blockNotFound", { block: ref });
  if (found.length > 1) throw new AppError("BAD_REQUEST", "blockAmbiguous", { block: ref, count: found.length });
  const { id, districtId, name, nameHi, slug, isUrban } = found[0]!;
  return { id, districtId, name, nameHi, slug, isUrban };
}

/** `resolveBlock` for an optional reference: undefined stays undefined (the whole scope). */
export async function resolveOptionalBlock(db: Db, scope: Scope, ref: string | number | undefined | null): Promise<BlockRef | undefined> {
  return ref === undefined || ref === null ? undefined : resolveBlock(db, scope, ref);
}
