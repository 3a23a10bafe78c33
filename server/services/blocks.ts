import type { Db } from "@/server/db/client";
import { blockWhere, type Scope } from "@/server/auth/scope";
import { blockSlug } from "@/server/domain/district";
import { canonicalBlockName } from "@/server/domain/register-block";

export type BlockRef = { id: number; name: string; nameHi: string; slug: string; isUrban: boolean };

export async function listAllBlocks(db: Db): Promise<BlockRef[]> {
  const blocks = await db.block.findMany({ orderBy: { name: "asc" } });
  return blocks.map((b) => ({ id: b.id, name: b.name, nameHi: b.nameHi, slug: blockSlug(b.name), isUrban: b.isUrban }));
}

export async function listBlocksInScope(db: Db, scope: Scope): Promise<BlockRef[]> {
  const blocks = await db.block.findMany({ where: blockWhere(scope), orderBy: { name: "asc" } });
  return blocks.map((b) => ({ id: b.id, name: b.name, nameHi: b.nameHi, slug: blockSlug(b.name), isUrban: b.isUrban }));
}

/**
 * Finds a block by its name, URL slug or a historical spelling, whatever the case ("Rangra Chowk",
 * "rangra-chowk", "Colgong").
 * Deliberately ignores scope: callers must tell "no such block" (400/404) from "not your block" (403).
 */
export async function findBlockByNameOrSlug(db: Db, nameOrSlug: string): Promise<BlockRef | null> {
  const wanted = blockSlug(canonicalBlockName(nameOrSlug) ?? nameOrSlug);
  if (!wanted) return null;
  const blocks = await listAllBlocks(db);
  return blocks.find((b) => b.slug === wanted) ?? null;
}
