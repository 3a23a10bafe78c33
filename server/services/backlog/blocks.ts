import "server-only";
import type { Db } from "@/server/db/client";
import { blockWhere, canSeeBlock, type Scope } from "@/server/auth/scope";
import { AppError } from "@/server/errors/app-error";
import { blockSlug } from "@/core/domain/district";
import { canonicalBlockName } from "@/core/domain/register-block";

export type BlockRef = { id: number; name: string; nameHi: string; slug: string; isUrban: boolean };

export async function listAllBlocks(db: Db): Promise<BlockRef[]> {
  const blocks = await db.block.findMany({ orderBy: { name: "asc" } });
  return blocks.map((b) => ({ id: b.id, name: b.name, nameHi: b.nameHi, slug: blockSlug(b.name), isUrban: b.isUrban }));
}

/** The blocks the scope may see, by name (`urbanLast`: the city after the rural blocks, as forms list them). */
export async function listBlocksInScope(db: Db, scope: Scope, options: { urbanLast?: boolean } = {}): Promise<BlockRef[]> {
  const orderBy = options.urbanLast ? [{ isUrban: "asc" as const }, { name: "asc" as const }] : [{ name: "asc" as const }];
  const blocks = await db.block.findMany({ where: blockWhere(scope), orderBy });
  return blocks.map((b) => ({ id: b.id, name: b.name, nameHi: b.nameHi, slug: blockSlug(b.name), isUrban: b.isUrban }));
}

/**
 * Finds a block by its name, URL slug or a historical spelling, whatever the case ("Rangra Chowk",
 * "rangra-chowk", "Colgong").
 * Ignores scope: for the import parsers and other code that checks scope itself; everyone else uses resolveBlock.
 */
export async function findBlockByNameOrSlug(db: Db, nameOrSlug: string): Promise<BlockRef | null> {
  const wanted = blockSlug(canonicalBlockName(nameOrSlug) ?? nameOrSlug);
  if (!wanted) return null;
  const blocks = await listAllBlocks(db);
  return blocks.find((b) => b.slug === wanted) ?? null;
}

/**
 * The only block lookup for callers: by id, name, URL slug or a historical spelling, within the caller's scope. A
 * block that does not exist and one outside the scope read exactly the same (NOT_FOUND), so that nobody can map
 * names or ids to blocks they may not see.
 */
export async function resolveBlock(db: Db, scope: Scope, ref: string | number): Promise<BlockRef> {
  const block = typeof ref === "number" ? await blockById(db, ref) : await findBlockByNameOrSlug(db, ref);
  if (!block || !canSeeBlock(scope, block.id)) {
    throw typeof ref === "number" ? new AppError("NOT_FOUND", "blockIdNotFound", { id: ref }) : new AppError("NOT_FOUND", "blockNotFound", { block: ref });
  }
  return block;
}

/** `resolveBlock` for an optional reference: undefined stays undefined (the whole scope). */
export async function resolveOptionalBlock(db: Db, scope: Scope, ref: string | number | undefined | null): Promise<BlockRef | undefined> {
  return ref === undefined || ref === null ? undefined : resolveBlock(db, scope, ref);
}

async function blockById(db: Db, id: number): Promise<BlockRef | null> {
  const b = await db.block.findUnique({ where: { id } });
  return b ? { id: b.id, name: b.name, nameHi: b.nameHi, slug: blockSlug(b.name), isUrban: b.isUrban } : null;
}
