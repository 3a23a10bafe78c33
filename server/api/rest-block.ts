import "server-only";
import { problem, type RestCaller } from "@/server/api/rest";
import { canSeeBlock } from "@/server/auth/scope";
import { findBlockByNameOrSlug, type BlockRef } from "@/server/services/blocks";

/** The block named in a /api/v1/blocks/{block}/… path, or the 404/403 answer (unknown before out of scope). */
export async function blockFromPath(caller: RestCaller, nameOrSlug: string): Promise<BlockRef | Response> {
  const block = await findBlockByNameOrSlug(caller.db, decodeURIComponent(nameOrSlug));
  if (!block) return problem(404, `There is no block "${nameOrSlug}".`);
  if (!canSeeBlock(caller.scope, block.id)) return problem(403, `You may read only your own block, not ${block.name}.`);
  return block;
}

/**
 * The optional `block` query parameter of a /api/v1 route: undefined when absent, else the block's id, or the
 * 400 (unknown block) / 403 (outside the caller's scope) answer. `verb` completes "You may … only your own block".
 */
export async function blockIdFromQuery(caller: Pick<RestCaller, "db" | "scope">, nameOrSlug: string | undefined, verb = "read"): Promise<number | undefined | Response> {
  if (!nameOrSlug) return undefined;
  const block = await findBlockByNameOrSlug(caller.db, nameOrSlug);
  if (!block) return problem(400, `Unknown block "${nameOrSlug}".`);
  if (!canSeeBlock(caller.scope, block.id)) return problem(403, `You may ${verb} only your own block, not ${block.name}.`);
  return block.id;
}
