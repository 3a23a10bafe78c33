import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { listBlocksInScope, resolveBlock } from "@/server/services/backlog/blocks";

export const blocksRouter = createTRPCRouter({
  list: authorized("dashboard.read").query(({ ctx }) => listBlocksInScope(ctx.db, ctx.scope)),

  getBySlug: authorized("dashboard.read")
    .input(z.object({ slug: z.string().trim().min(1).max(60) }))
    .query(({ ctx, input }) => resolveBlock(ctx.db, ctx.scope, input.slug)),
});
