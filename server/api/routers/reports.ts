import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZBlockRef } from "@/core/contracts/ids";
import { listBlocksInScope, resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { buildDailyReport } from "@/server/services/reports/daily-report";

export const reportsRouter = createTRPCRouter({
  /** The daily review report of the caller's scope, or of one block in it, with the blocks it may be narrowed to. */
  getDaily: authorized("reports.daily")
    .input(z.object({ block: ZBlockRef.optional() }).optional())
    .query(async ({ ctx, input }) => {
      const block = await resolveOptionalBlock(ctx.db, ctx.scope, input?.block);
      const [report, blocks] = await Promise.all([buildDailyReport(ctx.db, ctx.scope, ctx.now(), { blockId: block?.id }), listBlocksInScope(ctx.db, ctx.scope)]);
      return { report, blocks: ctx.scope.kind === "block" ? [] : blocks };
    }),
});
