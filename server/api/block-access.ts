import { TRPCError } from "@trpc/server";
import type { Db } from "@/server/db/client";
import { canSeeBlock, type Scope } from "@/server/auth/scope";

/** Unknown block: NOT_FOUND. Known but outside the caller's scope: FORBIDDEN, before any data is read. */
export async function assertBlockInScope(db: Db, scope: Scope, blockId: number): Promise<void> {
  const exists = await db.block.count({ where: { id: blockId } });
  if (!exists) throw new TRPCError({ code: "NOT_FOUND", message: `There is no block with id ${blockId}.` });
  if (!canSeeBlock(scope, blockId)) throw new TRPCError({ code: "FORBIDDEN", message: "This is not your block." });
}
