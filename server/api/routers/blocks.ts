import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, authedProcedure } from "@/server/api/trpc";
import { canSeeBlock } from "@/server/auth/scope";
import { findBlockByNameOrSlug, listBlocksInScope } from "@/server/services/blocks";

export const blocksRouter = createTRPCRouter({
  list: authedProcedure.query(({ ctx }) => listBlocksInScope(ctx.db, ctx.scope)),

  getBySlug: authedProcedure.input(z.object({ slug: z.string().trim().min(1).max(60) })).query(async ({ ctx, input }) => {
    const block = await findBlockByNameOrSlug(ctx.db, input.slug);
    if (!block) throw new TRPCError({ code: "NOT_FOUND", message: `There is no block called "${input.slug}".` });
    if (!canSeeBlock(ctx.scope, block.id)) throw new TRPCError({ code: "FORBIDDEN", message: "This is not your block." });
    return block;
  }),
});
