import "server-only";
import { z } from "zod";
import { createTRPCRouter, authorized } from "@/server/api/trpc";
import { ZId } from "@/core/contracts/ids";
import { resolveBlock, resolveOptionalBlock } from "@/server/services/backlog/blocks";
import { getTimeliness } from "@/server/services/performance/timeliness";
import { blockForecastsOf } from "@/server/services/read-models/dashboard-read-models";

export const ZGetTimelinessInput = z.object({ from: z.date().optional(), to: z.date().optional(), blockId: ZId.optional() }).optional();

export const ZGetBlockForecastInput = z.object({ blockId: ZId });

export const performanceRouter = createTRPCRouter({
  /** Entry timeliness per block and operator for vaccinations in [from, to) (default: the last 30 days). */
  getTimeliness: authorized("dashboard.read")
    .input(ZGetTimelinessInput)
    .query(async ({ ctx, input }) => {
      const block = await resolveOptionalBlock(ctx.db, ctx.scope, input?.blockId);
      return getTimeliness(ctx.db, ctx.scope, ctx.now(), { ...input, blockId: block?.id });
    }),

  /** One burn-down forecast per block in the caller's scope. */
  getForecasts: authorized("dashboard.read").query(({ ctx }) => blockForecastsOf(ctx.db, ctx.scope, ctx.now())),

  getBlockForecast: authorized("dashboard.read")
    .input(ZGetBlockForecastInput)
    .query(async ({ ctx, input }) => {
      const block = await resolveBlock(ctx.db, ctx.scope, input.blockId);
      const list = await blockForecastsOf(ctx.db, ctx.scope, ctx.now(), block.id);
      const forecast = list.blocks[0];
      if (!forecast) throw new Error(`blockForecastsOf returned no forecast for block ${block.id}`);
      return { generatedAt: list.generatedAt, rateWindowWorkingHours: list.rateWindowWorkingHours, ...forecast };
    }),
});
