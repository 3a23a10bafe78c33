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
